package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.Ledger;
import dev.rolelab.run.Teardown;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "down", description = "Remove everything a lab created (from its ledger), in dependency order.")
final class DownCommand implements Callable<Integer> {

    static final class Which {
        @Option(names = "--lab", paramLabel = "ID", description = "The lab to remove (see `rolelab status`).")
        String lab;

        @Option(names = "--all", description = "Remove every open lab on this computer.")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Which which;

    @Option(names = "--delete-key", description = "Also delete the private key file RoleLab generated for the lab.")
    boolean deleteKey;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Wiring w = new Wiring()) {
            List<Ledger> labs;
            if (which != null && which.lab != null) {
                labs = List.of(w.ledgers.load(which.lab).orElseThrow(() -> new InvalidInput("lab", "no lab '" + which.lab
                        + "' on this computer; `rolelab status` lists them (`rolelab sweep` finds labs whose ledger is lost)")));
            } else {
                labs = w.ledgers.open();
                if (labs.size() > 1 && (which == null || !which.all)) {
                    throw new InvalidInput("lab", labs.size() + " labs are open (" + String.join(", ", labs.stream().map(Ledger::labId).toList())
                            + "); name one with --lab ID, or use --all");
                }
            }
            if (labs.isEmpty()) {
                out.println("No open labs: nothing to remove.");
                return ExitCodes.DONE;
            }
            boolean clean = true;
            for (Ledger ledger : labs) {
                out.printf("Removing lab %s (%s%s)%n", ledger.labId(), ledger.context().region(), ledger.context().practice() ? ", practice" : "");
                out.flush();
                Cloud cloud = w.cloud(ledger);
                Teardown.Result r = new Teardown(cloud, w.executor).run(ledger, new Teardown.Options(deleteKey), new Printer(out));
                    if (r.clean()) {
                    out.printf("Lab %s removed.%n", ledger.labId());
                    ledger.get(dev.rolelab.lab.ResourceKind.LOCAL_KEY_FILE)
                            .filter(e -> e.state() == dev.rolelab.lab.LedgerEntry.State.KEPT)
                            .ifPresent(e -> out.printf("Kept the private key %s (delete it with --delete-key, or by hand).%n", e.name()));
                } else {
                    clean = false;
                    r.failures().forEach(f -> err.println("rolelab: not removed: " + f));
                    err.printf("Run `rolelab down --lab %s` again once the cause is fixed; the ledger still lists what is left.%n", ledger.labId());
                }
            }
            return clean ? ExitCodes.DONE : ExitCodes.CLOUD_FAILED;
        }
    }
}
