package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.LearnedViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last page: each concept with what this run showed of it. */
class LearnedViewModelTest {

    @TempDir
    Path data;

    @Test
    void eachConceptSaysWhatThisRunShowed() {
        WizardModel model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (p, r, pr) -> null, c -> null, c -> null, Map::of, Map::of, () -> false));
        model.provisioned(new Provisioner.Provisioned("123456789012", "i-0abc", "203.0.113.9", null, null,
                "arn:aws:iam::123456789012:role/rolelab/containerise"));
        model.proof(new BuildAndPush.Proof("ASIAEXAMPLE", "2026-12-02T06:00:00Z",
                "arn:aws:sts::123456789012:assumed-role/containerise/i-0abc", null,
                Map.of("ecr:PutImage", "allowed"), Map.of("ecr:PutImage", "implicitDeny"), Map.of("ecr:GetAuthorizationToken", "allowed")));
        LearnedViewModel vm = new LearnedViewModel(model);
        vm.refresh();
        assertSame(vm.concepts(), vm.concepts(), "one view: a view made per call holds the page's listener weakly");
        assertEquals(5, vm.concepts().size());
        assertTrue(vm.concepts().get(1).shown().contains("arn:aws:iam::123456789012:role/rolelab/containerise"));
        assertTrue(vm.concepts().get(2).shown().contains("allowed, push to any other repository denied"));
        assertTrue(vm.concepts().get(3).shown().contains("i-0abc"));
        assertTrue(vm.concepts().get(4).shown().contains("ASIAEXAMPLE expiring 2026-12-02T06:00:00Z"));
        assertTrue(vm.concepts().get(4).shown().contains("assumed-role/containerise"));
    }

    @Test
    void verifyShowsTheSimulatorsAnswersAndSaysWhenACredentialWasNotRead() {
        WizardModel model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (p, r, pr) -> null, c -> null, c -> null, Map::of, Map::of, () -> false));
        model.proof(new BuildAndPush.Proof(null, null, "arn:aws:sts::123456789012:assumed-role/containerise/i-0abc", null,
                Map.of("ecr:PutImage", "allowed"), Map.of("ecr:PutImage", "explicitDeny"), Map.of("ecr:GetAuthorizationToken", "allowed")));
        dev.rolelab.gui.pages.VerifyViewModel vm = new dev.rolelab.gui.pages.VerifyViewModel(model);
        vm.refresh();
        assertTrue(vm.credentials().get(0).value().startsWith("(not read"), "never \"null\": " + vm.credentials().get(0));
        assertEquals(3, vm.decisions().size());
        assertEquals("✗ denied (explicitly)", vm.decisions().get(1).words());
        assertTrue(vm.leastPrivilegeProperty().get());
        assertTrue(vm.verdictProperty().get().startsWith("Least privilege holds"));
    }
}
