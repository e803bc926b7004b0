package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Ledger;
import dev.rolelab.practice.PracticeHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole tutorial on the practice cloud and host: provision, build and push, prove, tear down. */
class PracticeTutorialTest {

    @TempDir
    Path tmp;

    static final BuildAndPush.Waits FAST = new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofSeconds(5));

    private BuildAndPush.Target target(Provisioner.Result p) {
        return new BuildAndPush.Target(p.lab().instanceId(), p.lab().publicIp(), p.lab().privateKey(), p.lab().account(), p.lab().roleArn());
    }

    @Test
    void pushMakesTheImageAppearAndTheProofHolds() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = f.newLedger();
            Provisioner.Result p = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
            List<Event> events = new CopyOnWriteArrayList<>();
            BuildAndPush.Result r = new BuildAndPush(f.cloud, new PracticeHosts(f.cloud, Duration.ZERO), FAST)
                    .run(ledger.spec(), target(p), 0, fp -> false, new Cancel(), events::add);
            assertEquals(BuildAndPush.Outcome.DONE, r.outcome(), r.failure());
            assertNotNull(r.proof().image());
            assertTrue(r.proof().image().digest().startsWith("sha256:"));
            assertTrue(r.proof().pushAllowedOnlyHere(), r.proof().toString());
            assertTrue(r.proof().assumedRoleArn().contains(":assumed-role/containerise/"));
            assertTrue(events.stream().filter(e -> e.type() == Event.Type.OUTPUT).findFirst().orElseThrow().message().contains("practice mode"));
            assertTrue(f.teardown().run(ledger, new Teardown.Options(true), Events.NONE).clean());
            assertTrue(f.cloud.empty());
        }
    }

    @Test
    void aFailedStepCanBeRetriedAndADroppedConnectionRerunOnANewSession() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            Ledger ledger = f.newLedger();
            Provisioner.Result p = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
            PracticeHosts hosts = new PracticeHosts(f.cloud, Duration.ZERO).failOnce("docker push", 1).dropOnce("aws sts");
            BuildAndPush remote = new BuildAndPush(f.cloud, hosts, FAST);
            BuildAndPush.Result first = remote.run(ledger.spec(), target(p), 0, fp -> false, new Cancel(), Events.NONE);
            assertEquals(BuildAndPush.Outcome.STEP_FAILED, first.outcome());
            assertEquals("push", first.failed().step().id());
            BuildAndPush.Result second = remote.run(ledger.spec(), target(p), first.nextStep(), fp -> false, new Cancel(), Events.NONE);
            assertEquals(BuildAndPush.Outcome.HOST_FAILED, second.outcome());
            assertTrue(second.failure().contains("dropped") && second.failure().contains("Ask STS who the instance is"), second.failure());
            BuildAndPush.Result third = remote.run(ledger.spec(), target(p), second.nextStep(), fp -> false, new Cancel(), Events.NONE);
            assertEquals(BuildAndPush.Outcome.DONE, third.outcome(), third.failure());
            assertTrue(third.proof().image() != null);
        }
    }
}
