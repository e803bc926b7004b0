package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Json;
import dev.rolelab.practice.PracticeAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI over ledgers it must not trust: ids from the command line, paths and bytes from the disk. */
class LedgerCliTest {

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private String upKeep() {
        return CliRun.upKeep(home());
    }

    private boolean practiceEmpty() throws Exception {
        Path account = home().resolve("practice/account.json");
        return !Files.exists(account) || Json.MAPPER.readValue(account.toFile(), PracticeAccount.class).empty(); // none yet: nothing was made
    }

    /**
     * A well-formed type or subnet the cloud does not have is AWS's refusal, not input: exit 3, worded with what to do,
     * no exception; the rollback removes what was made, and after `down` no lab and nothing in the account is left.
     */
    private CliRun refusedByTheCloud(String... args) throws Exception {
        CliRun r = CliRun.run(home(), args);
        assertEquals(3, r.exit(), r.err() + r.out());
        assertTrue(r.err().startsWith("rolelab: "), r.err());
        assertTrue(r.err().contains("What to do: "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertTrue(practiceEmpty(), "rolled back");
        CliRun down = CliRun.run(home(), "down", "--all", "-y");
        assertEquals(0, down.exit(), down.err() + down.out());
        assertTrue(practiceEmpty());
        CliRun status = CliRun.run(home(), "status");
        assertTrue(status.out().contains("No open labs"), status.out());
        return r;
    }

    @Test
    void aTypeNoZoneOffersFailsTheUpAsDescribeInstanceTypeOfferingsDoesAndLeavesNothing() throws Exception {
        CliRun r = refusedByTheCloud("up", "--practice", "--instance-type", "t9.huge", "-y");
        assertTrue(r.err().contains("t9.huge is not offered in any availability zone of the default VPC in us-east-1"), r.err());
        assertTrue(r.err().contains("choose another instance type"), r.err());
        // the look-ups come before anything is made: a type no zone offers creates nothing to roll back
        assertFalse(r.out().contains("✓ Create") || r.out().contains("✓ Prepare"), r.out());
        // and says so: no "removing what was created" when nothing was, and the advice is given once, with the error
        assertFalse(r.out().contains("removing what was created"), r.out());
        assertTrue(r.out().contains("nothing was created, so there is nothing to remove"), r.out());
        assertTrue(r.err().contains("Nothing was created."), r.err());
        assertFalse(r.err().contains("has been removed"), r.err());
        assertFalse(r.out().contains("What to do"), "the advice is on stderr, with the error, not twice: " + r.out());
    }

    @Test
    void aSubnetTheAccountDoesNotHaveFailsTheUpAsDescribeSubnetsDoesAndLeavesNothing() throws Exception {
        CliRun r = refusedByTheCloud("up", "--practice", "--subnet", "subnet-0a1b2c3d", "-y");
        assertTrue(r.err().contains("there is no subnet subnet-0a1b2c3d in this region"), r.err());
        assertTrue(r.err().contains("InvalidSubnetID.NotFound"), r.err());
    }

    /** With --subnet nothing asks for offerings: RunInstances refuses the type, after the IAM and EC2 resources were made. */
    @Test
    void withAKnownSubnetRunInstancesRefusesTheTypeAndTheRollbackRemovesWhatWasMade() throws Exception {
        String subnet = new dev.rolelab.practice.PracticeCloud(home().resolve("practice/account.json"), "us-east-1",
                dev.rolelab.practice.PracticeCloud.Timing.INSTANT).network("t3.micro", null).subnetId();
        CliRun r = refusedByTheCloud("up", "--practice", "--subnet", subnet, "--instance-type", "t9.huge", "-y");
        assertTrue(r.err().contains("EC2 has no instance type t9.huge (Invalid value 't9.huge' for InstanceType.)"), r.err());
        assertTrue(r.err().contains("t3.micro"), r.err());
        assertTrue(r.out().contains("Rolling back") || r.err().contains("Rolling back"), r.out() + r.err());
    }

    @Test
    void downOfAPathLikeLabIdIsRefusedAndTheLedgerThereIsNotTouched() throws Exception {
        String lab = upKeep();
        // a ledger outside the labs folder, two levels up, with live resources
        Path outside = tmp.resolve("somewhere.json");
        Files.copy(home().resolve("labs").resolve(lab + ".json"), outside);
        byte[] before = Files.readAllBytes(outside);

        CliRun r = CliRun.run(home(), "down", "--lab", "../../somewhere");
        assertEquals(2, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains("--lab") && r.err().contains("not a lab id"), r.err());
        assertArrayEquals(before, Files.readAllBytes(outside));
        assertFalse(practiceEmpty(), "nothing was torn down");
        assertEquals(0, CliRun.run(home(), "down", "--lab", lab, "--delete-key").exit());
    }

    @Test
    void anEditedKeyPathInALedgerIsNotDeletedByDownDeleteKey() throws Exception {
        String lab = upKeep();
        Path victim = Files.writeString(tmp.resolve("id_ed25519"), "the user's own key");
        Path ledger = home().resolve("labs").resolve(lab + ".json");
        String keyPath = home().resolve("keys").resolve(lab + "_ed25519").toString();
        Files.writeString(ledger, Files.readString(ledger).replace(keyPath, victim.toString()));

        CliRun down = CliRun.run(home(), "down", "--lab", lab, "--delete-key");
        assertEquals(0, down.exit(), down.err() + down.out());
        assertEquals("the user's own key", Files.readString(victim));
        assertTrue(down.err().contains("not a key RoleLab made") && down.err().contains("left alone"), down.err());
        assertTrue(practiceEmpty(), "the lab's AWS resources still go");
    }

    @Test
    void aKeyPathThatLeavesTheKeysFolderByDotsOrLinksIsNotDeleted() throws Exception {
        String lab = upKeep();
        Path victim = Files.writeString(tmp.resolve("precious"), "precious");
        Path keys = home().resolve("keys");
        Path ledger = home().resolve("labs").resolve(lab + ".json");
        Path own = keys.resolve(lab + "_ed25519");
        // the lab's own key name, but a link to the victim in its place
        Files.delete(own);
        Files.createSymbolicLink(own, victim);
        CliRun down = CliRun.run(home(), "down", "--lab", lab, "--delete-key");
        assertEquals(0, down.exit(), down.err());
        assertEquals("precious", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(own), "a link RoleLab did not make is left alone");

        String second = upKeep();
        Path ledger2 = home().resolve("labs").resolve(second + ".json");
        String dotted = keys.resolve("..").resolve("..").resolve("precious").toString();
        Files.writeString(ledger2, Files.readString(ledger2).replace(keys.resolve(second + "_ed25519").toString(), dotted));
        assertEquals(0, CliRun.run(home(), "down", "--lab", second, "--delete-key").exit());
        assertEquals("precious", Files.readString(victim));
        assertTrue(Files.exists(ledger));
    }

    @Test
    void statusDownAllAndSweepGoOnPastAnUnreadableLedger() throws Exception {
        String a = upKeep();
        CliRun.run(home(), "down", "--lab", a, "--delete-key"); // the names are free again
        a = upKeep();
        Path labs = home().resolve("labs");
        List<Path> broken = new ArrayList<>();
        broken.add(Files.write(labs.resolve("lab-0000dead.json"), new byte[0]));
        broken.add(Files.writeString(labs.resolve("lab-0000beef.json"), "{\"context\": {\"labId\": \"lab-0000beef\""));
        broken.add(Files.writeString(labs.resolve("lab-0000f00d.json"), "null"));
        broken.add(Files.write(labs.resolve("lab-0000cafe.json"), new byte[100]));
        broken.add(Files.createDirectories(labs.resolve("lab-00000bad.json")));
        broken.add(Files.writeString(labs.resolve("lab-0000abcd.json"), "%%% garbage %%%"));

        CliRun status = CliRun.run(home(), "status");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains(a), status.out());
        for (Path b : broken) {
            assertTrue(status.err().contains(b.toString() + " cannot be read"), b + " not reported: " + status.err());
        }
        assertTrue(status.err().contains("kept as it is"));
        assertFalse(status.err().contains("Exception"), status.err());

        CliRun sweep = CliRun.run(home(), "sweep", "--practice");
        assertEquals(0, sweep.exit(), sweep.err());
        for (Path b : broken) {
            assertTrue(sweep.err().contains(b + " cannot be read"), b + " not reported: " + sweep.err());
        }
        // said once, without pointing to sweep from within sweep, and without "kept as it is" (sweep may set it aside)
        assertFalse(sweep.err().contains("`rolelab sweep` finds") || sweep.err().contains("kept as it is"), sweep.err());

        CliRun down = CliRun.run(home(), "down", "--all", "--delete-key");
        assertEquals(0, down.exit(), down.err() + down.out());
        assertTrue(down.out().contains("Lab " + a + " removed"), down.out());
        assertTrue(practiceEmpty());
        for (Path b : broken) {
            assertTrue(Files.exists(b), "kept: " + b);
        }
        assertEquals(0, Files.size(broken.get(0)));
    }

    @Test
    void aDataFolderThatIsAFileGetsAWordedErrorBeforeAnythingIsCreated() throws Exception {
        Path file = Files.writeString(tmp.resolve("file-not-folder"), "x");
        CliRun up = CliRun.run(file, "up", "--practice", "--keep");
        assertEquals(1, up.exit(), up.err() + up.out());
        assertTrue(up.err().contains("a file is in the way") && up.err().contains("Nothing was created"), up.err());
        assertFalse(up.err().contains("Exception"), up.err());
        CliRun status = CliRun.run(file, "status");
        assertEquals(0, status.exit(), status.err());
    }

    /** In a fresh JVM, as `rolelab` runs: the message names the log only if the stack trace is in it. */
    @Test
    void theLogFileNamedInAnErrorHoldsTheStackTrace() throws Exception {
        Path file = Files.writeString(tmp.resolve("file-not-folder"), "x");
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + tmpdir,
                "-Drolelab.practice.timing=instant", "dev.rolelab.Main", "up", "--practice", "--keep")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ROLELAB_HOME", file.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        Matcher m = Pattern.compile("details in the log file (\\S+)\\)").matcher(err);
        assertTrue(m.find(), err);
        Path log = Path.of(m.group(1));
        assertTrue(log.startsWith(tmpdir), "the data folder is a file, so the log is in the temp folder: " + log);
        String logged = Files.readString(log);
        assertTrue(logged.contains("a file is in the way") && logged.contains("\tat dev.rolelab."), logged);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace on the console: " + err);
    }

    /** A lab left PROVISIONING by a killed `up` (no process holds it) is said to be interrupted, with the command that removes it. */
    @Test
    void statusSaysALabNoProcessRunsWasInterruptedAndHowToRemoveIt() throws Exception {
        String lab = upKeep();
        Path ledger = home().resolve("labs").resolve(lab + ".json");
        String text = Files.readString(ledger);
        Files.writeString(ledger, text.replaceFirst("\"status\"(\\s*):(\\s*)\"READY\"", "\"status\"$1:$2\"PROVISIONING\""));
        assertTrue(Files.readString(ledger).contains("PROVISIONING"), "the test's edit must take");
        CliRun status = CliRun.run(home(), "status");
        assertTrue(status.out().contains("[interrupted: `rolelab down --lab " + lab + "` removes it]"), status.out());
        assertEquals(0, CliRun.run(home(), "down", "--lab", lab, "--delete-key").exit());
    }

    /**
     * The log is appended to, never truncated: after a failed `up` said "details in the log file", the next
     * `rolelab status` (or a second process on the same data folder) must not erase those details.
     */
    @Test
    void aLaterRunAppendsToTheLogInsteadOfErasingTheEarlierRunsDetails() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path log = home.resolve("rolelab.log");
        Files.writeString(log, "2026-12-02T05:00:00.000+0000 [main] ERROR an earlier run's stack trace\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String[] command : List.of(new String[] {"status"}, new String[] {"plan", "--practice", "--role", "bad name"})) {
            List<String> args = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.rolelab.Main"));
            args.addAll(List.of(command));
            ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ROLELAB_HOME", home.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String err = new String(p.getErrorStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertFalse(err.contains(" INFO ") || err.contains(" WARN "), "log lines stay out of the console: " + err);
        }
        String logged = Files.readString(log);
        assertTrue(logged.startsWith("2026-12-02T05:00:00.000+0000 [main] ERROR an earlier run's stack trace"), logged);
    }

    /** A lab another process holds (the lab test's holder main): `down` names that process; `--all` skips it and goes on. */
    @Test
    void downLeavesALabAnotherProcessHoldsAndNamesIt() throws Exception {
        String free = upKeep();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.rolelab.lab.LedgerLockTest",
                home().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String busy = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
            assertTrue(busy != null && busy.startsWith("lab-"), busy);

            CliRun one = CliRun.run(home(), "down", "--lab", busy);
            assertEquals(1, one.exit(), one.err() + one.out());
            assertTrue(one.err().contains("in use by RoleLab process " + child.pid()), one.err());
            assertFalse(one.out().contains("Removing"), one.out());

            CliRun status = CliRun.run(home(), "status");
            assertTrue(status.out().contains("[in use by RoleLab process " + child.pid() + "]"), status.out());

            CliRun all = CliRun.run(home(), "down", "--all", "--delete-key");
            assertEquals(1, all.exit(), all.err() + all.out());
            assertTrue(all.out().contains("Lab " + free + " removed"), all.out());
            assertTrue(all.err().contains("skipped lab " + busy + ": it is in use by RoleLab process " + child.pid()), all.err());
            assertTrue(practiceEmpty());
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }

    /**
     * A link in the place of keys/ or labs/ is refused before anything is made, by `plan` as by `up`: before, `up` created the
     * lab's resources, refused the link at "Prepare the SSH key pair", and rolled back.
     */
    @Test
    void aLinkedKeysOrLabsFolderIsRefusedBeforeAnythingIsCreated() throws Exception {
        for (String folder : List.of("keys", "labs")) {
            Path home = Files.createDirectories(tmp.resolve("home-" + folder));
            Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere-" + folder));
            Files.createSymbolicLink(home.resolve(folder), elsewhere);
            for (String command : List.of("plan", "up")) {
                CliRun r = command.equals("up") ? CliRun.run(home, "up", "--practice", "--keep") : CliRun.run(home, "plan", "--practice");
                assertEquals(1, r.exit(), folder + ", " + command + ": " + r.err() + r.out());
                assertTrue(r.err().contains(home.resolve(folder) + " is a symbolic link") && r.err().contains("remove the link")
                        && r.err().contains("Nothing was created"), folder + ", " + command + ": " + r.err());
                assertFalse(r.err().contains("Exception") || r.err().contains("Free some space"), r.err());
                assertFalse(r.out().contains("Creates") || r.out().contains("Lab lab-") || r.out().contains("▶"), "nothing planned or made: " + r.out());
                Path account = home.resolve("practice/account.json");
                assertTrue(!Files.exists(account) || Json.MAPPER.readValue(account.toFile(), PracticeAccount.class).empty(), "nothing in the practice account");
                try (var through = Files.list(elsewhere)) {
                    assertEquals(0, through.count(), "nothing written through the link");
                }
            }
        }
    }

    /** Counts the connections made to a local port: what an attacker's endpoint would see. */
    private static final class Listener implements AutoCloseable {
        final java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

        Listener() throws java.io.IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket s = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "listener");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /** A lab whose ledger was edited to look like a real one made against {@code endpoint}. */
    private String editedToAnEndpoint(String endpoint) throws Exception {
        String lab = upKeep();
        Path ledger = home().resolve("labs").resolve(lab + ".json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(ledger.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode context = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("context");
        context.put("practice", false);
        context.put("endpointUrl", endpoint);
        Files.write(ledger, Json.MAPPER.writeValueAsBytes(json));
        return lab;
    }

    /**
     * A ledger is a file anyone with the user's rights can edit: an endpoint written into it must not receive down's
     * signed requests (a signature, the access key id, the account's names) unless the command line names it too.
     */
    @Test
    void anEndpointEditedIntoALedgerGetsNoRequestUnlessTheCommandLineNamesIt() throws Exception {
        try (Listener attacker = new Listener()) {
            String lab = editedToAnEndpoint(attacker.url());
            CliRun down = CliRun.run(home(), "down", "--lab", lab, "-y");
            assertEquals(2, down.exit(), down.err() + down.out());
            assertTrue(down.err().contains("rolelab: lab " + lab + " was made against " + attacker.url()), down.err());
            assertTrue(down.err().contains("--endpoint-url " + attacker.url()), "it says how to confirm it: " + down.err());
            assertFalse(down.out().contains("Removing lab"), down.out());

            CliRun other = CliRun.run(home(), "down", "--lab", lab, "-y", "--endpoint-url", "http://127.0.0.1:9");
            assertEquals(2, other.exit(), other.err() + other.out());
            assertTrue(other.err().contains("not the endpoint http://127.0.0.1:9 given with --endpoint-url"), other.err());

            CliRun all = CliRun.run(home(), "down", "--all", "-y");
            assertEquals(2, all.exit(), all.err() + all.out());
            assertTrue(all.err().contains("was made against " + attacker.url()), all.err());
            Path ledger = home().resolve("labs").resolve(lab + ".json");
            String original = Files.readString(ledger);
            Files.writeString(ledger, original.replace(attacker.url(), attacker.url() + "/;touch${IFS}/tmp/pwned"));
            CliRun shell = CliRun.run(home(), "down", "--lab", lab, "-y");
            assertEquals(2, shell.exit(), shell.err());
            assertTrue(shell.err().contains("which is not a URL RoleLab accepts") && !shell.err().contains("run `rolelab down"), shell.err());
            Files.writeString(ledger, original);
            assertEquals(0, attacker.connections.get(), "nothing reached the endpoint in the ledger");
            assertTrue(Files.exists(home().resolve("labs").resolve(lab + ".json")), "the lab is still listed");

            // named on the command line, it is the user's own choice: down goes there
            CliRun named = CliRun.run(home(), "down", "--lab", lab, "-y", "--endpoint-url", attacker.url());
            assertFalse(named.err().contains("was made against"), named.err());
            assertTrue(named.out().contains("Removing lab " + lab), named.out());
        }
    }

    /** The region becomes part of every endpoint's host name: an edited one could point the SDK at any host. */
    @Test
    void aLedgerWhoseRegionIsNotARegionIdIsUnreadableAndNothingIsSent() throws Exception {
        String lab = upKeep();
        Path ledger = home().resolve("labs").resolve(lab + ".json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(ledger.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("context")).put("region", "attacker.example/x");
        Files.write(ledger, Json.MAPPER.writeValueAsBytes(json));
        CliRun status = CliRun.run(home(), "status");
        assertTrue(status.err().contains("its region 'attacker.example/x' is not an AWS region id"), status.err());
        CliRun down = CliRun.run(home(), "down", "--lab", lab, "-y");
        assertTrue(down.exit() != 0, down.out());
        assertFalse(down.out().contains("Removing lab"), down.out());
    }

    /** Sweep leaves the key behind a linked keys folder alone, and says so instead of passing over it in silence. */
    @Test
    void sweepSaysItLeavesTheKeyInALinkedKeysFolderAndCountsWhatItRemoves() throws Exception {
        String lab = upKeep();
        Files.delete(home().resolve("labs").resolve(lab + ".json")); // the ledger is lost: sweep finds the lab by its tags
        Path keys = home().resolve("keys");
        Path real = Files.move(keys, home().resolve("keys-elsewhere"));
        Files.createSymbolicLink(keys, real);
        CliRun sweep = CliRun.run(home(), "sweep", "--practice", "-y");
        assertEquals(0, sweep.exit(), sweep.err() + sweep.out());
        assertTrue(Files.exists(real.resolve(lab + "_ed25519")), "nothing behind the link is deleted");
        assertTrue((sweep.out() + sweep.err()).contains("is a symbolic link") && (sweep.out() + sweep.err()).contains(lab + "_ed25519"),
                "it names the key it leaves: " + sweep.out() + sweep.err());
        // the seven tagged resources it listed, not nine (the two links are not resources of their own)
        assertTrue(sweep.out().contains("removing 7 resources of " + lab), sweep.out());
        assertFalse(sweep.out().contains("(s)"), sweep.out());
    }
}
