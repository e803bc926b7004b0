package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.lab.DataFolder;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Sweep;
import dev.rolelab.run.Teardown;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sweep", sortOptions = false,
        description = {"Find resources RoleLab tagged in a region that no ledger on this computer lists (a lab whose ledger was lost), "
                + "and delete them.",
                "In a terminal it asks before it deletes; without a terminal it only reports, unless -y is given.",
                Teardown.Options.KEY_RULE + " Sweep deletes only the key file RoleLab named for a lab it removes "
                        + "(keys/<lab id>_ed25519 or keys/<lab id>.pem in RoleLab's folder); keep it with --keep-key."})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Option(names = {"-y", "--yes"}, description = "Delete what is found without asking.")
    boolean yes;

    @Option(names = "--keep-key", description = "Keep the private key file RoleLab generated for a lab it removes (it is deleted with the lab otherwise).")
    boolean keepKey;

    @Spec
    CommandSpec command;

    @ParentCommand
    RoleLabCommand rolelab;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Wiring w = new Wiring()) {
            Cloud cloud = w.cloud(connection);
            String region = w.region(connection);
            // as plan and permissions do: an unknown region is refused, not reported as holding nothing
            new dev.rolelab.lab.LabRules(cloud.knownRegions()).region(region).ifPresent(p -> {
                throw new InvalidInput(List.of(p));
            });
            Sweep sweep = new Sweep(cloud, w.ledgers, w.executor);
            LedgerStore.Survey survey = w.ledgers.survey();
            // sweep itself is what the warning elsewhere points to: here it only says what is wrong; each lab it finds says
            // what becomes of the file
            survey.unreadable().forEach(u -> err.println("rolelab: warning: the ledger " + DataFolder.printable(u.file())
                    + " cannot be read: " + u.problem() + "."));
            Set<String> unreadable = new HashSet<>();
            survey.unreadable().forEach(u -> unreadable.add(u.file().getFileName().toString().replaceFirst("\\.json$", "")));
            Sweep.Found scanned = sweep.scan();
            // a tag value becomes a ledger's file name: anything but a lab id RoleLab makes is left alone
            Map<String, List<TaggedResource>> labs = new TreeMap<>();
            scanned.byLab().forEach((id, rs) -> {
                if (LedgerStore.isLabId(id)) {
                    labs.put(id, rs);
                } else {
                    err.printf("rolelab: warning: %s tagged rolelab:lab=%s, which is not a lab id RoleLab makes: left alone.%n",
                            rs.size() == 1 ? "1 resource" : rs.size() + " resources", DataFolder.printable(id));
                }
            });
            Sweep.Found found = new Sweep.Found(labs);
            if (found.empty()) {
                out.printf("Nothing tagged rolelab:lab in %s that a ledger here does not already list.%n", region);
                return ExitCodes.DONE;
            }
            for (Map.Entry<String, List<TaggedResource>> lab : found.byLab().entrySet()) {
                out.printf("Lab %s (%s):%n", lab.getKey(), unreadable.contains(lab.getKey())
                        ? "its ledger here cannot be read; if these are deleted, that file is kept aside as " + lab.getKey() + ".json.unreadable-<time>"
                        : "no ledger on this computer");
                lab.getValue().forEach(r -> out.printf("    %-38s %s  %s%n", r.kind().title(), DataFolder.printable(r.name()), DataFolder.printable(r.id())));
                w.ledgers.generatedKeyFile(lab.getKey()).ifPresent(k -> out.printf("    %-38s %s  (%s)%n", ResourceKind.LOCAL_KEY_FILE.title(),
                        DataFolder.printable(k), keepKey ? "kept: --keep-key" : "RoleLab generated it for this lab: it goes with it"));
            }
            out.flush();
            int count = found.byLab().values().stream().mapToInt(List::size).sum();
            // what no ledger lists is deleted only on a clear yes: Enter, or no terminal, deletes nothing
            if (!yes && !rolelab.terminal().confirm("Delete " + (count == 1 ? "this resource" : "these " + count + " resources") + "?", false, false)) {
                out.println("Nothing deleted. Run again with --yes to delete these.");
                return ExitCodes.DONE;
            }
            out.flush();
            List<String> failures = sweep.remove(found, region, connection.practice, Teardown.Options.keepingKey(keepKey),
                    new Printer(out, rolelab.terminal()));
            failures.forEach(f -> err.println("rolelab: not removed: " + f));
            return failures.isEmpty() ? ExitCodes.DONE : ExitCodes.CLOUD_FAILED;
        }
    }
}
