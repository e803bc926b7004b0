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
import dev.rolelab.lab.Names;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Welcome page's logic, without a window: the account-or-practice choice and the labs earlier runs left. */
class WelcomeViewModelTest {

    @TempDir
    Path data;

    PracticeCloud cloud;

    private WizardModel model(boolean credentials) {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        return new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> credentials));
    }

    /** An earlier run (another store, closed since) that made a lab, with names of its own. */
    private Ledger earlierLab(String repository) throws Exception {
        LedgerStore earlier = new LedgerStore(data);
        var executor = Executors.newFixedThreadPool(4);
        try {
            Ledger ledger = earlier.create(LabSpec.builder().sshCidr("203.0.113.10/32")
                    .names(Names.tutorial().with(ResourceKind.REPOSITORY, repository))
                    .key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(), null, null, true);
            PracticeCloud c = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
            assertEquals(Provisioner.Outcome.READY,
                    new Provisioner(c, data.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true).outcome());
            return ledger;
        } finally {
            executor.shutdownNow();
            earlier.close();
        }
    }

    @Test
    void withoutCredentialsPracticeIsChosenAndTheReasonShown() {
        WizardModel model = model(false);
        WelcomeViewModel vm = new WelcomeViewModel(model);
        vm.lookForCredentials();
        assertTrue(model.practice());
        assertTrue(vm.noCredentialsProperty().get());
    }

    @Test
    void withCredentialsTheAccountIsChosenUnlessTheUserChoseFirst() {
        WizardModel model = model(true);
        WelcomeViewModel vm = new WelcomeViewModel(model);
        vm.lookForCredentials();
        assertFalse(model.practice(), "credentials found: the account is chosen");
        assertFalse(vm.noCredentialsProperty().get());

        WizardModel other = model(true);
        WelcomeViewModel chose = new WelcomeViewModel(other);
        other.practiceProperty().set(false);
        other.practiceProperty().set(true); // the user picked Practice before the config files were read
        chose.lookForCredentials();
        assertTrue(other.practice(), "the user's own choice stands");
    }

    @Test
    void thePagesListenerOnTheOpenLabsOutlivesAGarbageCollection() throws Exception {
        WelcomeViewModel vm = new WelcomeViewModel(model(false));
        List<Integer> heard = new java.util.ArrayList<>();
        List<String> headings = new java.util.ArrayList<>();
        vm.openLabs().addListener((javafx.collections.ListChangeListener<WelcomeViewModel.OpenLab>) c -> {
            heard.add(c.getList().size());
            headings.add(vm.openLabsHeadingProperty().get()); // what a page redrawing on this change shows above the list
        });
        for (int i = 0; i < 3; i++) {
            System.gc(); // a list view made afresh per call is collected here, and the page's listener with it
        }
        earlierLab("ec2-ecr-test");
        vm.enter();
        assertEquals(List.of(1), heard, "the page hears of the open lab");
        assertTrue(headings.get(0).startsWith("A lab from an earlier run still has resources"), "the heading is there when the list "
                + "changes (the page showed an empty warning box): '" + headings.get(0) + "'");
        assertSame(vm.openLabs(), vm.openLabs());
    }

    @Test
    void nothingOpenListsNothing() {
        WelcomeViewModel vm = new WelcomeViewModel(model(false));
        vm.enter();
        assertTrue(vm.openLabs().isEmpty());
        assertEquals("", vm.openLabsHeadingProperty().get());
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void anOpenLabIsListedInWordsAndCanBeResumed() throws Exception {
        Ledger earlier = earlierLab("ec2-ecr-test");
        WelcomeViewModel vm = new WelcomeViewModel(model(false));
        vm.enter();
        assertEquals(1, vm.openLabs().size());
        WelcomeViewModel.OpenLab lab = vm.openLabs().get(0);
        assertEquals(earlier.labId(), lab.labId());
        assertTrue(lab.resumable(), "it was ready and has its instance");
        assertTrue(lab.text().contains("10 resources") && lab.text().contains("practice"), lab.text());
        assertFalse(lab.text().contains("lab lab-"), lab.text());
        assertTrue(vm.openLabsHeadingProperty().get().startsWith("A lab from an earlier run"), vm.openLabsHeadingProperty().get());
    }

    @Test
    void resumingTakesOverTheLabsOwnNamesNotTheDefaults() throws Exception {
        Ledger earlier = earlierLab("my-own-repo");
        WizardModel model = model(false);
        WelcomeViewModel vm = new WelcomeViewModel(model);
        vm.enter();
        AtomicBoolean resumed = new AtomicBoolean();
        vm.resume(vm.openLabs().get(0), () -> resumed.set(true));
        assertTrue(resumed.get(), vm.problemProperty().get());
        assertEquals("my-own-repo", model.nameProperty(ResourceKind.REPOSITORY).get(), "Build and push pushes to the lab's repository");
        assertEquals("my-own-repo", model.spec().names().repository());
        assertEquals(earlier.labId(), model.ledgerProperty().get().labId());
        assertTrue(model.provisionedProperty().get() != null && model.provisionedProperty().get().publicIp() != null);
    }

    @Test
    void anUnreadableLedgerIsSaidInASentenceAndTheOthersStillListed() throws Exception {
        earlierLab("ec2-ecr-test");
        Files.writeString(data.resolve("labs").resolve("lab-0badf00d.json"), "{ truncated");
        WelcomeViewModel vm = new WelcomeViewModel(model(false));
        vm.enter();
        assertEquals(1, vm.openLabs().size(), "the readable lab is still offered");
        String p = vm.problemProperty().get();
        assertTrue(p.contains("lab-0badf00d.json") && p.contains("cannot be read"), p);
        assertFalse(p.contains("Exception") || p.contains("dev.rolelab"), p);
    }
}
