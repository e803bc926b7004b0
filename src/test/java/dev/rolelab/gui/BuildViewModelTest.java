package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.gui.pages.BuildViewModel;
import dev.rolelab.gui.pages.BuildViewModel.State;
import dev.rolelab.gui.util.Handover;
import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.Hosts;
import dev.rolelab.practice.PracticeHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Build and push page's logic, without a window: a practice lab, its practice host, at full speed. */
class BuildViewModelTest {

    @TempDir
    Path data;

    PracticeLab lab;
    BuildViewModel vm;
    final List<BuildViewModel.Line> terminal = new ArrayList<>();
    final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        lab = new PracticeLab(data);
        vm = new BuildViewModel(lab.model, fingerprint -> {
            asked.add(fingerprint);
            return false;
        }, Handover::immediate);
        vm.terminal(terminal::addAll);
    }

    @Test
    void theRowsAreOneViewThatKeepsItsListeners() {
        assertSame(vm.rows(), vm.rows(), "a view made per call holds the page's listener weakly");
    }

    private List<String> ids() {
        return vm.rows().stream().map(BuildViewModel.Row::id).toList();
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        terminal.forEach(l -> sb.append(l.text()).append('\n'));
        return sb.toString();
    }

    /** Every row after {@code id} has not started. */
    private void laterRowsWait(String id) {
        List<String> ids = ids();
        for (String later : ids.subList(ids.indexOf(id) + 1, ids.size())) {
            assertEquals(State.WAITING, vm.row(later).state(), later + ": " + vm.row(later).detail());
        }
    }

    @Test
    void theRowsAreTheHostKeysTheConnectionTheRemoteStepsAndTheProofAndACleanRunMarksThemAllDone() {
        vm.enter();
        List<String> ids = ids();
        assertEquals(List.of("host-keys", "ssh"), ids.subList(0, 2));
        assertEquals("proof", ids.get(ids.size() - 1));
        assertTrue(ids.contains("install-docker") && ids.contains("credentials"), ids.toString());
        for (BuildViewModel.Row r : vm.rows()) {
            assertEquals(State.DONE, r.state(), r.id() + ": " + r.detail());
        }
        assertTrue(vm.row("install-docker").extra().contains("\n$ "), "the step's command is shown on its row");
        assertTrue(vm.doneProperty().get());
        assertFalse(vm.runningProperty().get());
        assertFalse(vm.retryOfferedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());
        assertTrue(lab.model.proofProperty().get().accessKeyId().startsWith("ASIA"));
        assertTrue(terminal.stream().anyMatch(l -> l.kind() == BuildViewModel.Line.Kind.COMMAND && l.text().startsWith("$ docker push")),
                text());
        assertTrue(text().contains("hello"), text());
        assertTrue(asked.isEmpty(), "the instance printed its host keys: nobody is asked");
    }

    @Test
    void anSshFailureBeforeTheFirstStepFailsConnectOverSshAndNoLaterRow() {
        PracticeHosts practice = lab.practiceHosts();
        lab.hosts = new Hosts() {
            @Override
            public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
                throw new HostException(HostException.Kind.UNREACHABLE, "SSH to " + address + " did not answer", null);
            }

            @Override
            public Host open(Target target) {
                return practice.open(target);
            }
        };
        vm.enter();
        assertEquals(State.DONE, vm.row("host-keys").state());
        assertEquals(State.FAILED, vm.row("ssh").state());
        assertTrue(vm.row("ssh").detail().contains("did not answer"), vm.row("ssh").detail());
        laterRowsWait("ssh");
        assertTrue(vm.retryOfferedProperty().get());
        assertTrue(vm.statusErrorProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("SSH to "), vm.statusProperty().get());
    }

    @Test
    void anUnforeseenFailureWhileConnectingFailsTheRowThatWasRunningInTheEnginesWords() {
        // not a HostException: the engine does not catch it, so the run ends with a throwable
        lab.hosts = new Hosts() {
            @Override
            public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
            }

            @Override
            public Host open(Target target) {
                throw new IllegalStateException(CloudErrors.of("Throttling", "Rate exceeded", "ec2:DescribeInstances", null));
            }
        };
        vm.enter();
        assertEquals(State.FAILED, vm.row("ssh").state(), "the row does not spin for ever: " + vm.row("ssh").detail());
        String shown = vm.row("ssh").detail();
        assertFalse(shown.contains("Exception") || shown.contains("dev.rolelab"), shown);
        assertTrue(shown.contains("Rate exceeded"), shown);
        assertEquals(shown, vm.statusProperty().get());
        laterRowsWait("ssh");
        assertTrue(vm.retryOfferedProperty().get());
    }

    @Test
    void aRefusedConsoleFailsTheHostKeysRowInTheEnginesWordsAndNothingAfterIt() {
        lab.cloud.failCall(1, "UnauthorizedOperation", "You are not authorized to perform this operation.");
        vm.enter();
        BuildViewModel.Row keys = vm.row("host-keys");
        assertEquals(State.FAILED, keys.state());
        assertTrue(keys.detail().contains("UnauthorizedOperation"), keys.detail());
        laterRowsWait("host-keys");
        String status = vm.statusProperty().get();
        assertFalse(status.contains("Exception") || status.contains("dev.rolelab"), status);
        assertTrue(status.contains("UnauthorizedOperation"), status);
        assertTrue(vm.retryOfferedProperty().get());
        vm.start();
        assertTrue(vm.doneProperty().get(), "the console answers now: " + vm.statusProperty().get());
    }

    @Test
    void aFailedStepOffersRetryWhichStartsAtThatStep() {
        lab.hosts = lab.practiceHosts().failOnce("docker push", 1);
        vm.enter();
        assertEquals(State.FAILED, vm.row("push").state(), vm.row("push").detail());
        assertTrue(vm.statusProperty().get().contains("Push the image failed with exit status 1"), vm.statusProperty().get());
        assertTrue(vm.statusProperty().get().endsWith("Its last lines are in the terminal."));
        laterRowsWait("push");
        assertFalse(vm.doneProperty().get());
        int builds = count("$ docker build");
        vm.start();
        assertTrue(vm.doneProperty().get(), vm.statusProperty().get());
        assertEquals(builds, count("$ docker build"), "the retry did not build again");
        assertEquals(State.DONE, vm.row("push").state());
        assertFalse(vm.statusErrorProperty().get());
    }

    private int count(String prefix) {
        return (int) terminal.stream().filter(l -> l.text().startsWith(prefix)).count();
    }

    @Test
    void aRetryAfterTheCredentialsStepKeepsTheirKeyAndExpiry() {
        lab.hosts = lab.practiceHosts().failOnce("aws sts get-caller-identity", 1);
        vm.enter();
        assertEquals(State.FAILED, vm.row("caller-identity").state());
        assertEquals(State.DONE, vm.row("credentials").state());
        vm.start();
        assertTrue(vm.doneProperty().get(), vm.statusProperty().get());
        assertEquals(1, count("$ TOKEN="), "the credentials step ran once: " + text());
        var proof = lab.model.proofProperty().get();
        assertTrue(proof.accessKeyId() != null && proof.accessKeyId().startsWith("ASIA"), String.valueOf(proof.accessKeyId()));
        assertNotNull(proof.expiration());
        assertTrue(proof.assumedRoleArn().contains(":assumed-role/"), proof.assumedRoleArn());
    }

    /** The practice cloud, except that the instance's console shows no host keys (as a slow cloud-init's). */
    private void noHostKeysOnTheConsole() {
        lab.waits = new dev.rolelab.run.BuildAndPush.Waits(Duration.ofMillis(30), Duration.ofMillis(1), Duration.ofSeconds(10));
        lab.shown = (dev.rolelab.cloud.Cloud) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {dev.rolelab.cloud.Cloud.class}, (proxy, method, args) -> {
                    if (method.getName().equals("consoleOutput")) {
                        return "[   14.270301] cloud-init[1587]: Cloud-init v. 22.2.2 running 'modules:final'\r\n";
                    }
                    try {
                        return method.invoke(lab.cloud, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void withoutHostKeysOnTheConsoleThePersonIsAskedAndARefusalFailsConnectOverSsh() {
        noHostKeysOnTheConsole();
        vm.enter();
        assertEquals(1, asked.size(), asked.toString());
        assertTrue(asked.get(0).startsWith("SHA256:"), asked.get(0));
        assertEquals(State.DONE, vm.row("host-keys").state());
        assertTrue(vm.row("host-keys").detail().contains("you will be asked"), vm.row("host-keys").detail());
        assertEquals(State.FAILED, vm.row("ssh").state());
        assertTrue(vm.row("ssh").detail().contains("was not confirmed"), vm.row("ssh").detail());
        laterRowsWait("ssh");
        assertTrue(vm.retryOfferedProperty().get());
    }

    @Test
    void withoutHostKeysOnTheConsoleAFingerprintConfirmedOnceIsNotAskedForAgainOnReconnectingOrRetrying() {
        noHostKeysOnTheConsole();
        lab.hosts = lab.practiceHosts().failOnce("docker push", 1);
        vm = new BuildViewModel(lab.model, fingerprint -> {
            asked.add(fingerprint);
            return true;
        }, Handover::immediate);
        vm.terminal(terminal::addAll);
        vm.enter();
        assertEquals(State.FAILED, vm.row("push").state());
        assertTrue(text().contains("reconnecting so the new group membership applies"), "the run opened a second session");
        vm.start();
        assertTrue(vm.doneProperty().get(), vm.statusProperty().get());
        assertEquals(1, asked.size(), "asked once for the lab, not per session: " + asked);
    }

    @Test
    void aCancelWhileConnectingLeavesNoRowSpinningAndRetryGoesOn() {
        PracticeHosts practice = lab.practiceHosts();
        boolean[] once = {true};
        lab.hosts = new Hosts() {
            @Override
            public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
                if (once[0]) {
                    once[0] = false;
                    vm.cancel(); // as Cancel pressed while SSH is awaited
                }
                practice.awaitSsh(address, port, deadline, progress, cancelled);
            }

            @Override
            public Host open(Target target) {
                return practice.open(target);
            }
        };
        vm.enter();
        assertTrue(vm.statusProperty().get().startsWith("Cancelled"), vm.statusProperty().get());
        assertEquals(State.WAITING, vm.row("ssh").state(), vm.row("ssh").detail());
        assertTrue(vm.row("ssh").detail().contains("cancelled"), vm.row("ssh").detail());
        assertTrue(vm.retryOfferedProperty().get());
        vm.start();
        assertTrue(vm.doneProperty().get(), vm.statusProperty().get());
        assertEquals(State.DONE, vm.row("ssh").state());
    }
}
