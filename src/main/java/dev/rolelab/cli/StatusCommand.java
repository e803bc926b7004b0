package dev.rolelab.cli;

import dev.rolelab.lab.DataFolder;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.LedgerStore;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            out.print(table(labs, all, l -> LedgerStore.isOpen(l) ? w.ledgers.holder(l.labId()).map(h -> "[in use by " + h + "]")
                    .orElse(midway(l) ? "[interrupted: `rolelab down --lab " + l.labId() + "` removes it]" : "") : ""));
            out.flush();
            labs.forEach(l -> l.warnings().forEach(wn -> err.println("rolelab: warning: " + l.labId() + ": " + wn)));
            return ExitCodes.DONE;
        }
    }

    /** A lab still marked as being made or removed: with no process holding it, that run was killed or lost. */
    private static boolean midway(Ledger l) {
        return l.status() == Ledger.Status.PROVISIONING || l.status() == Ledger.Status.TEARING_DOWN;
    }

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * One line per lab, then one per resource (the live ones, or all of them with {@code all}); every
     * column as wide as its widest cell, across all labs, so the columns line up whatever the names.
     */
    static String table(List<Ledger> labs, boolean all) {
        return table(labs, all, l -> "");
    }

    /** @param busy what to say of a lab another process holds ("" when none) */
    static String table(List<Ledger> labs, boolean all, java.util.function.Function<Ledger, String> busy) {
        List<List<String>> heads = new ArrayList<>();
        Map<Ledger, List<List<String>>> rows = new LinkedHashMap<>();
        for (Ledger l : labs) {
            heads.add(List.of(l.labId(), l.status().toString(), DataFolder.printable(l.context().region()),
                    "created " + CREATED.format(l.context().created()), String.join("  ", List.of(l.context().practice() ? "[practice]" : "",
                            busy.apply(l)).stream().filter(x -> !x.isEmpty()).toList())));
            List<List<String>> resources = new ArrayList<>();
            for (LedgerEntry e : l.entries()) {
                if (e.live() || all) {
                    resources.add(List.of(e.state().toString(), e.kind().title(), DataFolder.printable(e.name()),
                            e.id() == null || e.id().equals(e.name()) ? "" : DataFolder.printable(e.id())));
                }
            }
            rows.put(l, resources);
        }
        int[] headWidths = widths(heads);
        int[] rowWidths = widths(rows.values().stream().flatMap(List::stream).toList());
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (List<List<String>> resources : rows.values()) {
            b.append(line("", heads.get(i++), headWidths));
            resources.forEach(r -> b.append(line("    ", r, rowWidths)));
        }
        return b.toString();
    }

    private static int[] widths(List<List<String>> rows) {
        int[] w = new int[rows.isEmpty() ? 0 : rows.get(0).size()];
        for (List<String> r : rows) {
            for (int c = 0; c < w.length; c++) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        return w;
    }

    private static String line(String indent, List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            b.append(c == cells.size() - 1 ? cells.get(c) : String.format("%-" + widths[c] + "s  ", cells.get(c)));
        }
        return b.toString().stripTrailing() + System.lineSeparator();
    }
}
