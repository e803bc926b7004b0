package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;

/** A lab left READY by an earlier run (made through the engine, then let go), and the wizard's services on that data folder. */
final class EarlierRun {
    private EarlierRun() { }

    /** @return the lab's id */
    static String leftALab(Path data) throws Exception {
        PracticeCloud cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        var executor = Executors.newFixedThreadPool(4);
        LedgerStore earlier = new LedgerStore(data);
        try {
            Ledger ledger = earlier.create(LabSpec.builder().sshCidr("203.0.113.10/32")
                    .key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(), null, null, true);
            Provisioner.Result r = new Provisioner(cloud, data.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome());
            return ledger.labId();
        } finally {
            executor.shutdownNow();
            earlier.close(); // the earlier run has ended: its hold on the lab goes with it
        }
    }

    /** Practice services on {@code data}, with no credentials found (so Practice is chosen). */
    static Services services(Path data) {
        Services s = Wiring.practiceAt(data, PracticeCloud.Timing.INSTANT, Duration.ZERO, true);
        return new Services(data, s.ledgers(), s.executor(), s.clouds(), s.hosts(), s.waits(), s.regionNames(), java.util.Map::of, () -> false);
    }
}
