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
        for (String command : new String[] {"up", "down", "sweep"}) {
            CliRun help = CliRun.run(home(), command, "--help");
            assertEquals(0, help.exit(), help.err());
            String flat = help.out().replaceAll("\\s+", " ");
            assertTrue(flat.contains(Teardown.Options.KEY_RULE), command + ": " + help.out());
            assertTrue(flat.contains("--keep-key"), command + ": " + help.out());
        }
    }

    /**
     * A lab whose ledger here cannot be read: sweep removes its cloud resources and, by the same rule, the key RoleLab
     * generated for it (its own name in its own keys folder). Nothing else in that folder is touched; the ledger is kept aside, in words.
     */
    @Test
    void sweepRemovesTheKeyOfALabWhoseLedgerCannotBeReadAndNothingElse() throws Exception {
        String lab = upKeep();
        Path keys = home().resolve("keys");
        Path ledger = home().resolve("labs").resolve(lab + ".json");
        Files.writeString(ledger, "{ not json");
        Path other = Files.writeString(keys.resolve("lab-0000beef_ed25519"), "another lab's key");
        Path notes = Files.writeString(keys.resolve(lab + "_ed25519.notes"), "the user's notes");

        CliRun sweep = CliRun.run(home(), "sweep", "--practice", "-y");
        assertEquals(0, sweep.exit(), sweep.err() + sweep.out());
        assertFalse(Files.exists(key(lab)), "the lab's generated key went with its resources: " + sweep.out());
        assertTrue(sweep.out().contains(key(lab).toString()), "the key file is named when it goes: " + sweep.out());
        assertEquals("another lab's key", Files.readString(other));
        assertEquals("the user's notes", Files.readString(notes));
        assertTrue(sweep.err().contains(ledger + " cannot be read"), sweep.err());
        Path aside;
        try (var files = Files.list(home().resolve("labs"))) {
            aside = files.filter(f -> f.getFileName().toString().startsWith(lab + ".json.unreadable-")).findFirst().orElseThrow();
        }
        assertEquals("{ not json", Files.readString(aside), "the unreadable ledger is kept aside as it was");
        assertTrue(sweep.out().contains("kept as " + aside), "where it went, in words: " + sweep.out());
    }

    /** The lab's key name, but a link RoleLab did not make: sweep leaves it (and what it points to) alone. */
    @Test
    void sweepLeavesALinkInTheKeysPlaceAlone() throws Exception {
        String lab = upKeep();
        Files.writeString(home().resolve("labs").resolve(lab + ".json"), "");
        Path victim = Files.writeString(tmp.resolve("precious"), "precious");
        Files.delete(key(lab));
        Files.createSymbolicLink(key(lab), victim);

        CliRun sweep = CliRun.run(home(), "sweep", "--practice", "-y");
        assertEquals(0, sweep.exit(), sweep.err() + sweep.out());
        assertTrue(Files.isSymbolicLink(key(lab)));
        assertEquals("precious", Files.readString(victim));
    }
}
