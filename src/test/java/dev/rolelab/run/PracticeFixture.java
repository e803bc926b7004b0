package dev.rolelab.run;

import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A practice cloud, a ledger store and a provisioner in a temporary folder. */
final class PracticeFixture implements AutoCloseable {
    final Path home;
    final PracticeCloud cloud;
    final LedgerStore store;
    final ExecutorService executor = Executors.newFixedThreadPool(6);
    final Provisioner provisioner;

    PracticeFixture(Path home) {
        this(home, PracticeCloud.Consistency.OFF);
    }

    /** With AWS's eventual consistency, from a seed. */
    PracticeFixture(Path home, PracticeCloud.Consistency consistency) {
        this.home = home;
        this.cloud = new PracticeCloud(null, "us-east-1", PracticeCloud.Timing.INSTANT, consistency, dev.rolelab.practice.AccountState.ACTIVE);
        this.store = new LedgerStore(home);
        this.provisioner = new Provisioner(cloud, home.resolve("keys"), executor);
    }

    static LabSpec spec() {
        return LabSpec.builder().sshCidr("203.0.113.10/32").key(KeyChoice.generate("rolelab-ec2-ecr-test")).build();
    }

    Ledger newLedger() {
        return store.create(spec(), null, null, true);
    }

    Teardown teardown() {
        return new Teardown(cloud, executor).retry(new Retry(java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(5)));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
