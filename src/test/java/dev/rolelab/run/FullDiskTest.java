package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk fills up part-way through `up`: the run stops creating, rolls back, and says what to run if that cannot finish. */
class FullDiskTest {

    @TempDir
    Path tmp;

    private static final LedgerStore.Disk REAL = (t, bytes) -> Files.write(t, bytes);

    @Test
    void aDiskThatFillsAtAnyWriteStopsTheRunRollsBackAndLeavesNothingDownCannotRemove() throws Exception {
        int writes;
        try (PracticeFixture f = new PracticeFixture(tmp.resolve("count"))) {
            AtomicInteger n = new AtomicInteger();
            f.store.beforeWrite(s -> n.incrementAndGet());
            f.provisioner.provision(f.newLedger(), new Cancel(), Events.NONE, true);
            writes = n.get();
        }
        for (int k = 2; k <= writes; k++) {
            Path home = tmp.resolve("full-" + k);
            try (PracticeFixture f = new PracticeFixture(home)) {
                AtomicInteger n = new AtomicInteger();
                int limit = k;
                f.store.disk((t, bytes) -> {
                    if (n.incrementAndGet() >= limit) {
                        throw new IOException("No space left on device");
                    }
                    REAL.write(t, bytes);
                });
                Ledger ledger = f.newLedger();
                Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
                if (r.outcome() == Provisioner.Outcome.READY) {
                    // the disk filled only at the last, status-only write: the lab is whole and its ledger lists it all
                    assertTrue(ledger.unsaved().isPresent(), "write " + k);
                } else {
                    assertEquals(Provisioner.Outcome.FAILED, r.outcome(), "write " + k);
                    assertTrue(r.failure().contains("the disk is full") && r.failure().contains("rolelab down --lab " + ledger.labId()),
                            "write " + k + ": " + r.failure());
                    assertTrue(f.cloud.empty(), "write " + k + ": the rollback went on with a full disk; left " + f.cloud.tagged());
                }
                // the disk has space again: a fresh process's `down`, from what reached the disk, leaves nothing
                f.store.close();
                LedgerStore later = new LedgerStore(home);
                later.load(ledger.labId()).ifPresent(l -> {
                    Teardown.Result t = f.teardown().run(l, new Teardown.Options(true), Events.NONE);
                    assertTrue(t.clean(), "write " + limit + ": " + t.failures());
                });
                assertTrue(f.cloud.empty(), "write " + k + " left " + f.cloud.tagged());
                assertTrue(!Files.exists(home.resolve("keys").resolve(ledger.labId() + "_ed25519")), "key file left at write " + k);
                later.close();
            }
        }
    }
}
