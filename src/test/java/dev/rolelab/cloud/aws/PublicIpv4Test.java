package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public-IP check asks over IPv4, whatever the name resolves to first. */
class PublicIpv4Test {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AwsCloud cloud() {
        // "localhost" has an IPv6 address (::1) as well as 127.0.0.1 on most systems
        return new AwsCloud(new AwsSettings("us-east-1", null, URI.create(wm.baseUrl()), null, true, Duration.ofMillis(20),
                Duration.ofSeconds(2), Duration.ofMillis(10), URI.create("http://localhost:" + wm.getPort() + "/checkip")));
    }

    @Test
    void asksOverIpv4AndReadsAChunkedAnswer() {
        wm.stubFor(get("/checkip").willReturn(aResponse().withBody("198.51.100.23\n").withChunkedDribbleDelay(3, 30)));
        try (AwsCloud c = cloud()) {
            assertEquals("198.51.100.23", c.publicIp());
        }
        assertEquals("127.0.0.1", wm.getAllServeEvents().get(0).getRequest().getClientIp());
    }

    @Test
    void anIpv6AnswerIsRefusedWithTheWayOut() {
        wm.stubFor(get("/checkip").willReturn(aResponse().withBody("2001:db8::7\n")));
        try (AwsCloud c = cloud()) {
            CloudException e = assertThrows(CloudException.class, c::publicIp);
            assertTrue(e.getMessage().contains("not an IPv4 address"), e.getMessage());
            assertTrue(e.hint().contains("/32"), e.hint());
        }
    }
}
