package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.KeyViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeAccount;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Key pair page's logic, without a window: the name is checked against the account as the other five are. */
class KeyViewModelTest {

    @TempDir
    Path data;

    PracticeCloud cloud;
    WizardModel model;
    KeyViewModel vm;

    @BeforeEach
    void setUp() {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        vm = new KeyViewModel(model);
    }

    private void taken(String name) {
        cloud.createKeyPair(name, null); // someone else's key pair, made the way EC2 makes one
    }

    @Test
    void aTakenNameIsAClashWithAFreeNameOffered() {
        taken("rolelab-ec2-ecr-test");
        vm.validate();
        assertFalse(vm.valid().get(), "Next waits for the account's answer");
        vm.checkAccount();
        assertFalse(vm.valid().get());
        assertTrue(vm.nameMessageProperty().get().isError());
        assertTrue(vm.nameMessageProperty().get().message().contains("'rolelab-ec2-ecr-test' already exists in us-east-1"),
                vm.nameMessageProperty().get().message());
        assertEquals("rolelab-ec2-ecr-test-2", vm.suggestionProperty().get());
        vm.useSuggestion();
        vm.checkAccount();
        assertTrue(vm.valid().get());
        assertNull(vm.nameMessageProperty().get());
    }

    @Test
    void aFreeNameIsValidOnceTheAccountHasAnswered() {
        vm.validate();
        vm.checkAccount();
        assertTrue(vm.valid().get());
    }

    @Test
    void anExistingPairMustExistAndItsFileBeReadable() {
        model.keyModeProperty().set(KeyChoice.Mode.EXISTING);
        model.keyNameProperty().set("mine");
        vm.checkAccount();
        assertFalse(vm.valid().get());
        assertTrue(vm.fileMessageProperty().get().message().startsWith("Choose the private key file"));
        assertTrue(vm.nameMessageProperty().get().message().startsWith("There is no key pair named 'mine'"));
    }

    @Test
    void aNameAgainstTheRulesNeedsNoAccount() {
        model.keyNameProperty().set("");
        vm.checkAccount();
        assertFalse(vm.valid().get());
        assertTrue(vm.nameMessageProperty().get().isError());
    }
}
