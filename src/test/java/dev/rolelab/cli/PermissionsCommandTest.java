package dev.rolelab.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.aws.AwsLabStubs;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.RunnerPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PermissionsCommandTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path home;

    @Test
    void practicePrintsThePolicyForTheSimulatedAccountAsOneJsonDocument() throws Exception {
        CliRun r = CliRun.run(home, "permissions", "--practice");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals(RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("us-east-1"), "123456789012"), doc);
        assertTrue(r.err().contains("Practice mode: a simulation"), "labelled, on stderr: " + r.err());
        assertFalse(r.out().contains("Practice"), "stdout is the JSON alone");
        assertEquals(doc.path("Statement").size() + 5, r.out().lines().count(), "a statement a line: " + r.out());
    }

    @Test
    void aGivenAccountAndRegionNeedNoCallAndFollowThePartition() throws Exception {
        // no credentials and an endpoint that refuses connections: nothing is asked of AWS
        CliRun r = CliRun.run(home, "permissions", "--region", "cn-north-1", "--account", "210987654321", "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(0, r.exit(), r.err());
        String text = r.out();
        assertTrue(text.contains("arn:aws-cn:iam::210987654321:role/rolelab/*"), text);
        assertFalse(text.contains("arn:aws:"), text);
    }

    @Test
    void withoutAnAccountItAsksStsWhoYouAre() throws Exception {
        AwsLabStubs.stubAccount(wm);
        System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        try {
            CliRun r = CliRun.run(home, "permissions", "--region", "eu-west-1", "--endpoint-url", wm.baseUrl());
            assertEquals(0, r.exit(), r.err());
            assertEquals(RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("eu-west-1"), "123456789012"), Json.MAPPER.readTree(r.out()));
            assertEquals(java.util.List.of("GetCallerIdentity"), AwsLabStubs.calls(wm));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void badInputIsNamedAndExitsTwo() {
        CliRun account = CliRun.run(home, "permissions", "--practice", "--account", "12345");
        assertEquals(ExitCodes.INVALID_INPUT, account.exit());
        assertTrue(account.err().contains("--account: '12345' is not an AWS account id (12 digits"), account.err());
        assertEquals("", account.out());
        // a pasted id with a line break (or an escape sequence) is shown escaped, as every other option is
        CliRun pasted = CliRun.run(home, "permissions", "--practice", "--account", "123456789012\n\u001b[2J");
        assertEquals(ExitCodes.INVALID_INPUT, pasted.exit());
        assertTrue(pasted.err().contains("'123456789012\\u000a\\u001b[2J'") && !pasted.err().contains("\u001b"), pasted.err());
        CliRun region = CliRun.run(home, "permissions", "--region", "mars-1", "--account", "123456789012");
        assertEquals(ExitCodes.INVALID_INPUT, region.exit());
        assertTrue(region.err().contains("--region: 'mars-1' is not an AWS region"), region.err());
    }
}
