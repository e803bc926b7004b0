package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Partition;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Partitions from the SDK's own metadata, and a lab in China over the wire: its trust policy names China's EC2. */
class PartitionsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path tmp;

    @Test
    void everyRegionAndPartitionTheSdkKnows() {
        SdkRegions sdk = SdkRegions.CATALOGUE;
        assertTrue(sdk.known().size() > 30, sdk.known().toString());
        assertTrue(sdk.known().containsAll(java.util.List.of("us-east-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "af-south-1")));
        assertFalse(sdk.known().stream().anyMatch(r -> r.contains("global")), sdk.known().toString());
        assertEquals(new Partition("aws", "amazonaws.com", "ec2.amazonaws.com"), sdk.partition("eu-west-1"));
        assertEquals(new Partition("aws-cn", "amazonaws.com.cn", "ec2.amazonaws.com.cn"), sdk.partition("cn-north-1"));
        assertEquals("aws-us-gov", sdk.partition("us-gov-east-1").id());
        assertEquals("US East (N. Virginia)", sdk.name("us-east-1"));
        assertEquals(Region.AWS_CN_GLOBAL, sdk.iamRegion("cn-northwest-1"));
        assertEquals(Region.AWS_GLOBAL, sdk.iamRegion("ap-east-1"));
    }

    @Test
    void regionsLaunchedAfterMarch2019AreOptIn() {
        SdkRegions sdk = SdkRegions.CATALOGUE;
        for (String optIn : new String[] {"af-south-1", "ap-east-1", "eu-south-1", "me-central-1", "il-central-1"}) {
            assertTrue(sdk.optIn(optIn), optIn);
        }
        for (String enabled : new String[] {"us-east-1", "eu-north-1", "ap-northeast-3", "sa-east-1", "cn-north-1", "us-gov-west-1", "mars-1"}) {
            assertFalse(sdk.optIn(enabled), enabled);
        }
    }

    @Test
    void aLabInChinaTrustsChinasEc2AndWritesChinasArns() {
        AwsLabStubs.stubAccount(wm);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        AwsSettings china = new AwsSettings("cn-north-1", null, URI.create(wm.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                true, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofMillis(10), URI.create(wm.baseUrl() + "/checkip"));
        try (AwsCloud cloud = new AwsCloud(china)) {
            Ledger ledger = new LedgerStore(tmp).create(LabSpec.builder().region("cn-north-1").sshCidr("203.0.113.7/32")
                    .key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(), null, wm.baseUrl(), false);
            Provisioner.Result r = new Provisioner(cloud, tmp.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome(), r.failure());
            wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("CreateRole"))
                    .withFormParam("AssumeRolePolicyDocument", containing("\"Service\": \"ec2.amazonaws.com.cn\"")));
            wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("CreatePolicy"))
                    .withFormParam("PolicyDocument", containing("arn:aws-cn:ecr:cn-north-1:123456789012:repository/ec2-ecr-test")));
        } finally {
            executor.shutdownNow();
        }
    }
}
