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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "down", sortOptions = false,
        description = {"Remove everything a lab created, in dependency order, as its ledger lists it.",
                "It uses the account, profile and region the lab was created with. In a terminal it asks first "
                        + "(-y: do not ask); without a terminal it removes at once."})
final class DownCommand implements Callable<Integer> {

    static final class Which {
        @Option(names = "--lab", paramLabel = "ID", description = "Remove this lab (`rolelab status` lists them). Needed when more than one lab is open.")
        String lab;

        @Option(names = "--all", description = "Remove every open lab on this computer.")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Which which;

    @Option(names = {"-y", "--yes"}, description = "Remove without asking.")
    boolean yes;

    @Option(names = "--delete-key", description = "Also delete the private key file RoleLab generated for the lab (it is kept otherwise).")
    boolean deleteKey;

    @Spec
    CommandSpec command;

    @ParentCommand
    RoleLabCommand rolelab;

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
            out.flush();
            if (!yes && !rolelab.terminal().confirm(question(labs), true, true)) {
                out.println("Nothing removed.");
                return ExitCodes.DONE;
            }
            boolean clean = true;
            for (Ledger ledger : labs) {
                out.printf("Removing lab %s (%s%s)%n", ledger.labId(), ledger.context().region(), ledger.context().practice() ? ", practice" : "");
                out.flush();
                Cloud cloud = w.cloud(ledger);
                Teardown.Result r = new Teardown(cloud, w.executor).run(ledger, new Teardown.Options(deleteKey), new Printer(out, rolelab.terminal()));
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

    /** "Remove lab lab-… (us-east-1, practice) and the 9 resources it still has?" */
    static String question(List<Ledger> labs) {
        long resources = labs.stream().flatMap(l -> l.entries().stream()).filter(dev.rolelab.lab.LedgerEntry::live).count();
        String what = labs.size() == 1
                ? "lab " + labs.get(0).labId() + " (" + labs.get(0).context().region() + (labs.get(0).context().practice() ? ", practice" : "") + ")"
                : labs.size() + " labs (" + String.join(", ", labs.stream().map(Ledger::labId).toList()) + ")";
        return "Remove " + what + " and the " + resources + (resources == 1 ? " resource " : " resources ")
                + (labs.size() == 1 ? "it" : "they") + " still " + (labs.size() == 1 ? "has" : "have") + "?";
    }
}
