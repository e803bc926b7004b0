package dev.rolelab.gui;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.gui.util.TaskExecutor;
import dev.rolelab.host.Hosts;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.run.BuildAndPush;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the wizard needs from the outside world. {@link Wiring#production} gives the real adapters;
 * tests give WireMock- and MINA-backed ones, or the practice ones at full speed.
 */
public record Services(Path data, LedgerStore ledgers, TaskExecutor executor, CloudFactory clouds,
                       Function<Cloud, Hosts> hosts, Function<Cloud, BuildAndPush.Waits> waits,
                       Supplier<Map<String, String>> regionNames, Supplier<Map<String, Boolean>> profiles,
                       BooleanSupplier credentialsConfigured) {

    /** Opens the cloud for a choice made in the wizard (or recorded in a ledger). */
    @FunctionalInterface
    public interface CloudFactory {
        Cloud open(boolean practice, String region, String profile);
    }

    public Path keysFolder() {
        return data.resolve("keys");
    }
}
