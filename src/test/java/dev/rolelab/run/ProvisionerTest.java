package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.Step;
import dev.rolelab.practice.PracticeAccount;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerTest {

    @TempDir
    Path tmp;

    @Test
    void provisionsEverythingThenTeardownLeavesNothing() throws Exception {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = f.newLedger();
            List<Event> events = new CopyOnWriteArrayList<>();
            Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), events::add, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome(), r.failure());
            assertNotNull(r.lab().publicIp());
            assertEquals(Ledger.Status.READY, ledger.status());
            assertEquals(10, ledger.live().size(), ledger.entries().toString());
            assertTrue(ledger.live().stream().allMatch(e -> e.state() == LedgerEntry.State.CREATED && e.id() != null));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.lab().privateKey())));
            for (Step s : Step.values()) {
                assertTrue(events.stream().anyMatch(e -> e.type() == Event.Type.DONE && e.subject().equals(s.name())), s + " never finished");
            }
            PracticeAccount a = f.cloud.account();
            assertEquals(List.of("203.0.113.10/32"), a.groups.values().iterator().next().sshFrom);
            assertEquals(List.of(a.policies.keySet().iterator().next()), a.roles.get("containerise").attached);
            assertEquals("containerise", a.profiles.get("containerise").role);

            f.store.close(); // the run that made the lab ends (a process exits): its lock goes with it
            Ledger reloaded = new LedgerStore(tmp).load(ledger.labId()).orElseThrow();
            Teardown.Result t = f.teardown().run(reloaded, new Teardown.Options(true), Events.NONE);
            assertTrue(t.clean(), t.failures().toString());
            assertTrue(f.cloud.empty());
            assertTrue(reloaded.live().isEmpty());
            assertFalse(Files.exists(r.lab().privateKey()));
            assertEquals(Ledger.Status.REMOVED, new LedgerStore(tmp).load(ledger.labId()).orElseThrow().status());
        }
    }

    /** How many cloud calls a full provisioning makes (the fault sweep fails each in turn). */
    private int callsInAFullRun() {
        try (PracticeFixture f = new PracticeFixture(tmp.resolve("count"))) {
            Provisioner.Result r = f.provisioner.provision(f.newLedger(), new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome());
            return f.cloud.callCount();
        }
    }

    @Test
    void faultSweepEveryFailedCallRollsBackToNothing() {
        int calls = callsInAFullRun();
        assertTrue(calls >= 14, "only " + calls + " calls");
        for (int k = 1; k <= calls; k++) {
            try (PracticeFixture f = new PracticeFixture(tmp.resolve("fault-" + k))) {
                f.cloud.failCall(k, "AccessDenied", "simulated refusal of call " + k);
                Ledger ledger = f.newLedger();
                Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
                assertEquals(Provisioner.Outcome.FAILED, r.outcome(), "call " + k);
                assertTrue(r.failure().contains("simulated refusal of call " + k), r.failure());
                assertTrue(f.cloud.empty(), "call " + k + " left " + f.cloud.tagged());
                Ledger onDisk = f.store.load(ledger.labId()).orElseThrow();
                assertEquals(List.of(), onDisk.live(), "call " + k);
                assertFalse(Files.exists(f.home.resolve("keys").resolve(ledger.labId() + "_ed25519")), "key file left at call " + k);
            }
        }
    }

    /**
     * Where the seeded sweeps keep their hundreds of data folders: memory where the system has it (each ledger
     * write is fsynced, and a disk makes that the sweep's whole cost), else the test's temporary folder.
     */
    private Path sweepFolder(String name) throws java.io.IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            Path dir = Files.createTempDirectory(shm, "rolelab-" + name + "-");
            cleanUp.add(dir);
            return dir;
        }
        return Files.createDirectories(tmp.resolve(name));
    }

    private final List<Path> cleanUp = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeSweepFolders() throws java.io.IOException {
        for (Path dir : cleanUp) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Eventual consistency in milliseconds: every "not visible yet" AWS has, on a seed's draw. */
    static PracticeCloud.Consistency seeded(long seed) {
        return new PracticeCloud.Consistency(seed, Duration.ofMillis(15), Duration.ofMillis(20), Duration.ofMillis(15));
    }

    /** The fault sweep with AWS's eventual consistency, over 20 seeds: a run's calls vary with what had to be asked again. */
    @Test
    void faultSweepWithEventualConsistencyOverTwentySeeds() throws Exception {
        Path root = sweepFolder("fault-sweep");
        int failed = 0;
        for (long seed = 1; seed <= 20; seed++) {
            int calls;
            try (PracticeFixture f = new PracticeFixture(root.resolve("count-" + seed), seeded(seed))) {
                Provisioner.Result r = f.provisioner.provision(f.newLedger(), new Cancel(), Events.NONE, true);
                assertEquals(Provisioner.Outcome.READY, r.outcome(), "seed " + seed + ": " + r.failure());
                calls = f.cloud.callCount();
            }
            for (int k = 1; k <= calls; k++) {
                String at = "seed " + seed + ", call " + k;
                try (PracticeFixture f = new PracticeFixture(root.resolve("fault-" + seed + "-" + k), seeded(seed))) {
                    f.cloud.failCall(k, "AccessDenied", "simulated refusal of call " + k);
                    Ledger ledger = f.newLedger();
                    Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
                    if (r.outcome() == Provisioner.Outcome.READY) { // fewer retries this time: the fault lay beyond the last call
                        f.cloud.clearFaults();
                        assertTrue(f.teardown().run(ledger, new Teardown.Options(true), Events.NONE).clean(), at);
                    } else {
                        failed++;
                        assertEquals(Provisioner.Outcome.FAILED, r.outcome(), at);
                        assertTrue(r.failure().contains("simulated refusal of call " + k), at + ": " + r.failure());
                    }
                    assertTrue(f.cloud.empty(), at + " left " + f.cloud.tagged());
                    assertEquals(List.of(), f.store.load(ledger.labId()).orElseThrow().live(), at);
                    assertFalse(Files.exists(f.home.resolve("keys").resolve(ledger.labId() + "_ed25519")), "key file left at " + at);
                }
            }
        }
        assertTrue(failed >= 20 * 14, "only " + failed + " runs met their fault");
    }

    /** The crash sweep with AWS's eventual consistency, over 20 seeds: `down` right after a crash meets resources AWS does not show yet. */
    @Test
    void crashSweepWithEventualConsistencyOverTwentySeeds() throws Exception {
        Path root = sweepFolder("crash-sweep");
        for (long seed = 1; seed <= 20; seed++) {
            int writes;
            try (PracticeFixture f = new PracticeFixture(root.resolve("writes-" + seed), seeded(seed))) {
                AtomicInteger n = new AtomicInteger();
                f.store.beforeWrite(s -> n.incrementAndGet());
                f.provisioner.provision(f.newLedger(), new Cancel(), Events.NONE, true);
                writes = n.get();
            }
            for (int k = 1; k < writes; k++) {
                String at = "seed " + seed + ", write " + k;
                Path home = root.resolve("crash-" + seed + "-" + k);
                try (PracticeFixture f = new PracticeFixture(home, seeded(seed))) {
                    AtomicInteger n = new AtomicInteger();
                    int limit = k;
                    f.store.beforeWrite(s -> {
                        if (n.incrementAndGet() > limit) {
                            throw new Crash();
                        }
                    });
                    Ledger ledger = f.newLedger();
                    try {
                        f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
                    } catch (Crash expected) {
                        // the process died here
                    }
                    Ledger found = new LedgerStore(home).load(ledger.labId()).orElseThrow();
                    Teardown.Result t = f.teardown().run(found, new Teardown.Options(true), Events.NONE);
                    assertTrue(t.clean(), at + ": " + t.failures());
                    assertTrue(f.cloud.empty(), at + " left " + f.cloud.tagged());
                    assertFalse(Files.exists(home.resolve("keys").resolve(ledger.labId() + "_ed25519")), "key file left at " + at);
                }
            }
        }
    }

    /** A crash: every ledger write after the k-th fails as if the process had died there. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    @Test
    void crashSweepALedgerCutAfterAnyWriteIsEnoughForDown() {
        int writes;
        try (PracticeFixture f = new PracticeFixture(tmp.resolve("writes"))) {
            AtomicInteger n = new AtomicInteger();
            f.store.beforeWrite(s -> n.incrementAndGet());
            f.provisioner.provision(f.newLedger(), new Cancel(), Events.NONE, true);
            writes = n.get();
        }
        assertTrue(writes >= 20, "only " + writes + " writes");
        for (int k = 1; k < writes; k++) {
            Path home = tmp.resolve("crash-" + k);
            try (PracticeFixture f = new PracticeFixture(home)) {
                AtomicInteger n = new AtomicInteger();
                int limit = k;
                f.store.beforeWrite(s -> {
                    if (n.incrementAndGet() > limit) {
                        throw new Crash();
                    }
                });
                Ledger ledger = f.newLedger();
                assertThrows(Crash.class, () -> f.provisioner.provision(ledger, new Cancel(), Events.NONE, true), "write " + k);

                // a fresh process: a new store reads what reached the disk, and `down` runs from it
                Ledger found = new LedgerStore(home).load(ledger.labId()).orElseThrow();
                Teardown.Result t = f.teardown().run(found, new Teardown.Options(true), Events.NONE);
                assertTrue(t.clean(), "write " + k + ": " + t.failures());
                assertTrue(f.cloud.empty(), "write " + k + " left " + f.cloud.tagged());
                assertFalse(Files.exists(home.resolve("keys").resolve(ledger.labId() + "_ed25519")), "key file left at write " + k);
            }
        }
    }

    @Test
    void cancelStopsNewCallsAndRollsBack() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Cancel cancel = new Cancel();
            List<Event> events = new CopyOnWriteArrayList<>();
            Ledger ledger = f.newLedger();
            Provisioner.Result r = f.provisioner.provision(ledger, cancel, e -> {
                events.add(e);
                if (e.type() == Event.Type.DONE && e.subject().equals(Step.ROLE.name())) {
                    cancel.request();
                }
            }, true);
            assertEquals(Provisioner.Outcome.CANCELLED, r.outcome());
            assertTrue(events.stream().noneMatch(e -> e.type() == Event.Type.STARTED && e.subject().equals(Step.INSTANCE.name())));
            assertTrue(f.cloud.empty());
            assertEquals(List.of(), ledger.live());
        }
    }

    @Test
    void cancelDuringTheLongWaitForTheInstanceStopsWaiting() {
        var slowBoot = new dev.rolelab.practice.PracticeCloud.Timing(java.time.Duration.ZERO, java.time.Duration.ofMinutes(5),
                java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Duration.ofMillis(5));
        var cloud = new dev.rolelab.practice.PracticeCloud(null, "us-east-1", slowBoot);
        var executor = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            Ledger ledger = new LedgerStore(tmp).create(PracticeFixture.spec(), null, null, true);
            Cancel cancel = new Cancel();
            Provisioner.Result r = new Provisioner(cloud, tmp.resolve("keys"), executor).provision(ledger, cancel, e -> {
                if (e.type() == Event.Type.PROGRESS && e.message().endsWith("is pending")) {
                    cancel.request();
                }
            }, true);
            assertEquals(Provisioner.Outcome.CANCELLED, r.outcome());
            assertTrue(cloud.empty(), cloud.tagged().toString());
            assertEquals(List.of(), ledger.live());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aClashIsNeverAdoptedOrDeleted() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            f.cloud.createRole("containerise", "{}", null); // someone else's role, no RoleLab tag
            Ledger ledger = f.newLedger();
            Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.FAILED, r.outcome());
            assertEquals(Step.ROLE, r.failedStep());
            assertTrue(r.failure().contains("already exists"), r.failure());
            assertTrue(f.cloud.account().roles.containsKey("containerise"), "the other role must survive");
            assertEquals(1, f.cloud.account().roles.size());
            assertTrue(f.cloud.account().repositories.isEmpty());
            assertEquals(LedgerEntry.State.NOT_OURS, ledger.get(ResourceKind.ROLE).orElseThrow().state());
        }
    }

    /**
     * Steps run side by side: the instance profile's clash can come before the repository's. The result names the
     * step of the failure it reports ("Create the ECR repository failed: … Instance Profile … already exists" was seen).
     */
    @Test
    void theFailedStepIsTheOneWhoseFailureIsReported() {
        RuntimeException repository = new RuntimeException("The repository with name 'ec2-ecr-test' already exists");
        RuntimeException profile = new RuntimeException("Instance Profile containerise already exists.");
        java.util.Map<Step, Throwable> failures = new java.util.LinkedHashMap<>();
        failures.put(Step.IDENTITY, null);
        failures.put(Step.REPOSITORY, repository);
        failures.put(Step.INSTANCE_PROFILE, profile);
        assertEquals(Step.INSTANCE_PROFILE, Provisioner.failedStep(new StepGraph.Outcome<>(failures, profile)));
        assertEquals(Step.REPOSITORY, Provisioner.failedStep(new StepGraph.Outcome<>(failures, repository)));
    }

    @Test
    void keepOnFailureLeavesWhatWasMadeForALaterDown() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            int runInstances = callsInAFullRun() - 1; // the last call is the running waiter
            f.cloud.failCall(runInstances, "InsufficientInstanceCapacity", "We currently do not have sufficient t3.micro capacity");
            Ledger ledger = f.newLedger();
            Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, false);
            assertEquals(Provisioner.Outcome.FAILED, r.outcome());
            assertEquals(Step.INSTANCE, r.failedStep());
            assertTrue(r.failure().contains("another instance type"), r.failure());
            assertFalse(f.cloud.empty());
            assertFalse(ledger.live().isEmpty());
            assertTrue(f.teardown().run(ledger, new Teardown.Options(true), Events.NONE).clean());
            assertTrue(f.cloud.empty());
        }
    }

    @Test
    void noDefaultVpcFailsWithTheRemedies() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            f.cloud.removeDefaultVpc();
            Provisioner.Result r = f.provisioner.provision(f.newLedger(), new Cancel(), Events.NONE, true);
            assertEquals(Step.NETWORK, r.failedStep());
            assertTrue(r.failure().contains("default VPC") && r.failure().contains("create-default-vpc"), r.failure());
            assertTrue(f.cloud.empty());
        }
    }

    @Test
    void sweepFindsALabWhoseLedgerIsLostAndRemovesIt() throws Exception {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = f.newLedger();
            assertEquals(Provisioner.Outcome.READY, f.provisioner.provision(ledger, new Cancel(), Events.NONE, true).outcome());
            Sweep sweep = new Sweep(f.cloud, f.store, f.executor);
            assertTrue(sweep.scan().empty(), "a lab with a ledger is not an orphan");
            Files.delete(f.store.folder().resolve(ledger.labId() + ".json"));
            Sweep.Found found = sweep.scan();
            assertEquals(List.of(ledger.labId()), List.copyOf(found.byLab().keySet()));
            assertEquals(7, found.byLab().get(ledger.labId()).size());
            assertEquals(List.of(), sweep.remove(found, "us-east-1", true, Teardown.Options.STANDARD, Events.NONE));
            assertTrue(f.cloud.empty());
        }
    }

    @Test
    void preflightSuggestsAFreeName() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            f.cloud.createRepository("ec2-ecr-test", null);
            f.cloud.createRepository("ec2-ecr-test-2", null);
            Preflight.Clash c = new Preflight(f.cloud, f.executor).clash(ResourceKind.REPOSITORY, "ec2-ecr-test");
            assertEquals("ec2-ecr-test-3", c.suggestion());
            var problems = new Preflight(f.cloud, f.executor).check(PracticeFixture.spec());
            assertEquals(1, problems.size());
            assertEquals("repository", problems.get(0).field());
            assertTrue(problems.get(0).message().contains("'ec2-ecr-test-3' is free"));
        }
    }
}
