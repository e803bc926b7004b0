package dev.rolelab.gui;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.host.Hosts;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.practice.PracticeHosts;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A lab made in the practice cloud at full speed, windowless: the wizard's model as it is when the Build page is
 * entered (account known, lab provisioned), with the current-thread executor. {@link #hosts} is what the Build
 * page's workflow logs in with: a test may swap it (a failing wrapper) before the page first starts.
 */
final class PracticeLab {

    final PracticeCloud cloud;
    final WizardModel model;
    volatile Hosts hosts;
    /** The cloud the wizard is given (a test may put a wrapper of {@link #cloud} here before the page first starts). */
    volatile Cloud shown;
    volatile BuildAndPush.Waits waits = new BuildAndPush.Waits(Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofSeconds(10));

    PracticeLab(Path data) {
        this(data, new CurrentThreadTaskExecutor());
    }

    /** @param executor the current-thread one (view-model tests) or an FX one (TestFX) */
    PracticeLab(Path data, dev.rolelab.gui.util.TaskExecutor executor) {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        hosts = new PracticeHosts(cloud, Duration.ZERO);
        shown = cloud;
        model = new WizardModel(new Services(data, new LedgerStore(data), executor,
                (practice, region, profile) -> shown, c -> hosts, c -> waits,
                Map::of, Map::of, () -> false));
        model.identity(cloud.identity());
        model.cidrProperty().set("203.0.113.10/32");
        Ledger ledger = model.services().ledgers().create(model.spec(), null, null, true);
        model.ledger(ledger);
        Provisioner.Result r = new Provisioner(cloud, model.services().keysFolder(), model.services().executor().workers())
                .provision(ledger, new Cancel(), Events.NONE, true);
        if (r.outcome() != Provisioner.Outcome.READY) {
            throw new IllegalStateException("the practice lab was not made: " + r.failure());
        }
        model.provisioned(r.lab());
    }

    PracticeHosts practiceHosts() {
        return new PracticeHosts(cloud, Duration.ZERO);
    }
}
