package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.BuildViewModel;
import dev.rolelab.gui.pages.VerifyViewModel;
import dev.rolelab.gui.util.Handover;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Verify page's logic, without a window, after a practice build that needed a retry. */
class VerifyViewModelTest {

    @TempDir
    Path data;

    @Test
    void aRetryStartingAfterTheCredentialsStepStillShowsTheirKeyAndExpiry() {
        PracticeLab lab = new PracticeLab(data);
        lab.hosts = lab.practiceHosts().failOnce("aws sts get-caller-identity", 1);
        BuildViewModel build = new BuildViewModel(lab.model, fingerprint -> false, Handover::immediate);
        build.enter();
        assertTrue(build.retryOfferedProperty().get(), build.statusProperty().get());
        build.start(); // starts at "Ask STS who the instance is", after the credentials step
        assertTrue(build.doneProperty().get(), build.statusProperty().get());

        VerifyViewModel vm = new VerifyViewModel(lab.model);
        vm.refresh();
        List<VerifyViewModel.Fact> shown = vm.credentials();
        assertEquals("Access key id", shown.get(0).label());
        assertTrue(shown.get(0).value().startsWith("ASIA"), shown.get(0).value());
        assertEquals("Expires", shown.get(1).label());
        assertFalse(shown.get(1).value().startsWith("(not read") || shown.get(1).value().contains("null"), shown.get(1).value());
        assertTrue(shown.get(2).value().contains(":assumed-role/"), shown.get(2).value());
        assertTrue(vm.verdictProperty().get().startsWith("Least privilege holds"), vm.verdictProperty().get());
    }
}
