package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.practice.PracticeCloud;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCheckTest {
    static final String ACCOUNT = PracticeCloud.ACCOUNT;
    static final String REPO = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/ec2-ecr-test";

    final PracticeCloud cloud = PracticeCloud.inMemory(PracticeCloud.Timing.INSTANT);
    final PolicyCheck check = new PolicyCheck(cloud, true);

    static LabSpec spec(String policy) {
        return LabSpec.builder().sshCidr("203.0.113.10/32").key(KeyChoice.generate("rolelab-ec2-ecr-test")).permissionsPolicy(policy).build();
    }

    static String allow(String action, String resource, String condition) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"" + resource + "\""
                + condition + "}]}";
    }

    @Test
    void theGeneratedPolicyPassesEveryRowAndTheTableSaysItIsASimulation() {
        PolicyCheck.Table t = check.check(spec(null), ACCOUNT, null);
        assertTrue(t.ok(), t.failures().toString());
        assertEquals(6 + 6 + 1 + 6 + PolicyCheck.DESTRUCTIVE_IAM.size(), t.rows().size());
        assertTrue(t.source().contains("practice simulator"), t.source());
        assertEquals(Map.of("aws:RequestedRegion", "us-east-1", "aws:SecureTransport", "true"), t.context());
        PolicyCheck.Row first = t.rows().get(0);
        assertEquals(new PolicyCheck.Row("push", "ecr:CompleteLayerUpload", REPO, PolicyCheck.Expected.ALLOWED, "allowed"), first);
        assertTrue(t.rows().stream().anyMatch(r -> r.action().equals("ecr:BatchDeleteImage") && r.expected() == PolicyCheck.Expected.DENIED
                && r.verdict().equals("implicitDeny")));
    }

    @Test
    void aBroadPolicyFailsTheRowsOfWhatItShouldNotAllow() {
        PolicyCheck.Table t = check.check(spec(allow("ecr:*", "*", "")), ACCOUNT, null);
        assertFalse(t.ok());
        List<String> failed = t.failures().stream().map(r -> r.action() + " " + r.resource()).toList();
        assertTrue(failed.contains("ecr:PutImage arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + PolicyCheck.OTHER_REPOSITORY), failed.toString());
        assertTrue(failed.contains("ecr:BatchDeleteImage " + REPO), failed.toString());
        assertTrue(t.failures().stream().noneMatch(r -> r.action().startsWith("iam:")), failed.toString());

        PolicyCheck.Table admin = check.check(spec(allow("*", "*", "")), ACCOUNT, null);
        assertTrue(admin.failures().stream().anyMatch(r -> r.action().equals("iam:PassRole")), admin.failures().toString());
    }

    @Test
    void theSimulationUsesTheLabsRegionAndTheRolesTagWhenKnown() {
        String regional = allow("ecr:*", REPO, ", \"Condition\": {\"StringEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}}");
        PolicyCheck.Table t = check.check(spec(regional), ACCOUNT, null);
        assertEquals("allowed", t.rows().get(0).verdict(), "the region is in the context, so the condition holds");
        String tagged = allow("ecr:PutImage", REPO, ", \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/rolelab:lab\": \"lab-0a1b\"}}");
        assertEquals("implicitDeny", verdict(check.check(spec(tagged), ACCOUNT, null), "ecr:PutImage", REPO), "no tag before the lab has an id");
        assertEquals("allowed", verdict(check.check(spec(tagged), ACCOUNT, "lab-0a1b"), "ecr:PutImage", REPO));
    }

    @Test
    void theProofAfterwardsIsTheSameTable() {
        BuildAndPush.Proof proof = new BuildAndPush.Proof(null, null, null, null, Map.of("ecr:PutImage", "allowed"),
                Map.of("ecr:PutImage", "allowed"), Map.of("ecr:GetAuthorizationToken", "allowed"));
        PolicyCheck.Table t = PolicyCheck.ofProof(proof, REPO, "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/other", "SimulatePrincipalPolicy");
        assertEquals(3, t.rows().size());
        assertEquals(1, t.failures().size());
        assertEquals(PolicyCheck.Expected.DENIED, t.failures().get(0).expected());
    }

    @Test
    void aDocumentIamWouldRefuseIsRefusedByThePracticeSimulatorToo() {
        CloudException e = assertThrows(CloudException.class,
                () -> check.check(spec("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}]}"),
                        ACCOUNT, null));
        assertEquals("MalformedPolicyDocument", e.code());
        assertTrue(e.getMessage().contains("Effect"), e.getMessage());
    }

    static String verdict(PolicyCheck.Table t, String action, String resource) {
        return t.rows().stream().filter(r -> r.action().equals(action) && r.resource().equals(resource)).findFirst().orElseThrow().verdict();
    }
}
