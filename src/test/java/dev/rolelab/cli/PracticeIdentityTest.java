package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the practice instance, `aws sts get-caller-identity` answers with the role of this lab's instance. */
class PracticeIdentityTest {

    @TempDir
    Path home;

    @Test
    void theSecondLabsInstanceIsItsOwnRoleNotTheAccountsFirst() {
        CliRun first = CliRun.run(home, "up", "--practice", "--keep");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("assumed-role/containerise/"), first.out());

        CliRun second = CliRun.run(home, "up", "--practice", "--keep", "--role", "builder", "--instance-profile", "builder",
                "--repository", "second-repo", "--policy", "SecondPolicy", "--security-group", "second-sg",
                "--instance-name", "second", "--key-name", "second-key");
        assertEquals(0, second.exit(), second.err() + second.out());
        assertTrue(second.out().contains("STS says it is: arn:aws:sts::123456789012:assumed-role/builder/i-"), second.out());
        assertFalse(second.out().contains("assumed-role/containerise/"), second.out());
        assertEquals(0, CliRun.run(home, "down", "--all").exit());
    }
}
