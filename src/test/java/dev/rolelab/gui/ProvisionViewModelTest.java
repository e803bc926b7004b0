package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.ProvisionViewModel;
import dev.rolelab.gui.pages.ProvisionViewModel.State;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Step;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Provision page's logic, without a window: the whole run on the current thread, in an instant practice account. */
class ProvisionViewModelTest {

    @TempDir
    Path data;

    PracticeCloud cloud;
    WizardModel model;
    ProvisionViewModel vm;

    @BeforeEach
    void setUp() {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        model.cidrProperty().set("203.0.113.10/32");
        vm = new ProvisionViewModel(model, ProvisionViewModel.Feed::direct);
    }

    private Ledger ledger() {
        return model.ledgerProperty().get();
    }

    @Test
    void aRunMakesTheLabWithEveryStepDone() {
        vm.enter();
        assertTrue(vm.doneProperty().get());
        assertFalse(vm.runningProperty().get());
        assertNotNull(model.provisionedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Ready in "), vm.statusProperty().get());
        for (ProvisionViewModel.Row r : vm.rows()) {
            assertEquals(State.DONE, r.state(), r.id());
            assertNotNull(r.tookProperty().get(), r.id() + ": a done step knows how long it took");
            assertFalse(r.tookProperty().get().isNegative(), r.id());
        }
        assertEquals(1.0, vm.progressProperty().get());
        assertTrue(vm.rollback().isEmpty());
        assertEquals("", vm.bannerProperty().get(), "no rollback, no banner");
        assertTrue(vm.row(Step.REPOSITORY).cliProperty().get().startsWith("aws "), vm.row(Step.REPOSITORY).cliProperty().get());
        assertFalse(vm.canGoBack(), "a lab exists: Back stays off");
    }

    @Test
    void closingAfterTheRunFinishedBehindTheDialogStillRemovesTheLabAndShowsItsRemoval() {
        vm.enter();
        assertEquals(Ledger.Status.READY, ledger().status());
        assertFalse(cloud.empty());
        vm.stop(); // the window's "Stop and close", answered after the run had ended
        assertTrue(ledger().live().isEmpty(), "nothing of the lab is live: " + ledger().live());
        assertTrue(cloud.empty(), "the account holds nothing of the lab");
        assertFalse(vm.rollback().isEmpty(), "the removal is shown as it goes");
        for (ProvisionViewModel.Row r : vm.rollback()) {
            assertEquals(State.DONE, r.state(), r.id() + ": " + r.detail());
        }
        assertEquals(State.DONE, vm.row(Step.REPOSITORY).state(), "the create rows keep saying what was created");
        assertEquals("Rolled back: nothing of this lab is left.", vm.bannerProperty().get());
        assertNull(model.provisionedProperty().get(), "the model no longer claims a lab");
    }

    @Test
    void stopBeforeAnyRunDoesNothing() {
        vm.stop();
        assertNull(ledger());
        assertTrue(vm.rollback().isEmpty());
    }

    @Test
    void aFailedCreateShowsFailedWithItsReasonAndTheRollbackHasRowsOfItsOwn() {
        // someone takes the key pair's name after the Key pair page checked it
        cloud.createKeyPair(model.keyNameProperty().get(), null);
        vm.enter();
        ProvisionViewModel.Row key = vm.row(Step.KEY_PAIR);
        assertEquals(State.FAILED, key.state(), key.detail());
        assertTrue(key.detail().contains("already"), "the reason is shown: " + key.detail());
        assertFalse(key.detail().contains("Exception"), key.detail());
        assertTrue(vm.statusProperty().get().startsWith(Step.KEY_PAIR.title() + " failed: "), vm.statusProperty().get());
        assertTrue(vm.failedProperty().get());
        assertTrue(vm.canRetryProperty().get());
        assertFalse(vm.doneProperty().get());
        List<String> undone = vm.rollback().stream().map(ProvisionViewModel.Row::id).toList();
        int made = 0;
        for (ProvisionViewModel.Row r : vm.rows()) {
            if (r.state() == State.DONE) {
                made++;
                assertFalse(r.detail().contains("deleted"), "a create row keeps saying it was created: " + r.id() + " " + r.detail());
            }
        }
        assertTrue(made > 0, "something was made before the key pair failed");
        assertTrue(undone.contains("undo-REPOSITORY"), undone.toString());
        assertTrue(undone.size() > 1, "the rollback lists every resource it removes, not only the key file: " + undone);
        for (ProvisionViewModel.Row r : vm.rollback()) {
            assertEquals(State.DONE, r.state(), r.id() + ": " + r.detail());
        }
        assertEquals("Rolled back: nothing of this lab is left.", vm.bannerProperty().get(), "the banner ends with the rollback");
        assertTrue(ledger().live().isEmpty(), ledger().live().toString());
        assertTrue(cloud.account().repositories.isEmpty());
    }

    @Test
    void tryAgainStartsFromCleanRowsAndMakesTheLab() {
        String name = model.keyNameProperty().get();
        cloud.createKeyPair(name, null);
        vm.enter();
        assertEquals(State.FAILED, vm.row(Step.KEY_PAIR).state());
        cloud.deleteKeyPair(name);
        vm.start();
        assertTrue(vm.doneProperty().get(), vm.statusProperty().get());
        assertFalse(vm.failedProperty().get());
        assertFalse(vm.canRetryProperty().get());
        assertTrue(vm.rollback().isEmpty(), "the last run's rollback is gone");
        assertEquals("", vm.bannerProperty().get());
    }

    @Test
    void cancelStopsTheRunAndRemovesWhatWasMade() {
        ProvisionViewModel[] self = new ProvisionViewModel[1];
        // Cancel pressed as soon as the first step is done (the current-thread run gives no other moment)
        vm = new ProvisionViewModel(model, sink -> ProvisionViewModel.Feed.direct(batch -> {
            sink.accept(batch);
            if (batch.stream().anyMatch(e -> e.type() == Event.Type.DONE && e.about() instanceof Event.Subject.PlanStep)) {
                self[0].cancel();
            }
        }));
        self[0] = vm;
        vm.enter();
        assertTrue(vm.statusProperty().get().startsWith("Cancelled."), vm.statusProperty().get());
        assertTrue(vm.rows().stream().anyMatch(r -> r.state() == State.SKIPPED), "steps not started say so");
        assertTrue(ledger().live().isEmpty(), ledger().live().toString());
        assertTrue(cloud.empty());
        assertEquals("Rolled back: nothing of this lab is left.", vm.bannerProperty().get());
    }

    @Test
    void stopAndRemoveAnsweredAfterTheRunFinishedBehindItsDialogStillRemovesTheLab() {
        vm.enter(); // the Cancel dialog was opened while it ran; the run became ready behind it
        assertTrue(vm.doneProperty().get());
        vm.cancel(); // "Stop and remove"
        assertTrue(ledger().live().isEmpty(), "what the dialog promised: " + ledger().live());
        assertTrue(cloud.empty());
        assertFalse(vm.doneProperty().get(), "no lab: Next stays off");
        assertFalse(vm.runningProperty().get());
        assertNull(model.provisionedProperty().get());
        assertTrue(vm.canRetryProperty().get());
        assertTrue(vm.failedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Cancelled."), vm.statusProperty().get());
        assertFalse(vm.rollback().isEmpty(), "the removal is shown");
        assertEquals("Rolled back: nothing of this lab is left.", vm.bannerProperty().get());
    }

    /** A link in the place of keys/ (or labs/) is refused when the run would start, before anything exists; nothing is written through it. */
    @Test
    void aLinkedKeysOrLabsFolderStopsTheRunBeforeAnythingIsCreated() throws Exception {
        for (String folder : List.of("keys", "labs")) {
            Path elsewhere = java.nio.file.Files.createDirectories(data.resolve("elsewhere-" + folder));
            Path link = java.nio.file.Files.createSymbolicLink(data.resolve(folder), elsewhere);
            vm.enter();
            assertTrue(vm.failedProperty().get(), folder);
            assertFalse(vm.runningProperty().get());
            assertTrue(vm.canRetryProperty().get(), "Try again, once the link is removed");
            String status = vm.statusProperty().get();
            assertTrue(status.contains(link + " is a symbolic link") && status.contains("remove the link") && status.contains("Nothing was created"), status);
            assertFalse(status.contains("Exception"), status);
            assertNull(ledger(), "no ledger: no lab was started");
            assertTrue(cloud.empty(), "nothing in the account");
            try (var through = java.nio.file.Files.list(elsewhere)) {
                assertEquals(0, through.count(), "nothing written through the link");
            }
            java.nio.file.Files.delete(link);
        }
        vm.start();
        assertTrue(vm.doneProperty().get(), "with the links gone, Try again makes the lab: " + vm.statusProperty().get());
    }
}
