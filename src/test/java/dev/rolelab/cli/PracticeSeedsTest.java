package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Json;
import dev.rolelab.practice.PracticeAccount;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `up --practice --down-after` succeeds whatever the eventual-consistency seed, and says when it waited for AWS. */
class PracticeSeedsTest {

    @TempDir
    Path tmp;

    private static final Pattern RETRY = Pattern.compile("(?m)^.*(?:↻|retry) .*$");
    private static final Pattern CODE = Pattern.compile("\\((InvalidInstanceID\\.NotFound|NoSuchEntity|InvalidGroup\\.NotFound|implicitDeny"
            + "|DependencyViolation|InvalidKeyPair\\.NotFound|RepositoryNotFoundException)\\)");

    @Test
    void upDownAfterSucceedsForTwentySeedsAndShowsTheRetries() throws Exception {
        int runsThatWaited = 0;
        try {
            System.setProperty("rolelab.practice.consistency", "fast");
            for (int seed = 1; seed <= 20; seed++) {
                System.setProperty("rolelab.practice.seed", Integer.toString(seed));
                Path home = tmp.resolve("seed-" + seed);
                CliRun r = CliRun.run(home, "up", "--practice", "--down-after");
                assertEquals(0, r.exit(), "seed " + seed + ": " + r.err() + r.out());
                assertTrue(r.out().contains("nothing is left in the account"), "seed " + seed + ": " + r.out());
                PracticeAccount a = Json.MAPPER.readValue(home.resolve("practice/account.json").toFile(), PracticeAccount.class);
                assertTrue(a.empty(), "seed " + seed);
                Matcher m = RETRY.matcher(r.out());
                boolean waited = false;
                while (m.find()) {
                    assertTrue(CODE.matcher(m.group()).find(), "seed " + seed + ": a retry line names the AWS code it waits on: " + m.group());
                    waited |= m.group().contains("not visible yet") || m.group().contains("implicitDeny") || m.group().contains("DependencyViolation");
                }
                runsThatWaited += waited ? 1 : 0;
            }
        } finally {
            System.clearProperty("rolelab.practice.consistency");
            System.clearProperty("rolelab.practice.seed");
        }
        // how many meet it depends on how fast this computer makes its calls: 8 of 20 on a loaded 2-core machine
        assertTrue(runsThatWaited >= 3, "only " + runsThatWaited + " of 20 runs met AWS's eventual consistency");
    }
}
