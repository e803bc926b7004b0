package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path is RoleLab's only once RoleLab has created it: a file already there is never listed, so never deleted. */
class KeyFileOwnershipTest {

    @TempDir
    Path tmp;

    @Test
    void aFileAlreadyAtTheGeneratedKeyPathStopsTheStepAndSurvivesTheRollback() throws Exception {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = f.newLedger();
            Path theirs = f.home.resolve("keys").resolve(ledger.labId() + "_ed25519");
            Files.createDirectories(theirs.getParent());
            Files.writeString(theirs, "someone's key");

            Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);

            assertEquals(Provisioner.Outcome.FAILED, r.outcome());
            assertEquals(Step.KEY_PAIR, r.failedStep());
            assertTrue(r.failure().contains("will not overwrite"), r.failure());
            assertEquals("someone's key", Files.readString(theirs), "the rollback must not delete a file RoleLab did not make");
            assertTrue(ledger.get(ResourceKind.LOCAL_KEY_FILE).isEmpty(), ledger.entries().toString());
            assertTrue(f.cloud.empty(), f.cloud.tagged().toString());
        }
    }

    @Test
    void aFileAtTheAwsKeyPathStopsTheStepBeforeAwsMakesAKeyAndSurvives() throws Exception {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            LabSpec spec = LabSpec.builder().sshCidr("203.0.113.10/32").key(new KeyChoice(KeyChoice.Mode.AWS, "rolelab-aws-key", null)).build();
            Ledger ledger = f.store.create(spec, null, null, true);
            Path theirs = f.home.resolve("keys").resolve(ledger.labId() + ".pem");
            Files.createDirectories(theirs.getParent());
            Files.writeString(theirs, "someone's pem");

            Provisioner.Result r = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);

            assertEquals(Provisioner.Outcome.FAILED, r.outcome());
            assertEquals("someone's pem", Files.readString(theirs));
            assertTrue(ledger.get(ResourceKind.KEY_PAIR).isEmpty(), "no key pair was asked of AWS: " + ledger.entries());
            assertTrue(f.cloud.empty(), f.cloud.tagged().toString());
        }
    }

    @Test
    void aKeyRoleLabMadeIsStillRemovedByTheRollback() throws Exception {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = f.newLedger();
            Cancel cancel = new Cancel();
            Provisioner.Result r = f.provisioner.provision(ledger, cancel, e -> {
                if (e.type() == Event.Type.DONE && e.subject().equals(Step.KEY_PAIR.name())) {
                    cancel.request();
                }
            }, true);
            assertEquals(Provisioner.Outcome.CANCELLED, r.outcome());
            assertFalse(Files.exists(f.home.resolve("keys").resolve(ledger.labId() + "_ed25519")), "RoleLab's own key goes with the rollback");
            assertEquals(LedgerEntry.State.DELETED, ledger.get(ResourceKind.LOCAL_KEY_FILE).orElseThrow().state());
        }
    }
}
