package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.PolicySimulationViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Review page asks the simulator about the policy before anything exists: least privilege confirmed, or the rows that break it. */
class PolicySimulationViewModelTest {

    @TempDir
    Path data;

    PracticeCloud cloud;
    WizardModel model;
    PolicySimulationViewModel vm;

    @BeforeEach
    void setUp() {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        model.practiceProperty().set(true);
        vm = new PolicySimulationViewModel(model);
    }

    @Test
    void theGeneratedPolicyIsConfirmedAsLeastPrivilegeAndSaysWhoAnswered() {
        vm.ask();
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.okProperty().get(), vm.summaryProperty().get());
        assertTrue(vm.summaryProperty().get().contains("practice simulator"), "practice mode says it is a simulation: " + vm.summaryProperty().get());
        assertTrue(vm.lines().stream().allMatch(PolicySimulationViewModel.Line::ok), vm.lines().toString());
        assertTrue(vm.lines().stream().anyMatch(l -> l.text().startsWith("push (6 actions) on ec2-ecr-test: allowed")), vm.lines().toString());
        assertTrue(vm.lines().stream().anyMatch(l -> l.text().contains("some-other-repository: denied")), vm.lines().toString());
    }

    @Test
    void aPolicyThatAllowsDeletingImagesIsNamedRowByRow() {
        model.editedPolicyProperty().set("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"}]}");
        vm.ask();
        assertFalse(vm.okProperty().get());
        PolicySimulationViewModel.Line wrong = vm.lines().stream().filter(l -> !l.ok()).findFirst().orElseThrow();
        assertTrue(wrong.text().contains("allowed") && wrong.text().contains("should be denied"), wrong.text());
        assertTrue(vm.summaryProperty().get().startsWith("The policy allows more"), vm.summaryProperty().get());
    }

    @Test
    void anEditAfterTheAnswerAsksForANewOne() {
        vm.stale();
        assertEquals("", vm.summaryProperty().get(), "nothing asked yet: nothing to call stale");
        vm.ask();
        vm.stale();
        assertTrue(vm.lines().isEmpty());
        assertFalse(vm.okProperty().get());
        assertTrue(vm.summaryProperty().get().contains("ask again"), vm.summaryProperty().get());
    }
}
