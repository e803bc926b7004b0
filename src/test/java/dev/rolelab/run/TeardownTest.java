package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.practice.PracticeAccount;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `down` removes what the lab made and nothing else, from any ledger it left. */
class TeardownTest {

    @TempDir
    Path tmp;

    private static Ledger ready(PracticeFixture f) {
        Ledger ledger = f.newLedger();
        Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
        assertEquals(Provisioner.Outcome.READY, r.outcome(), r.failure());
        return ledger;
    }

    @Test
    void undoingALinkSaysWhatItJoinedNotTheNameAndDone() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = ready(f);
            List<Event> events = new CopyOnWriteArrayList<>();
            assertTrue(f.teardown().run(ledger, new Teardown.Options(true), events::add).clean());
            java.util.Map<ResourceKind, String> done = new java.util.EnumMap<>(ResourceKind.class);
            for (Event e : events) {
                if (e.type() == Event.Type.DONE && e.about() instanceof Event.Subject.Resource r) {
                    done.put(r.kind(), e.message());
                }
            }
            // by default role and instance profile are both "containerise": "containerise done" said nothing
            assertEquals("role containerise taken out of instance profile containerise", done.get(ResourceKind.ROLE_IN_PROFILE));
            assertEquals("policy ECRContainerise detached from role containerise", done.get(ResourceKind.POLICY_ATTACHMENT));
            assertTrue(done.get(ResourceKind.ROLE).endsWith("role/rolelab/containerise) deleted"), done.get(ResourceKind.ROLE));
        }
    }

    @Test
    void sameNamedReplacementsAreLeftAloneAndReported() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = ready(f);
            // after `up --keep`, someone deletes and re-creates each of these under the same name, without RoleLab's tag
            PracticeAccount a = f.cloud.account();
            String policyArn = a.policies.keySet().iterator().next();
            f.cloud.detachRolePolicy("containerise", policyArn);
            f.cloud.removeRoleFromInstanceProfile("containerise", "containerise");
            f.cloud.deleteRepository("ec2-ecr-test");
            f.cloud.deleteInstanceProfile("containerise");
            f.cloud.deleteRole("containerise");
            f.cloud.deletePolicy(policyArn);
            f.cloud.deleteKeyPair("rolelab-ec2-ecr-test");
            f.cloud.createRepository("ec2-ecr-test", null);
            f.cloud.recordPush("ec2-ecr-test", "their-image", 1234);
            f.cloud.createRole("containerise", "{}", null);
            f.cloud.createInstanceProfile("containerise", null);
            f.cloud.createPolicy("ECRContainerise", "{}", null);
            f.cloud.importKeyPair("rolelab-ec2-ecr-test", "ssh-ed25519 AAAA theirs", null);

            List<Event> events = new CopyOnWriteArrayList<>();
            Teardown.Result t = f.teardown().run(ledger, new Teardown.Options(true), events::add);
            assertTrue(t.clean(), t.failures().toString());
            PracticeAccount after = f.cloud.account();
            assertEquals(1, after.repositories.get("ec2-ecr-test").images.size(), "their repository and its image survive");
            assertTrue(after.roles.containsKey("containerise") && after.profiles.containsKey("containerise"));
            assertEquals(1, after.policies.size());
            assertTrue(after.keys.containsKey("rolelab-ec2-ecr-test"));
            for (ResourceKind k : List.of(ResourceKind.REPOSITORY, ResourceKind.ROLE, ResourceKind.INSTANCE_PROFILE, ResourceKind.POLICY,
                    ResourceKind.KEY_PAIR)) {
                assertEquals(LedgerEntry.State.NOT_OURS, ledger.get(k).orElseThrow().state(), k.name());
                assertTrue(events.stream().anyMatch(e -> e.type() == Event.Type.DONE && e.subject().equals(k.name())
                        && e.message().contains("same-named replacement, left alone")), k + ": " + events);
            }
            assertTrue(after.instances.values().stream().allMatch(m -> m.terminatedAt > 0), "the lab's own instance is gone");
        }
    }

    @Test
    void aReplacementCarryingTheTagButAnotherIdIsLeftAlone() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = ready(f);
            f.cloud.deleteKeyPair("rolelab-ec2-ecr-test");
            f.cloud.importKeyPair("rolelab-ec2-ecr-test", "ssh-ed25519 AAAA other", ledger.labId());
            assertTrue(f.teardown().run(ledger, new Teardown.Options(true), Events.NONE).clean());
            assertTrue(f.cloud.account().keys.containsKey("rolelab-ec2-ecr-test"));
            assertEquals(LedgerEntry.State.NOT_OURS, ledger.get(ResourceKind.KEY_PAIR).orElseThrow().state());
        }
    }

    @Test
    void aLedgerWhoseInstanceIdNoLongerExistsFindsTheInstanceByTag() throws Exception {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = ready(f);
            // the ledger on disk names an instance EC2 does not know
            Path file = f.store.folder().resolve(ledger.labId() + ".json");
            String realId = ledger.get(ResourceKind.INSTANCE).orElseThrow().id();
            Files.writeString(file, Files.readString(file).replace(realId, "i-0000000000doesnotexist"));
            f.store.close(); // one owner per lab: the run that made it lets go, as a process does when it ends
            try (LedgerStore later = new LedgerStore(tmp)) {
                Ledger edited = later.load(ledger.labId()).orElseThrow();
                Teardown.Result t = f.teardown().run(edited, new Teardown.Options(true), Events.NONE);
                assertTrue(t.clean(), t.failures().toString());
                assertTrue(f.cloud.empty(), f.cloud.tagged().toString());
            }

            // and once nothing carries the tag either, `down` ends instead of failing for ever
            Ledger again = new LedgerStore(tmp).recovered(new Ledger.Context(ledger.labId(), "us-east-1", null, null, true,
                    java.time.Instant.now()), ledger.spec(), List.of(new LedgerEntry(ResourceKind.INSTANCE, "ec2-ecr-test",
                    "i-0000000000doesnotexist", LedgerEntry.State.CREATED, java.time.Instant.parse("2026-01-01T00:00:00Z"))));
            List<Event> events = new CopyOnWriteArrayList<>();
            assertTrue(f.teardown().run(again, new Teardown.Options(true), events::add).clean());
            assertEquals(Ledger.Status.REMOVED, again.status());
            assertTrue(events.stream().anyMatch(e -> e.message().contains("no longer exists")), events.toString());
        }
    }

    /** A stop (crash) before teardown's last ledger write: the lab is still open, and the next `down` finishes it. */
    @Test
    void aStopBeforeTeardownsLastWriteLeavesALabTheNextDownFinishes() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = ready(f);
            AtomicInteger writes = new AtomicInteger();
            f.store.beforeWrite(s -> {
                if (s.status() == Ledger.Status.REMOVED) {
                    throw new ProvisionerTest.Crash();
                }
                writes.incrementAndGet();
            });
            assertThrows(ProvisionerTest.Crash.class, () -> f.teardown().run(ledger, new Teardown.Options(true), Events.NONE));
            f.store.beforeWrite(s -> { });
            assertTrue(f.cloud.empty());
            Ledger left = new LedgerStore(tmp).load(ledger.labId()).orElseThrow();
            assertEquals(Ledger.Status.TEARING_DOWN, left.status());
            assertTrue(left.live().isEmpty());
            assertEquals(List.of(ledger.labId()), new LedgerStore(tmp).open().stream().map(Ledger::labId).toList(),
                    "`down` (and status) still lists it");
            assertTrue(f.teardown().run(left, new Teardown.Options(true), Events.NONE).clean());
            assertEquals(Ledger.Status.REMOVED, new LedgerStore(tmp).load(ledger.labId()).orElseThrow().status());
            assertTrue(new LedgerStore(tmp).open().isEmpty());
        }
    }

    @Test
    void aJustMadeResourceThatAwsDoesNotShowYetIsWaitedForNotWrittenOff() {
        // a crash between RunInstances and the ledger's write of the id, then an immediate `down`
        PracticeCloud.Consistency slow = new PracticeCloud.Consistency(0, java.time.Duration.ofMillis(300), java.time.Duration.ZERO,
                java.time.Duration.ZERO);
        try (PracticeFixture f = new PracticeFixture(tmp, slow)) {
            Ledger ledger = f.newLedger();
            f.store.beforeWrite(s -> {
                if (s.entries().stream().anyMatch(e -> e.kind() == ResourceKind.INSTANCE && e.id() != null)) {
                    throw new ProvisionerTest.Crash();
                }
            });
            assertThrows(ProvisionerTest.Crash.class, () -> f.provisioner.provision(ledger, new Cancel(), Events.NONE, true));
            f.store.beforeWrite(s -> { });
            Ledger found = new LedgerStore(tmp).load(ledger.labId()).orElseThrow();
            assertEquals(LedgerEntry.State.CREATING, found.get(ResourceKind.INSTANCE).orElseThrow().state());
            f.cloud.account().instances.values().forEach(m -> m.visibleAt = System.currentTimeMillis() + 200); // not visible yet
            List<Event> events = new CopyOnWriteArrayList<>();
            Teardown.Result t = new Teardown(f.cloud, f.executor).run(found, new Teardown.Options(true), events::add);
            assertTrue(t.clean(), t.failures().toString());
            assertTrue(f.cloud.empty(), "the instance was found once visible and terminated: " + f.cloud.tagged());
            assertTrue(events.stream().anyMatch(e -> e.type() == Event.Type.RETRYING && e.message().contains("not visible yet")
                    && e.message().contains("(InvalidInstanceID.NotFound)")), events.toString());
            assertFalse(events.stream().anyMatch(e -> e.message().contains("never launched")), events.toString());
        }
    }
}
