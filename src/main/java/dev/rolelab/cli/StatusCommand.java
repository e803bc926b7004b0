package dev.rolelab.cli;

import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", sortOptions = false, description = "List the labs on this computer and what each still has in its account.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--all", description = "Also list the labs and resources that were removed.")
    boolean all;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (Wiring w = new Wiring()) {
            List<Ledger> labs = all ? w.ledgers.all() : w.ledgers.open();
            if (labs.isEmpty()) {
                out.println(all ? "No labs yet." : "No open labs. (`rolelab status --all` shows removed ones.)");
                return ExitCodes.DONE;
            }
            for (Ledger l : labs) {
                out.printf("%s  %-12s %-14s %s%s%n", l.labId(), l.status(), l.context().region(), l.context().created(),
                        l.context().practice() ? "  [practice]" : "");
                for (LedgerEntry e : l.entries()) {
                    if (e.live() || all) {
                        out.printf("    %-9s %-38s %s%s%n", e.state(), e.kind().title(), e.name(), e.id() == null || e.id().equals(e.name()) ? "" : "  " + e.id());
                    }
                }
            }
            return ExitCodes.DONE;
        }
    }
}
