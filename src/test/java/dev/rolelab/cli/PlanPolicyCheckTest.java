package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolelab.lab.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `plan` asks the policy simulator before anything exists and shows the table (text) or carries it (JSON). */
class PlanPolicyCheckTest {

    @TempDir
    Path home;

    @Test
    void planTextShowsTheShortTableFromThePracticeSimulator() {
        CliRun r = CliRun.run(home, "plan", "--practice");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Policy check before anything exists, by the practice simulator"), r.out());
        assertTrue(r.out().contains("push (6 actions) on ec2-ecr-test"), r.out());
        assertTrue(r.out().contains("push (6 actions) on some-other-repository"), r.out());
        assertTrue(r.out().contains("destructive IAM (7 actions) on \"*\""), r.out());
        assertTrue(r.out().contains("Least privilege confirmed"), r.out());
        assertFalse(r.out().contains("NO:"), r.out());
    }

    @Test
    void planJsonCarriesEveryRowAndABroadPolicyFailsItsRows() throws Exception {
        Path policy = home.resolve("broad.json");
        Files.writeString(policy, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}]}");
        CliRun r = CliRun.run(home, "plan", "--practice", "--json", "--policy-file", policy.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode check = Json.MAPPER.readTree(r.out()).path("policyCheck");
        assertFalse(check.path("ok").asBoolean(true), check.toString());
        assertEquals(26, check.path("rows").size());
        JsonNode other = check.path("rows").path(6);
        assertEquals("ecr:CompleteLayerUpload", other.path("action").asText());
        assertTrue(other.path("resource").asText().endsWith("repository/some-other-repository"));
        assertEquals("DENIED", other.path("expected").asText());
        assertEquals("allowed", other.path("verdict").asText());
        assertFalse(other.path("ok").asBoolean(true));
        assertEquals("us-east-1", check.path("context").path("aws:RequestedRegion").asText());
    }
}
