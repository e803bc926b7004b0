package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static dev.rolelab.cloud.aws.AwsWire.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile made by {@code aws login} ({@code login_session}) resolves through the SDK's signin module: the
 * cached console credentials sign RoleLab's calls, and a missing session is worded as "run aws login".
 * Offline: the token cache is a file, the calls go to WireMock.
 */
class ConsoleSignInTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String SESSION = "arn:aws:iam::123456789012:user/learner";

    @TempDir
    Path tmp;

    private String configFile;
    private String cacheDirectory;

    @BeforeEach
    void profileMadeByAwsLogin() throws Exception {
        Path config = tmp.resolve("config");
        Files.writeString(config, "[profile learner]\nlogin_session = " + SESSION + "\nregion = us-east-1\n");
        configFile = System.getProperty("aws.configFile");
        cacheDirectory = System.getProperty("aws.loginCacheDirectory");
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.loginCacheDirectory", tmp.resolve("login-cache").toString());
        Files.createDirectories(tmp.resolve("login-cache"));
    }

    @AfterEach
    void restore() {
        restore("aws.configFile", configFile);
        restore("aws.loginCacheDirectory", cacheDirectory);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private AwsCloud cloud() {
        return new AwsCloud(new AwsSettings("us-east-1", "learner", URI.create(wm.baseUrl()), null, true, Duration.ofMillis(20),
                Duration.ofSeconds(2), Duration.ofMillis(10), URI.create(wm.baseUrl() + "/checkip")));
    }

    /** The cache file `aws login` writes: SHA-256 of the session, in the login cache directory. */
    private void cacheToken(Instant expires) throws Exception {
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SESSION.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(tmp.resolve("login-cache").resolve(key + ".json"), "{\"accessToken\":{\"accessKeyId\":\"ASIAEXAMPLELOGIN0001\","
                + "\"secretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\"sessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLE\","
                + "\"accountId\":\"123456789012\",\"expiresAt\":\"" + expires + "\"},\"tokenType\":\"aws_sigv4\","
                + "\"clientId\":\"arn:aws:signin:::devtools/same-device\",\"refreshToken\":\"EXAMPLE-refresh\","
                + "\"identityToken\":\"EXAMPLE-identity\",\"dpopKey\":\"EXAMPLE-key\"}");
    }

    @Test
    void theCachedConsoleSignInSignsTheCalls() throws Exception {
        cacheToken(Instant.now().plusSeconds(3600));
        wm.stubFor(query("GetCallerIdentity").willReturn(xml("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>" + SESSION + "</Arn><UserId>AIDAEXAMPLE</UserId>"
                + "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")));
        try (AwsCloud cloud = cloud()) {
            assertEquals(SESSION, cloud.identity().arn());
        }
        wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("Authorization", matching(".*Credential=ASIAEXAMPLELOGIN0001/.*")));
    }

    @Test
    void noLoginSessionOnDiskSaysRunAwsLogin() {
        try (AwsCloud cloud = cloud()) {
            CloudException e = assertThrows(CloudException.class, cloud::identity);
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("'signin' service module"), String.valueOf(t.getMessage()));
            }
            assertEquals("LoginSessionExpired", e.code());
            assertEquals(CloudException.Kind.CREDENTIALS, e.kind());
            assertTrue(e.getMessage().contains("aws login"), e.getMessage());
            assertTrue(e.hint().startsWith("sign in with `aws login`"), e.hint());
        }
        wm.verify(0, postRequestedFor(urlEqualTo("/")));
    }
}
