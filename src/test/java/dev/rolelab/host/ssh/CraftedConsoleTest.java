package dev.rolelab.host.ssh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.aws.AwsCloud;
import dev.rolelab.cloud.aws.AwsTestSettings;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Cancel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A console whose host keys contradict each other stops the run before SSH: nobody is asked, nothing is sent. */
class CraftedConsoleTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path tmp;

    LocalSshd sshd;

    @BeforeEach
    void start() throws Exception {
        sshd = new LocalSshd(tmp);
        StandIns.install(sshd, tmp);
    }

    @AfterEach
    void stop() throws Exception {
        sshd.close();
    }

    @Test
    void keysThatDisagreeWithTheFingerprintsStopTheRunBeforeSsh() throws Exception {
        String hashes = "#".repeat(61);
        String p = "[   10.59] cloud-init[1630]: ";
        // the fingerprints block names someone else's key; the keys block names the server's
        String console = p + hashes + "\r\n" + p + "-----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n"
                + p + "256 SHA256:KNLPXk/osB7zhDTR0FU7V8AxfZOf493OMpsnGB208SQ root@evil (ED25519)\r\n"
                + p + "-----END SSH HOST KEY FINGERPRINTS-----\r\n" + p + hashes + "\r\n"
                + "-----BEGIN SSH HOST KEY KEYS-----\r\n" + sshd.hostKeyLine + "\r\n-----END SSH HOST KEY KEYS-----\r\n";
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("GetConsoleOutput"))
                .willReturn(aResponse().withBody("<GetConsoleOutputResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
                        + "<instanceId>i-0abc123def4567890</instanceId><timestamp>2026-11-29T08:41:30Z</timestamp><output>"
                        + Base64.getEncoder().encodeToString(console.getBytes(StandardCharsets.UTF_8)) + "</output></GetConsoleOutputResponse>")));
        AtomicBoolean asked = new AtomicBoolean();
        BuildAndPush.Result r;
        try (AwsCloud cloud = new AwsCloud(AwsTestSettings.forWireMock(wm.baseUrl()))) {
            BuildAndPush remote = new BuildAndPush(cloud, new SshHosts(Duration.ofMillis(10)),
                    new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(5)));
            r = remote.run(LabSpec.builder().sshCidr("203.0.113.7/32").build(),
                    new BuildAndPush.Target("i-0abc123def4567890", "127.0.0.1", sshd.port(), sshd.clientKey, "123456789012",
                            "arn:aws:iam::123456789012:role/rolelab/containerise"),
                    0, f -> asked.getAndSet(true), new Cancel(), e -> { });
        }
        assertEquals(BuildAndPush.Outcome.HOST_FAILED, r.outcome());
        assertTrue(r.failure().contains("will not connect"), r.failure());
        assertFalse(asked.get(), "a contradicting console is not a reason to ask the user");
        assertFalse(Files.exists(tmp.resolve("calls.log")), "nothing ran on the host");
    }
}
