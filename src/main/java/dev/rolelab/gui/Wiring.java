package dev.rolelab.gui;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.aws.AwsCloud;
import dev.rolelab.cloud.aws.AwsSettings;
import dev.rolelab.gui.util.FxTaskExecutor;
import dev.rolelab.host.ssh.SshHosts;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.practice.PracticeHosts;
import dev.rolelab.run.BuildAndPush;
import java.nio.file.Path;
import java.time.Duration;

/** The one place the wizard picks adapters. */
public final class Wiring {
    private Wiring() { }

    public static Services production(Path data) {
        return practiceAt(data, PracticeCloud.Timing.REALISTIC, Duration.ofMillis(35), false);
    }

    /**
     * @param timing    the practice cloud's pace
     * @param lineDelay the practice host's pace
     * @param fast      short waits for the instance (tests)
     */
    public static Services practiceAt(Path data, PracticeCloud.Timing timing, Duration lineDelay, boolean fast) {
        return new Services(data, new LedgerStore(data), new FxTaskExecutor(6),
                (practice, region, profile) -> practice
                        ? new PracticeCloud(data.resolve("practice").resolve("account.json"), region, timing)
                                .withRegions(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE)
                        : new AwsCloud(AwsSettings.forRegion(region, profile, null)),
                cloud -> cloud instanceof PracticeCloud p ? new PracticeHosts(p, lineDelay) : new SshHosts(),
                cloud -> cloud instanceof PracticeCloud || fast
                        ? new BuildAndPush.Waits(Duration.ofSeconds(10), Duration.ofMillis(fast ? 1 : 500), Duration.ofSeconds(10))
                        : BuildAndPush.Waits.STANDARD,
                once(AwsCloud::regionNames), AwsCloud::profiles, AwsCloud::credentialsConfigured);
    }

    /** Computed on first use, then kept: the region list costs SDK class loading, done once (and early, in the background). */
    static <T> java.util.function.Supplier<T> once(java.util.function.Supplier<T> s) {
        return new java.util.function.Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    /** Whether a cloud is the simulation (for labels). */
    public static boolean isPractice(Cloud cloud) {
        return cloud instanceof PracticeCloud;
    }
}
