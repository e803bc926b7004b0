package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What anyone who has used a command-line tool expects: help, version, unattended runs, whole sentences. */
class CliConventionsTest {

    @TempDir
    Path home;

    /** Every subcommand, so a command added later is held to the same conventions. */
    private static Map<String, CommandLine> subcommands() {
        Map<String, CommandLine> all = new java.util.LinkedHashMap<>(RoleLabCommand.commandLine().getSubcommands());
        all.remove("help");
        return all;
    }

    @Test
    void everyCommandTakesHelpAndDashHAndHelpCommand() {
        assertTrue(subcommands().keySet().containsAll(List.of("plan", "up", "down", "status", "sweep")), subcommands().keySet().toString());
        for (String name : subcommands().keySet()) {
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "-h"}, new String[] {"help", name})) {
                CliRun r = CliRun.run(home, args);
                assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: rolelab " + name), String.join(" ", args) + ": " + r.out());
                assertEquals("", r.err(), String.join(" ", args));
            }
        }
        assertFalse(Files.exists(home.resolve("labs")), "help creates nothing");
    }

    @Test
    void versionIsTheMavenProjectVersion() throws Exception {
        // the project's own version, read from the pom the test runs under, so it cannot go stale
        Matcher m = Pattern.compile("<artifactId>rolelab</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "the pom names its version");
        CliRun r = CliRun.run(home, "--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals("RoleLab " + m.group(1), r.out().lines().findFirst().orElse(""), r.out());
        assertTrue(r.out().contains("Java " + System.getProperty("java.version")), r.out());
    }

    @Test
    void aMistypedOptionSaysWhatAndWhereTheHelpIsWithoutTheWholeUsage() {
        CliRun r = CliRun.run(home, "plan", "--practis");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("rolelab: Unknown option: '--practis'"), r.err());
        assertTrue(r.err().contains("--practice"), "suggests the near miss: " + r.err());
        assertTrue(r.err().contains("rolelab plan --help"), r.err());
        assertFalse(r.err().contains("Usage:"), "the mistake is not buried under the usage: " + r.err());
    }

    @Test
    void sharedOptionsMeanTheSameEverywhereAndTheHelpClaimsNoMore() {
        Map<String, List<String>> descriptions = new java.util.HashMap<>();
        List<String> withoutPractice = new ArrayList<>();
        for (Map.Entry<String, CommandLine> c : subcommands().entrySet()) {
            for (String shared : List.of("--practice", "--profile", "--region", "--endpoint-url", "--yes", "--help", "--version")) {
                OptionSpec o = c.getValue().getCommandSpec().findOption(shared);
                if (o != null && !shared.equals("--yes")) {
                    List<String> d = List.of(o.description());
                    List<String> before = descriptions.putIfAbsent(shared, d);
                    assertTrue(before == null || before.equals(d), shared + " on " + c.getKey() + " is described differently: " + d + " vs " + before);
                }
            }
            if (c.getValue().getCommandSpec().findOption("--practice") == null) {
                withoutPractice.add(c.getKey());
            }
            if (c.getValue().getCommandSpec().findOption("--yes") != null) {
                assertTrue(c.getValue().getCommandSpec().findOption("-y") != null, c.getKey() + ": --yes without -y");
            }
        }
        assertTrue(descriptions.keySet().containsAll(List.of("--practice", "--profile", "--region", "--help", "--version")), descriptions.toString());
        // the root's own description (not its command list, which names every command anyway)
        String root = String.join(" ", RoleLabCommand.commandLine().getCommandSpec().usageMessage().description());
        assertFalse(root.contains("any command") && !withoutPractice.isEmpty(),
                "the help says --practice works on any command, but " + withoutPractice + " do not take it");
        for (String name : withoutPractice) {
            assertTrue(root.contains(name), "the help says what " + name + " does without --practice: " + root);
        }
    }

    /** Every command lists its options in one order (the connection options first, as declared), not some sorted A to Z. */
    @Test
    void optionsAreListedInTheOrderDeclaredEverywhere() {
        for (Map.Entry<String, CommandLine> c : subcommands().entrySet()) {
            if (!c.getKey().equals("help")) {
                assertFalse(c.getValue().getCommandSpec().usageMessage().sortOptions(), c.getKey() + " sorts its options A to Z");
            }
        }
    }

    @Test
    void yesIsTakenWhereRoleLabWouldAsk() {
        for (String name : List.of("up", "down", "sweep")) {
            CommandLine c = subcommands().get(name);
            assertTrue(c.getCommandSpec().findOption("-y") != null && c.getCommandSpec().findOption("--yes") != null, name);
        }
    }

    @Test
    void helpSentencesAreWhole() {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, CommandLine> c : subcommands().entrySet()) {
            List<String> lines = new ArrayList<>(List.of(c.getValue().getCommandSpec().usageMessage().description()));
            c.getValue().getCommandSpec().options().forEach(o -> lines.add(String.join(" ", o.description())));
            for (String line : lines) {
                if (!line.matches("^[A-Z`].*\\.$")) {
                    bad.add(c.getKey() + ": " + line);
                }
            }
        }
        assertEquals(List.of(), bad, "each help line is a whole sentence, capitalised and ended");
        // the first line is the one the command list shows: it must stand alone
        String root = CliRun.run(home, "--help").out();
        Matcher up = Pattern.compile("\n  up +(.*?)\n  \\w", Pattern.DOTALL).matcher(root);
        assertTrue(up.find(), root);
        assertTrue(up.group(1).trim().endsWith("."), "the command list shows a whole sentence for up: " + up.group(1));
    }

    @Test
    void upAsksAtTheEndInATerminalAndYesAnswersWithoutAsking() throws Exception {
        ScriptedTerminal person = new ScriptedTerminal("");
        CliRun asked = CliRun.run(person, home, "up", "--practice");
        assertEquals(0, asked.exit(), asked.err());
        assertEquals(List.of("Remove everything now? [Y/n] "), person.questions);
        assertTrue(asked.out().contains("nothing is left in the account"), "Enter takes the default, yes: " + asked.out());

        ScriptedTerminal nobody = new ScriptedTerminal();
        CliRun yes = CliRun.run(nobody, home, "up", "--practice", "-y");
        assertEquals(0, yes.exit(), yes.err());
        assertEquals(List.of(), nobody.questions, "-y asks nothing");
        assertTrue(yes.out().contains("nothing is left in the account"), yes.out());

        CliRun noTerminal = CliRun.run(home, "up", "--practice");
        assertEquals(0, noTerminal.exit(), noTerminal.err());
        assertTrue(noTerminal.out().contains("The lab is kept"), "without a terminal nothing is removed unasked: " + noTerminal.out());
        assertEquals(0, CliRun.run(home, "down", "--yes").exit());
    }

    @Test
    void downAsksInATerminalAndYesDoesNot() throws Exception {
        assertEquals(0, CliRun.run(home, "up", "--practice", "--keep").exit());
        ScriptedTerminal no = new ScriptedTerminal("n");
        CliRun kept = CliRun.run(no, home, "down");
        assertEquals(0, kept.exit(), kept.err());
        assertEquals(1, no.questions.size(), no.questions.toString());
        assertTrue(no.questions.get(0).matches("Remove lab lab-[0-9a-f]{8} \\(us-east-1, practice\\) and the \\d+ resources it still has\\? \\[Y/n\\] "),
                no.questions.get(0));
        assertTrue(kept.out().contains("Nothing removed."), kept.out());
        assertTrue(CliRun.run(home, "status").out().contains("READY"), "the lab is still there");

        ScriptedTerminal nobody = new ScriptedTerminal();
        CliRun removed = CliRun.run(nobody, home, "down", "-y");
        assertEquals(0, removed.exit(), removed.err());
        assertEquals(List.of(), nobody.questions);
        assertTrue(CliRun.run(home, "status").out().contains("No open labs"));
    }

    @Test
    void sweepAsksInATerminalEnterDeletesNothingAndYesDeletes() throws Exception {
        assertEquals(0, CliRun.run(home, "up", "--practice", "--keep").exit());
        try (var files = Files.list(home.resolve("labs"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        ScriptedTerminal enter = new ScriptedTerminal("");
        CliRun look = CliRun.run(enter, home, "sweep", "--practice");
        assertEquals(0, look.exit(), look.err());
        assertEquals(1, enter.questions.size());
        assertTrue(enter.questions.get(0).matches("Delete these \\d+ resources\\? \\[y/N\\] "), enter.questions.get(0));
        assertTrue(look.out().contains("Nothing deleted"), look.out());

        ScriptedTerminal nobody = new ScriptedTerminal();
        CliRun swept = CliRun.run(nobody, home, "sweep", "--practice", "-y");
        assertEquals(0, swept.exit(), swept.err());
        assertEquals(List.of(), nobody.questions);
        assertTrue(CliRun.run(home, "sweep", "--practice").out().startsWith("Nothing tagged"), "all deleted");
    }
}
