package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI prints, read as a newcomer reads it. */
class CliOutputTest {

    private static final Pattern PUSHING = Pattern.compile("^ {4}([0-9a-f]{12}): Pushing {2}1\\.2MB/3\\.6MB$", Pattern.MULTILINE);

    @TempDir
    Path home;

    @Test
    void withoutATerminalProgressLinesArePlainFinalStates() {
        CliRun r = CliRun.run(home, "up", "--practice", "--down-after");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("\r"), "no carriage returns in a file or a pipe");
        assertFalse(r.out().contains("\u001B"), "no escape codes in a file or a pipe");
        assertTrue(PUSHING.matcher(r.out()).find(), "each progress line once, as its final state: " + r.out());
    }

    @Test
    void inATerminalProgressIsRedrawnInPlaceWithTheIndent() {
        CliRun r = CliRun.run(new ScriptedTerminal(), home, "up", "--practice", "--down-after");
        assertEquals(0, r.exit(), r.err());
        // each frame starts at the indent again and clears what a longer frame left
        Matcher m = Pattern.compile("\n {4}([0-9a-f]{12}): Pushing {2}2\\.2MB/3\\.6MB\u001B\\[K\r {4}\\1: Pushing {2}2\\.2MB/3\\.6MB\u001B\\[K\n").matcher(r.out());
        assertTrue(m.find(), r.out());
    }

    @Test
    void theSimulatorsDecisionsReadAsTheWizardWordsThem() {
        CliRun r = CliRun.run(home, "up", "--practice", "--down-after");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("implicitDeny") || r.out().contains("explicitDeny"), r.out());
        assertTrue(Pattern.compile("ecr:PutImage +on some-other-repository +denied\n").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("ecr:PutImage +on ec2-ecr-test +allowed\n").matcher(r.out()).find(), r.out());
    }

    @Test
    void planShowsStepsByNumberAndTitleNotTheirIds() {
        CliRun r = CliRun.run(home, "plan", "--practice");
        assertEquals(0, r.exit(), r.err());
        String steps = r.out().substring(r.out().indexOf("Runs side by side"), r.out().indexOf("Permissions policy"));
        for (Step s : Step.values()) {
            String id = s.name().toLowerCase().replace('_', ' ');
            assertFalse(Pattern.compile("(after|, )" + Pattern.quote(id) + "\\b").matcher(steps).find(), "step id '" + id + "' shown: " + steps);
        }
        assertTrue(steps.contains("  12. " + Step.INSTANCE.title()), steps);
        assertTrue(steps.stripTrailing().endsWith("after 1, 2, 3, 7, 9, 10, 11"), steps);
        assertTrue(r.out().contains("Key pair: rolelab-ec2-ecr-test (generated on this computer"), r.out());
    }

    @Test
    void statusColumnsAlignWhateverTheNames() {
        // a removed lab and an open one, with names of different lengths: the columns still line up
        assertEquals(0, CliRun.run(home, "up", "--practice", "--keep", "--policy", "a-much-longer-policy-name", "--key-name", "kp").exit());
        assertEquals(0, CliRun.run(home, "down").exit());
        assertEquals(0, CliRun.run(home, "up", "--practice", "--keep").exit());
        String status = CliRun.run(home, "status", "--all").out();
        List<List<Integer>> labs = new ArrayList<>();
        List<List<Integer>> resources = new ArrayList<>();
        for (String line : status.lines().toList()) {
            (line.startsWith("    ") ? resources : labs).add(cellStarts(line));
        }
        assertEquals(2, labs.size(), status);
        assertEquals(labs.get(0), labs.get(1), status);
        assertTrue(resources.size() > 10, status);
        for (List<Integer> r : resources) {
            // the last column (the id) may be absent; the ones a row has start where the first row's do
            assertEquals(resources.get(0).subList(0, r.size()), r, status);
        }
        assertEquals(0, CliRun.run(home, "down", "--all").exit());
    }

    /** Where each cell starts; cells are separated by two spaces or more (a title has single spaces). */
    private static List<Integer> cellStarts(String line) {
        List<Integer> starts = new ArrayList<>();
        Matcher m = Pattern.compile("(?<=^|\\s{2})\\S").matcher(line);
        while (m.find()) {
            starts.add(m.start());
        }
        return starts;
    }

    /** Practice is a simulation wherever it shows: no cost for a lab that costs nothing, no ssh line to an address nobody can reach. */
    @Test
    void aKeptPracticeLabIsCalledASimulationNotPricedNorOfferedToSsh() {
        CliRun up = CliRun.run(home, "up", "--practice", "--keep");
        assertEquals(0, up.exit(), up.err());
        String end = up.out().substring(up.out().indexOf("The lab is kept"));
        assertFalse(end.contains("cent") || end.contains("$"), "no cost: " + end);
        assertTrue(end.contains("nothing is billed"), end);
        assertFalse(Pattern.compile("(?m)^SSH in yourself: ssh ").matcher(end).find(), "no ssh command to a simulated address: " + end);
        assertTrue(end.contains("198.51.100.") && end.contains("simulated") && end.contains("cannot be reached"), end);
        assertTrue(up.out().contains("Ready: instance i-03eb0000practice at 198.51.100.10 (simulated)"), up.out());

        CliRun plan = CliRun.run(home.resolve("another"), "plan", "--practice"); // the kept lab's names are taken here
        assertEquals(0, plan.exit(), plan.err());
        assertFalse(plan.out().contains("Cost while it runs"), plan.out());
        assertTrue(plan.out().contains("Cost: nothing is billed, practice mode is a simulation"), plan.out());
    }
}
