package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One owner per lab: between two real processes, and between two stores (threads) in one. */
class LedgerLockTest {

    @TempDir
    Path tmp;

    private static LabSpec spec() {
        return LabSpec.builder().sshCidr("203.0.113.7/32").build();
    }

    /** A second process: makes a lab, prints its id, holds it until its stdin closes. */
    public static void main(String[] args) throws Exception {
        try (LedgerStore store = new LedgerStore(Path.of(args[0]))) {
            Ledger l = store.create(spec(), null, null, true);
            System.out.println(l.labId());
            System.out.flush();
            System.in.read();
            l.status(Ledger.Status.FAILED); // its last write, then it lets go
        }
    }

    private static Process holder(Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LedgerLockTest.class.getName(), home.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void aLabHeldByAnotherProcessIsRefusedNamingItsPidThenFreedWhenItEnds() throws Exception {
        Process child = holder(tmp);
        try {
            String labId = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(LedgerStore.isLabId(labId), labId);
            LedgerStore mine = new LedgerStore(tmp).lockWait(Duration.ofMillis(300));

            LedgerStore.InUse busy = assertThrows(LedgerStore.InUse.class, () -> mine.claim(labId));
            assertTrue(busy.holder().contains(Long.toString(child.pid())), busy.getMessage());
            assertTrue(busy.getMessage().contains("in use by RoleLab process " + child.pid()), busy.getMessage());
            assertEquals("RoleLab process " + child.pid(), mine.holder(labId).orElseThrow());

            // a copy read without the lock cannot be written while the other process holds the lab
            Ledger copy = mine.load(labId).orElseThrow();
            assertThrows(LedgerStore.InUse.class, () -> copy.intend(ResourceKind.ROLE, "containerise"));

            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());

            assertTrue(mine.holder(labId).isEmpty());
            // the old copy is older than the child's last write: refused, the file keeps the child's word
            assertThrows(LedgerStore.Stale.class, () -> copy.intend(ResourceKind.ROLE, "containerise"));
            Ledger now = mine.lockWait(Duration.ofSeconds(3)).claim(labId).orElseThrow();
            assertEquals(Ledger.Status.FAILED, now.status());
            now.intend(ResourceKind.ROLE, "containerise");
            mine.close();
            assertEquals(1, new LedgerStore(tmp).load(labId).orElseThrow().entries().size());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aSecondProcessWaitsBrieflyForARunThatIsEnding() throws Exception {
        Process child = holder(tmp);
        try {
            String labId = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            LedgerStore mine = new LedgerStore(tmp).lockWait(Duration.ofSeconds(20));
            CompletableFuture<Ledger> waiting = CompletableFuture.supplyAsync(() -> mine.claim(labId).orElseThrow());
            Thread.sleep(300); // the claim is now polling the lock
            assertTrue(!waiting.isDone());
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            assertEquals(Ledger.Status.FAILED, waiting.get(30, TimeUnit.SECONDS).status());
            mine.close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void twoStoresInTwoThreadsNeverOwnALabAtOnce() throws Exception {
        LedgerStore first = new LedgerStore(tmp).lockWait(Duration.ofMillis(100));
        Ledger l = first.create(spec(), null, null, true);
        LedgerStore second = new LedgerStore(tmp).lockWait(Duration.ofMillis(100));
        CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
            try {
                second.claim(l.labId());
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertTrue(other.get(10, TimeUnit.SECONDS) instanceof LedgerStore.InUse, String.valueOf(other.get()));
        first.close();
        Ledger taken = second.claim(l.labId()).orElseThrow();
        assertThrows(LedgerStore.InUse.class, () -> l.intend(ResourceKind.ROLE, "r"), "the first store let go: it must ask again");
        taken.status(Ledger.Status.REMOVED);
        second.close();
    }

    /** Twenty rounds of two threads writing one lab through their own stores: no write is ever lost. */
    @Test
    void racingWritersInTwoThreadsLoseNothing() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path home = tmp.resolve("race-" + round);
            LedgerStore maker = new LedgerStore(home);
            String labId = maker.create(spec(), null, null, true).labId();
            maker.close();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> racers = List.of(ResourceKind.ROLE, ResourceKind.REPOSITORY).stream()
                    .map(kind -> CompletableFuture.supplyAsync(() -> {
                        try (LedgerStore s = new LedgerStore(home).lockWait(Duration.ofMillis(50))) {
                            go.await();
                            Ledger mine = s.claim(labId).orElseThrow();
                            mine.intend(kind, kind.name());
                            mine.created(kind, "id-" + kind);
                            return "wrote " + kind;
                        } catch (LedgerStore.InUse | LedgerStore.Stale e) {
                            return "refused";
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            go.countDown();
            List<String> outcomes = racers.stream().map(CompletableFuture::join).toList();
            Ledger after = new LedgerStore(home).load(labId).orElseThrow();
            long wrote = outcomes.stream().filter(o -> o.startsWith("wrote")).count();
            assertTrue(wrote >= 1, outcomes.toString());
            assertEquals(wrote, after.entries().size(), "round " + round + ": " + outcomes + " but the file has " + after.entries());
        }
    }

    @Test
    void theLockFileHoldsThePidAndStaysPrivate() throws Exception {
        try (LedgerStore store = new LedgerStore(tmp)) {
            Ledger l = store.create(spec(), null, null, true);
            Path lock = store.folder().resolve(l.labId() + ".lock");
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(lock).trim());
        }
    }
}
