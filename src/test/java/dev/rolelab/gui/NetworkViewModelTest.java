package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.NetworkViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Problem;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Network page's logic, without a window. */
class NetworkViewModelTest {

    @TempDir
    Path data;

    WizardModel model;
    NetworkViewModel vm;

    @BeforeEach
    void setUp() {
        PracticeCloud cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        vm = new NetworkViewModel(model);
    }

    @Test
    void theDetectedIpAndTheDefaultVpcMakeThePageValid() {
        vm.enter();
        assertEquals("203.0.113.10/32", model.cidrProperty().get());
        assertTrue(vm.networkTextProperty().get().startsWith("Default VPC "), vm.networkTextProperty().get());
        assertTrue(vm.valid().get());
    }

    @Test
    void aBadAddressSaysSoOnceNotGarbled() {
        vm.enter();
        model.cidrProperty().set("203.0.113.300/32");
        String m = vm.cidrMessageProperty().get().message();
        assertEquals("'203.0.113.300' is not an IPv4 or IPv6 address", m);
        assertFalse(vm.valid().get());
    }

    @Test
    void sshFromEverywhereAsksForTheCheckboxNotACommandLineFlag() {
        vm.enter();
        model.cidrProperty().set("0.0.0.0/0");
        assertTrue(vm.everywhereProperty().get());
        String m = vm.cidrMessageProperty().get().message();
        assertFalse(m.contains("--"), m);
        assertTrue(m.contains("tick the box"), m);
        assertFalse(vm.valid().get());
        model.cidrOpenConfirmedProperty().set(true);
        assertTrue(vm.valid().get());
        assertFalse(vm.cidrMessageProperty().get().isError(), "a warning remains");
    }

    @Test
    void aXenTypeSaysHostKeyVerificationCanTakeMinutes() {
        vm.enter();
        model.instanceTypeProperty().set("t2.micro");
        Problem p = vm.typeMessageProperty().get();
        assertFalse(p.isError(), p.message());
        assertTrue(p.message().contains("many minutes"), p.message());
        assertTrue(vm.valid().get(), "a warning, not a refusal");
        model.instanceTypeProperty().set("t3.micro");
        assertEquals(null, vm.typeMessageProperty().get());
    }

    @Test
    void anUnknownInstanceTypeIsAnErrorAtItsField() {
        vm.enter();
        model.instanceTypeProperty().set("a big one");
        assertTrue(vm.typeMessageProperty().get().isError());
        assertFalse(vm.valid().get());
        model.instanceTypeProperty().set("t4g.micro");
        assertTrue(vm.architectureProperty().get().startsWith("arm64"));
    }
}
