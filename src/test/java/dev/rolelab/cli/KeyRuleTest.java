package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.run.Teardown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for the private key RoleLab generated, whatever removes the lab: it goes with the lab unless kept on purpose
 * (`--keep-key`, or the box on the Clean up page). Before, `down` kept it, `up --down-after` deleted it, the GUI deleted it.
 */
class KeyRuleTest {

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private String upKeep() {
        return CliRun.upKeep(home());
    }

    private Path key(String lab) {
        return home().resolve("keys").resolve(lab + "_ed25519");
    }

    @Test
    void downDeletesTheGeneratedKeyWithTheLab() {
        String lab = upKeep();
        assertTrue(Files.isRegularFile(key(lab)));
        CliRun down = CliRun.run(home(), "down", "--lab", lab);
        assertEquals(0, down.exit(), down.err() + down.out());
        assertFalse(Files.exists(key(lab)), "the key went with the lab, as it does when the GUI or up --down-after removes it");
        assertFalse(down.out().contains("Kept the private key"), down.out());
    }

    @Test
    void downKeepKeyKeepsItAndSaysWhere() {
        String lab = upKeep();
        CliRun down = CliRun.run(home(), "down", "--lab", lab, "--keep-key");
        assertEquals(0, down.exit(), down.err() + down.out());
        assertTrue(Files.isRegularFile(key(lab)));
        assertTrue(down.out().contains("Kept the private key " + key(lab)), down.out());
    }

    @Test
    void upDownAfterKeepKeyKeepsItToo() {
        CliRun up = CliRun.run(home(), "up", "--practice", "-y", "--keep-key");
        assertEquals(0, up.exit(), up.err() + up.out());
        Matcher m = Pattern.compile("Lab id: (lab-[0-9a-f]{8})").matcher(up.out());
        assertTrue(m.find(), up.out());
        assertTrue(Files.isRegularFile(key(m.group(1))), up.out());
    }

    @Test
    void theHelpOfEveryCommandThatRemovesALabStatesTheSameRule() {
        for (String command : new String[] {"up", "down"}) {
            CliRun help = CliRun.run(home(), command, "--help");
            assertEquals(0, help.exit(), help.err());
            String flat = help.out().replaceAll("\\s+", " ");
            assertTrue(flat.contains(Teardown.Options.KEY_RULE), command + ": " + help.out());
            assertTrue(flat.contains("--keep-key"), command + ": " + help.out());
        }
    }
}
