package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-flight check finds a taken key pair name like every other name, before EC2 says InvalidKeyPair.Duplicate. */
class PreflightTest {

    @TempDir
    Path tmp;

    @Test
    void aTakenKeyPairNameIsFoundWithAFreeOne() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            f.cloud.importKeyPair("rolelab-ec2-ecr-test", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE someone-else", null);
            for (KeyChoice key : List.of(KeyChoice.generate("rolelab-ec2-ecr-test"), new KeyChoice(KeyChoice.Mode.AWS, "rolelab-ec2-ecr-test", null))) {
                List<Problem> problems = new Preflight(f.cloud, f.executor).check(PracticeFixture.spec().toBuilder().key(key).build());
                assertEquals(1, problems.size(), problems.toString());
                assertEquals("key", problems.get(0).field());
                assertTrue(problems.get(0).message().contains("key pair named 'rolelab-ec2-ecr-test' already exists")
                        && problems.get(0).message().contains("'rolelab-ec2-ecr-test-2' is free"), problems.get(0).message());
            }
        }
    }

    @Test
    void anIpv6SshRuleIsRefusedAtPlanTimeWithTheReason() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            int before = f.cloud.callCount();
            List<Problem> problems = new Preflight(f.cloud, f.executor).check(PracticeFixture.spec().toBuilder().sshCidr("2001:db8::7/128").build());
            assertEquals(1, problems.size(), problems.toString());
            assertEquals("cidr", problems.get(0).field());
            assertTrue(problems.get(0).isError());
            assertTrue(problems.get(0).message().contains("only a public IPv4 address") && problems.get(0).message().contains("/32"),
                    problems.get(0).message());
            assertEquals(before, f.cloud.callCount(), "refused before any call");
        }
    }

    @Test
    void anExistingKeyPairThatIsMissingIsFound() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            List<Problem> problems = new Preflight(f.cloud, f.executor).check(PracticeFixture.spec().toBuilder()
                    .key(new KeyChoice(KeyChoice.Mode.EXISTING, "mine", tmp.resolve("mine.pem"))).build());
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).message().contains("there is no key pair named 'mine'"), problems.get(0).message());
        }
    }
}
