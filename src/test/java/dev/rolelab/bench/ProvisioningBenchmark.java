package dev.rolelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Step;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning on the practice cloud with AWS-like latencies: the tutorial's one-at-a-time order against
 * RoleLab's plan, side by side in one run. Prints wall times, their ratio, and the plan's wall time over
 * its critical path. Run with {@code mvn -B -P bench verify}.
 */
class ProvisioningBenchmark {

    /** 150 ms a call; the instance's pending time and IAM propagation scaled down (real: ~15 s and ~5-10 s). */
    static final PracticeCloud.Timing SCALED = new PracticeCloud.Timing(Duration.ofMillis(150), Duration.ofMillis(500),
            Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(50));
    /** The same calls with the waits scaled down less: the waits dominate and parallel calls matter less. */
    static final PracticeCloud.Timing WAIT_HEAVY = new PracticeCloud.Timing(Duration.ofMillis(150), Duration.ofMillis(1500),
            Duration.ofMillis(800), Duration.ofMillis(300), Duration.ofMillis(50));

    @TempDir
    Path tmp;

    record Run(long wallMillis, long criticalPathMillis) { }

    private Run once(PracticeCloud.Timing timing, boolean sequential, int n) {
        PracticeCloud cloud = new PracticeCloud(null, "us-east-1", timing);
        ExecutorService executor = Executors.newFixedThreadPool(6);
        try {
            LedgerStore store = new LedgerStore(tmp.resolve((sequential ? "seq-" : "plan-") + n + "-" + timing.pending().toMillis()));
            Ledger ledger = store.create(LabSpec.builder().sshCidr("203.0.113.10/32").key(KeyChoice.generate("k")).build(), null, null, true);
            Provisioner p = new Provisioner(cloud, tmp.resolve("keys-" + sequential + n + "-" + timing.pending().toMillis()), executor);
            long t0 = System.nanoTime();
            Provisioner.Result r = sequential ? p.provisionSequentially(ledger, new Cancel(), Events.NONE, true)
                    : p.provision(ledger, new Cancel(), Events.NONE, true);
            long wall = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Provisioner.Outcome.READY, r.outcome(), r.failure());
            return new Run(wall, Step.criticalPath(r.stepMillis()));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void planAgainstTheTutorialOrder() {
        once(SCALED, false, -1); // warm up class loading and the JIT
        report("scaled waits: 150 ms a call, pending 0.5 s, IAM propagation 0.3 s", SCALED);
        report("heavy waits:  150 ms a call, pending 1.5 s, IAM propagation 0.8 s", WAIT_HEAVY);
    }

    private void report(String title, PracticeCloud.Timing timing) {
        List<Run> seq = new ArrayList<>();
        List<Run> plan = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seq.add(once(timing, true, i));
            plan.add(once(timing, false, i));
        }
        long seqWall = median(seq.stream().mapToLong(Run::wallMillis).toArray());
        long planWall = median(plan.stream().mapToLong(Run::wallMillis).toArray());
        long critical = median(plan.stream().mapToLong(Run::criticalPathMillis).toArray());
        double overCritical = median(plan.stream().mapToDouble(r -> (double) r.wallMillis() / r.criticalPathMillis()).toArray());
        System.out.printf("%nProvisioning benchmark, practice cloud, %s (median of 5, interleaved)%n", title);
        System.out.printf("  tutorial order, one call at a time: %6d ms%n", seqWall);
        System.out.printf("  RoleLab plan, in parallel:          %6d ms%n", planWall);
        System.out.printf("  speed-up (sequential / plan):       %6.2fx%n", (double) seqWall / planWall);
        System.out.printf("  plan's critical path:               %6d ms%n", critical);
        System.out.printf("  plan wall / critical path:          %6.3fx%n", overCritical);
        assertTrue(planWall > 0 && seqWall > 0);
    }

    private static long median(long[] v) {
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    private static double median(double[] v) {
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }
}
