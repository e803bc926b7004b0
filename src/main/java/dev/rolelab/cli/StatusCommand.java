package dev.rolelab.cli;

import dev.rolelab.lab.DataFolder;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.LedgerStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", description = "List the labs on this computer and what each still has in the account.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--all", description = "Also list labs that were removed.")
    boolean all;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Wiring w = new Wiring()) {
            LedgerStore.Survey survey = w.ledgers.survey();
            // an unreadable ledger is reported and kept; the other labs are listed all the same
            survey.unreadable().forEach(u -> err.println("rolelab: warning: " + u.getMessage()));
            List<Ledger> labs = all ? survey.labs() : survey.open();
            if (labs.isEmpty()) {
                out.println(all ? "No labs yet." : "No open labs. (`rolelab status --all` shows removed ones.)");
                return ExitCodes.DONE;
            }
            for (Ledger l : labs) {
                String busy = LedgerStore.isOpen(l) ? w.ledgers.holder(l.labId()).map(h -> "  [in use by " + h + "]").orElse("") : "";
                out.printf("%s  %-12s %-14s %s%s%s%n", l.labId(), l.status(), DataFolder.printable(l.context().region()), l.context().created(),
                        l.context().practice() ? "  [practice]" : "", busy);
                for (LedgerEntry e : l.entries()) {
                    if (e.live() || all) {
                        out.printf("    %-9s %-38s %s%s%n", e.state(), e.kind().title(), DataFolder.printable(e.name()),
                                e.id() == null || e.id().equals(e.name()) ? "" : "  " + DataFolder.printable(e.id()));
                    }
                }
                l.warnings().forEach(wn -> err.println("rolelab: warning: " + l.labId() + ": " + wn));
            }
            return ExitCodes.DONE;
        }
    }
}
