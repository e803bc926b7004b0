package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.NamesViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.practice.PracticeAccount;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Names page's logic, without a window. */
class NamesViewModelTest {

    @TempDir
    Path data;

    PracticeCloud cloud;
    WizardModel model;
    NamesViewModel vm;

    @BeforeEach
    void setUp() {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        vm = new NamesViewModel(model);
    }

    @Test
    void oneActionTakesEveryFreeNameOffered() {
        // someone else's repository and role (no RoleLab tag), made the way AWS makes them
        cloud.createRepository("ec2-ecr-test", null);
        cloud.createRole("containerise", "{}", null);

        vm.enter();
        assertFalse(vm.valid().get(), "Next waits for the account");
        vm.checkAll();
        assertFalse(vm.valid().get());
        assertTrue(vm.severalSuggestions().get());
        vm.useAllSuggestions();
        vm.checkAll();
        assertTrue(vm.valid().get());
        assertEquals("ec2-ecr-test-2", model.nameProperty(ResourceKind.REPOSITORY).get());
        assertEquals("containerise-2", model.nameProperty(ResourceKind.ROLE).get());
    }

    @Test
    void aNameAgainstTheRulesIsAnErrorAtOnce() {
        vm.enter();
        vm.checkAll();
        assertTrue(vm.valid().get());
        model.tagProperty().set("v 1");
        assertFalse(vm.valid().get());
        NamesViewModel.Name tag = vm.names().stream().filter(n -> n.id().equals("tag")).findFirst().orElseThrow();
        assertTrue(tag.messageProperty().get().isError());
    }
}
