package dev.rolelab.gui.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.Services;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Clean up page's logic, without a window: the ledger's rows, one removal, the one rule for the key. */
class CleanupViewModelTest {

    @TempDir
    Path data;

    PracticeCloud cloud;
    WizardModel model;
    CleanupViewModel vm;
    Ledger ledger;

    @BeforeEach
    void setUp() throws Exception {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        LedgerStore store = new LedgerStore(data);
        model = new WizardModel(new Services(data, store, new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        vm = new CleanupViewModel(model);
        ledger = store.create(LabSpec.builder().sshCidr("203.0.113.10/32").key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(),
                null, null, true);
        var executor = Executors.newFixedThreadPool(4);
        try {
            Provisioner.Result r = new Provisioner(cloud, data.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome());
        } finally {
            executor.shutdownNow();
        }
        model.resume(ledger);
    }

    @Test
    void theRowsAreOneViewThatKeepsItsListeners() {
        assertSame(vm.rows(), vm.rows(), "a view made per call holds the page's listener weakly");
    }

    private Path keyFile() {
        return data.resolve("keys").resolve(ledger.labId() + "_ed25519");
    }

    private CleanupViewModel.Row row(ResourceKind kind) {
        return vm.rows().stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void enteringListsWhatIsLeftAndMakesRemovalTheMainAction() {
        vm.enter();
        assertEquals("10 things to remove from " + ledger.labId() + ".", vm.statusProperty().get());
        assertTrue(vm.liveProperty().get(), "live: Remove everything is the default and going on asks");
        assertEquals(ResourceKind.INSTANCE, vm.rows().get(0).kind(), "the instance goes first");
        assertTrue(vm.rows().stream().allMatch(r -> r.stateProperty().get() == StepRow.State.WAITING));
        assertTrue(row(ResourceKind.LOCAL_KEY_FILE).detailProperty().get().endsWith("(deleted with the lab)"));
        assertTrue(vm.hasKeyProperty().get());
        assertTrue(vm.keyRule().startsWith(dev.rolelab.run.Teardown.Options.KEY_RULE), "the page states the CLI's rule");
        assertTrue(vm.leavingQuestion().isPresent(), "leaving a live lab asks");
    }

    @Test
    void inPracticeNothingOnThePageTalksOfCost() {
        vm.enter();
        assertFalse(vm.keepNoteProperty().get().contains("cent"), vm.keepNoteProperty().get());
        assertFalse(vm.leavingQuestion().orElseThrow().contains("cent"), vm.leavingQuestion().get());
        assertTrue(vm.leavingQuestion().get().contains("practice account"), vm.leavingQuestion().get());
    }

    @Test
    void removeTakesEverythingAndTheKeyByTheOneRule() {
        vm.enter();
        vm.remove();
        assertTrue(cloud.empty(), "nothing is left in the simulated account");
        assertFalse(Files.exists(keyFile()), "the key went with the lab");
        assertTrue(vm.statusProperty().get().startsWith("Everything is removed"), vm.statusProperty().get());
        assertFalse(vm.liveProperty().get());
        assertTrue(vm.removedOnceProperty().get(), "the key choice is over");
        assertTrue(vm.leavingQuestion().isEmpty(), "nothing left: Finish does not ask");
        for (CleanupViewModel.Row r : vm.rows()) {
            assertEquals(StepRow.State.DONE, r.stateProperty().get(), r.title() + ": " + r.detailProperty().get());
        }
        assertEquals("", vm.keepNoteProperty().get());
    }

    @Test
    void keepingTheKeyIsSaidBeforeAndKeptAfterNeverWaiting() {
        vm.enter();
        vm.keepKeyProperty().set(true);
        CleanupViewModel.Row key = row(ResourceKind.LOCAL_KEY_FILE);
        assertEquals(StepRow.State.SKIPPED, key.stateProperty().get());
        assertTrue(key.detailProperty().get().startsWith("kept, as you chose"), key.detailProperty().get());
        vm.remove();
        assertTrue(Files.isRegularFile(keyFile()), "kept as asked");
        assertTrue(cloud.empty());
        assertTrue(key.stateProperty().get() != StepRow.State.WAITING
                && key.stateProperty().get() != StepRow.State.RUNNING, "the row does not stay waiting");
        assertTrue(key.detailProperty().get().contains("kept"), key.detailProperty().get());
    }

    @Test
    void withNoLabThePageSaysNothingWasCreated() {
        model.ledger(null);
        vm.enter();
        assertEquals("Nothing was created.", vm.statusProperty().get());
        assertFalse(vm.liveProperty().get());
        assertTrue(vm.rows().isEmpty());
        vm.remove(); // nothing to do, nothing thrown
        assertFalse(vm.runningProperty().get());
    }
}
