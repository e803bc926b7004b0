package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.aws.AwsCloud;
import dev.rolelab.cloud.aws.AwsSettings;
import dev.rolelab.lab.DataFolder;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The one place the CLI picks adapters: the AWS SDK cloud, or the practice cloud. */
final class Wiring implements AutoCloseable {

    final Path data;
    final LedgerStore ledgers;
    final ExecutorService executor;

    Wiring() {
        this.data = DataFolder.resolve();
        this.ledgers = new LedgerStore(data);
        AtomicInteger n = new AtomicInteger();
        // a handful of AWS calls in flight at once is all the plan can use
        this.executor = Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "rolelab-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Path keysFolder() {
        return data.resolve("keys");
    }

    String region(Connection c) {
        if (c.region != null) {
            return c.region;
        }
        return c.practice ? "us-east-1" : AwsSettings.defaultRegion(c.profile);
    }

    Cloud cloud(Connection c) {
        return cloud(c.practice, region(c), c.profile, c.endpointUrl);
    }

    /** The cloud a ledger's lab lives in, whatever the current command line says. */
    Cloud cloud(Ledger ledger) {
        Ledger.Context ctx = ledger.context();
        return cloud(ctx.practice(), ctx.region(), ctx.profile(), ctx.endpointUrl());
    }

    Cloud cloud(boolean practice, String region, String profile, String endpointUrl) {
        if (practice) {
            PracticeCloud.Timing timing = instant()
                    ? PracticeCloud.Timing.INSTANT : PracticeCloud.Timing.REALISTIC;
            return new PracticeCloud(data.resolve("practice").resolve("account.json"), region, timing)
                    .withRegions(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE);
        }
        URI endpoint;
        try {
            endpoint = endpointUrl == null ? null : URI.create(endpointUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("endpoint-url", "'" + endpointUrl + "' is not a URL");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new InvalidInput("endpoint-url", "'" + endpointUrl + "' needs a scheme and a host, e.g. http://127.0.0.1:4566");
        }
        return new AwsCloud(AwsSettings.forRegion(region, profile, endpoint));
    }

    boolean instant() {
        return "instant".equals(System.getProperty("rolelab.practice.timing"));
    }

    /** SSH for a real lab; the simulated instance for a practice one. */
    dev.rolelab.host.Hosts hosts(Cloud cloud) {
        if (cloud instanceof PracticeCloud practice) {
            return new dev.rolelab.practice.PracticeHosts(practice, instant() ? java.time.Duration.ZERO : java.time.Duration.ofMillis(35));
        }
        return new dev.rolelab.host.ssh.SshHosts();
    }

    dev.rolelab.run.BuildAndPush.Waits waits(Cloud cloud) {
        if (cloud instanceof PracticeCloud) {
            return new dev.rolelab.run.BuildAndPush.Waits(java.time.Duration.ofSeconds(10),
                    instant() ? java.time.Duration.ofMillis(1) : java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(10));
        }
        return dev.rolelab.run.BuildAndPush.Waits.STANDARD;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        ledgers.close();
    }
}
