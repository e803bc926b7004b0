package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.Ledger;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.practice.PracticeHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proof asks the policy simulator again while it does not see the just-attached policy (implicitDeny). */
class ProofTest {

    @TempDir
    Path tmp;

    @Test
    void theSimulatorsImplicitDenyJustAfterTheAttachIsAskedAgainThenThePushProofHolds() {
        PracticeCloud.Consistency lag = new PracticeCloud.Consistency(1, Duration.ZERO, Duration.ofMillis(400), Duration.ZERO);
        try (PracticeFixture f = new PracticeFixture(tmp, lag)) {
            Ledger ledger = f.newLedger();
            Provisioner.Result p = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, p.outcome(), p.failure());
            // the attach happened a moment ago as far as the simulator knows
            f.cloud.account().roles.get("containerise").simulatorSeesAt.replaceAll((policy, at) -> System.currentTimeMillis() + 2000);
            List<Event> events = new CopyOnWriteArrayList<>();
            BuildAndPush.Result r = new BuildAndPush(f.cloud, new PracticeHosts(f.cloud, Duration.ZERO),
                    new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofSeconds(5)))
                    .run(ledger.spec(), new BuildAndPush.Target(p.lab().instanceId(), p.lab().publicIp(), p.lab().privateKey(),
                            p.lab().account(), p.lab().roleArn()), 0, fp -> false, new Cancel(), events::add);
            assertEquals(BuildAndPush.Outcome.DONE, r.outcome(), r.failure());
            assertTrue(r.proof().pushAllowedOnlyHere(), r.proof().toString());
            assertTrue(events.stream().anyMatch(e -> e.type() == Event.Type.RETRYING && e.subject().equals("proof")
                    && e.message().startsWith("the policy simulator does not see the attached policy yet (implicitDeny); retrying in")), events.toString());
        }
    }
}
