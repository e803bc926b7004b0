package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolelab.lab.Json;
import dev.rolelab.practice.PracticeAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path home;

    private PracticeAccount practiceAccount() throws Exception {
        return Json.MAPPER.readValue(home.resolve("practice/account.json").toFile(), PracticeAccount.class);
    }

    @Test
    void planPrintsOneJsonDocumentWithThePoliciesAsObjects() throws Exception {
        CliRun r = CliRun.run(home, "plan", "--practice", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode plan = Json.MAPPER.readTree(r.out());
        assertEquals("123456789012", plan.path("account").asText());
        assertTrue(plan.path("practice").asBoolean(), "a script can tell a simulated plan from a real one");
        assertEquals("nothing is billed: practice mode is a simulation", plan.path("hourlyCost").asText());
        assertTrue(plan.path("permissionsPolicy").isObject());
        assertEquals("arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test",
                plan.path("permissionsPolicy").path("Statement").path(0).path("Resource").asText());
        assertEquals("ec2.amazonaws.com", plan.path("trustPolicy").path("Statement").path(0).path("Principal").path("Service").asText());
        assertEquals("203.0.113.10/32", plan.path("securityGroupRule").path("cidr").asText());
        assertEquals(22, plan.path("securityGroupRule").path("port").asInt());
        assertEquals("x86_64", plan.path("instance").path("architecture").asText());
        assertEquals(9, plan.path("resources").size());
        assertFalse(Files.exists(home.resolve("labs")), "plan creates nothing");
    }

    @Test
    void planForArmPicksTheArmImage() throws Exception {
        CliRun r = CliRun.run(home, "plan", "--practice", "--json", "--instance-type", "t4g.micro");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Json.MAPPER.readTree(r.out()).path("instance").path("amiParameter").asText().endsWith("-arm64"));
    }

    @Test
    void planTextSaysItIsASimulation() {
        CliRun r = CliRun.run(home, "plan", "--practice");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("** Practice mode: a simulation"), r.out());
        assertTrue(r.out().contains("ecr:GetAuthorizationToken"));
    }

    @Test
    void badInputExitsTwoNamingTheOptionAndTheRule() {
        CliRun open = CliRun.run(home, "plan", "--practice", "--cidr", "0.0.0.0/0");
        assertEquals(2, open.exit());
        assertTrue(open.err().contains("--cidr") && open.err().contains("whole internet"), open.err());
        assertTrue(open.err().contains("Nothing was created"));
        assertFalse(open.err().contains("Exception"), open.err());

        CliRun repo = CliRun.run(home, "up", "--practice", "--repository", "Bad_Name");
        assertEquals(2, repo.exit());
        assertTrue(repo.err().contains("--repository") && repo.err().contains("lowercase"), repo.err());

        assertEquals(2, CliRun.run(home, "plan", "--practice", "--region", "mars-1").exit());
        CliRun df = CliRun.run(home, "plan", "--practice", "--dockerfile", home.resolve("nope").toString());
        assertEquals(2, df.exit());
        assertTrue(df.err().contains("--dockerfile") && df.err().contains("does not exist"), df.err());
        assertEquals(2, CliRun.run(home, "plan", "--practice", "--key", "existing:onlyname").exit());
        assertEquals(2, CliRun.run(home, "plan", "--bogus").exit());
        assertFalse(Files.exists(home.resolve("labs")), "bad input creates nothing");
    }

    @Test
    void openSshNeedsExplicitConsent() {
        CliRun r = CliRun.run(home, "plan", "--practice", "--cidr", "0.0.0.0/0", "--yes-open-ssh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: --cidr"), r.err());
    }

    @Test
    void anEditedPolicyThatDropsAPushActionIsRefused() throws Exception {
        Path policy = home.resolve("policy.json");
        Files.createDirectories(home);
        Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}");
        CliRun r = CliRun.run(home, "plan", "--practice", "--policy-file", policy.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ecr:PutImage"), r.err());
    }

    @Test
    void upStatusDownLeaveThePracticeAccountEmpty() throws Exception {
        CliRun up = CliRun.run(home, "up", "--practice");
        assertEquals(0, up.exit(), up.err() + up.out());
        Matcher m = Pattern.compile("Lab id: (lab-[0-9a-f]{8})").matcher(up.out());
        assertTrue(m.find(), up.out());
        String lab = m.group(1);
        assertTrue(up.out().contains("Practice mode"));
        assertFalse(practiceAccount().empty());

        CliRun status = CliRun.run(home, "status");
        assertTrue(status.out().contains(lab) && status.out().contains("READY") && status.out().contains("[practice]"), status.out());

        CliRun clash = CliRun.run(home, "up", "--practice");
        assertEquals(2, clash.exit());
        assertTrue(clash.err().contains("--repository") && clash.err().contains("'ec2-ecr-test-2' is free"), clash.err());

        CliRun down = CliRun.run(home, "down", "--lab", lab, "--delete-key");
        assertEquals(0, down.exit(), down.err());
        assertTrue(down.out().contains("removed"), down.out());
        assertTrue(practiceAccount().empty());
        assertTrue(CliRun.run(home, "status").out().contains("No open labs"));
        assertFalse(Files.exists(home.resolve("keys").resolve(lab + "_ed25519")));
    }

    @Test
    void noDefaultVpcFailsWithTheRemedyAndTheFlagCreatesOne() throws Exception {
        PracticeAccount a = new PracticeAccount();
        a.defaultVpc = false;
        Files.createDirectories(home.resolve("practice"));
        Files.writeString(home.resolve("practice/account.json"), Json.pretty(a));
        CliRun failed = CliRun.run(home, "up", "--practice");
        assertEquals(3, failed.exit());
        assertTrue(failed.err().contains("--create-default-vpc"), failed.err());
        assertTrue(practiceAccount().empty(), "rolled back");
        CliRun up = CliRun.run(home, "up", "--practice", "--create-default-vpc");
        assertEquals(0, up.exit(), up.err());
        assertTrue(up.out().contains("Created the default VPC"), up.out());
        assertEquals(0, CliRun.run(home, "down").exit());
        assertTrue(practiceAccount().defaultVpc, "the default VPC stays");
    }

    @Test
    void upPracticeDownAfterRunsTheWholeTutorialAndLeavesNothing() throws Exception {
        CliRun r = CliRun.run(home, "up", "--practice", "--down-after");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/ec2-ecr-test:v1"), r.out());
        assertTrue(r.out().contains("hello"));
        assertTrue(r.out().contains("least privilege holds"), r.out());
        assertTrue(r.out().contains("assumed-role/containerise/"), r.out());
        assertTrue(r.out().contains("nothing is left in the account"), r.out());
        assertTrue(practiceAccount().empty());
    }

    @Test
    void aFailedRemoteStepExitsFourWithTheStepItsStatusAndLastLines() throws Exception {
        CliRun r = CliRun.run(home, "up", "--practice", "--practice-fail", "push", "--keep");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("Push the image failed with exit status 1"), r.err());
        assertTrue(r.err().contains("`docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/ec2-ecr-test:v1` exited with status 1"), r.err());
        assertTrue(r.err().contains("simulated failure requested"), r.err());
        assertEquals(0, CliRun.run(home, "down").exit());
        assertTrue(practiceAccount().empty());
    }

    @Test
    void upKeepLeavesTheLabAndSaysHowToRemoveIt() throws Exception {
        CliRun r = CliRun.run(home, "up", "--practice", "--keep");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Remove it with: rolelab down --lab"), r.out());
        assertFalse(practiceAccount().empty());
        assertEquals(0, CliRun.run(home, "down").exit());
        assertTrue(practiceAccount().empty());
    }

    /** A mistyped practice setting is said on the console (a trainer's demo would otherwise silently run another account). */
    @Test
    void aMistypedPracticeSettingIsAWarningOnTheConsole() {
        System.setProperty("rolelab.practice.account", "free_plna"); // read as "active", the default: harmless to other tests
        try {
            CliRun r = CliRun.run(home, "plan", "--practice");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("rolelab: warning: ROLELAB_PRACTICE_ACCOUNT=free_plna is not active, pending-verification or free-plan"),
                    r.err());
        } finally {
            System.clearProperty("rolelab.practice.account");
        }
    }

    /** picocli's own "Error: " is not doubled after RoleLab's "rolelab: " prefix. */
    @Test
    void exclusiveOptionsAreRefusedInOnePrefix() {
        CliRun r = CliRun.run(home, "down", "--lab", "lab-12345678", "--all");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("rolelab: --lab=ID, --all are mutually exclusive") && r.err().contains("Nothing was done."), r.err());
    }

    @Test
    void downOfAnUnknownLabIsInvalidInput() {
        CliRun r = CliRun.run(home, "down", "--lab", "lab-00000000");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--lab"), r.err());
        // down creates nothing: it says what did not happen in its own terms
        assertTrue(r.err().contains("Nothing was removed.") && !r.err().contains("Nothing was created"), r.err());
    }

    @Test
    void sweepReportsThenRemovesALabWithoutALedger() throws Exception {
        CliRun up = CliRun.run(home, "up", "--practice");
        assertEquals(0, up.exit(), up.err());
        try (var files = Files.list(home.resolve("labs"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        CliRun look = CliRun.run(home, "sweep", "--practice");
        assertEquals(0, look.exit(), look.err());
        assertTrue(look.out().contains("no ledger on this computer") && look.out().contains("Nothing deleted"), look.out());
        assertFalse(practiceAccount().empty());
        CliRun sweep = CliRun.run(home, "sweep", "--practice", "--yes");
        assertEquals(0, sweep.exit(), sweep.err());
        assertTrue(practiceAccount().empty());
    }

    @Test
    void anAwsFailureExitsThreeWithTheWordedMessage() {
        // nothing listens on this port: the SDK cannot reach "AWS"
        CliRun r = CliRun.run(home, "plan", "--region", "us-east-1", "--cidr", "203.0.113.7/32", "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().startsWith("rolelab: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
