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
        PracticeAccount.Repository repo = new PracticeAccount.Repository();
        repo.name = "ec2-ecr-test";
        repo.arn = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
        cloud.account().repositories.put(repo.name, repo);
        PracticeAccount.Role role = new PracticeAccount.Role();
        role.name = "containerise";
        role.arn = "arn:aws:iam::123456789012:role/containerise";
        cloud.account().roles.put(role.name, role);

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
