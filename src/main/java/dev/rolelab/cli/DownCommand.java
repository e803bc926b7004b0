package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.run.Teardown;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
                        + "(-y: do not ask); without a terminal it removes at once.",
                "A lab made with `up --endpoint-url URL` is removed only when the same --endpoint-url is given here.",
                Teardown.Options.KEY_RULE + " Keep it with --keep-key."})
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

    @Option(names = "--keep-key", description = "Keep the private key file RoleLab generated for the lab (it is deleted with the lab otherwise).")
    boolean keepKey;

    /** What deleting the key took before it became the rule; still accepted so scripts that pass it keep working. */
    @Option(names = "--delete-key", hidden = true, description = "Delete the generated private key with the lab (the default now).")
    boolean deleteKey;

    /** Means what it means on {@code plan} and {@code up}; here it must also be the URL the lab's ledger records. */
    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call to this URL instead of AWS (for testing).")
    String endpointUrl;

    @Spec
    CommandSpec command;

    @ParentCommand
    RoleLabCommand rolelab;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (keepKey && deleteKey) {
            throw new InvalidInput("keep-key", "and --delete-key contradict each other: the key is deleted with the lab unless --keep-key is given");
        }
        try (Wiring w = new Wiring()) {
            List<Ledger> labs = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            if (which != null && which.lab != null) {
                if (!LedgerStore.isLabId(which.lab)) {
                    throw new InvalidInput("lab", new LedgerStore.NotALabId(which.lab).getMessage());
                }
                // waits briefly for a run that is finishing, then says which process holds the lab
                labs.add(w.ledgers.claim(which.lab).orElseThrow(() -> new InvalidInput("lab", "no lab '" + which.lab
                        + "' on this computer; `rolelab status` lists them (`rolelab sweep` finds labs whose ledger is lost)")));
            } else {
                LedgerStore.Survey survey = w.ledgers.survey();
                survey.unreadable().forEach(u -> err.println("rolelab: warning: " + u.getMessage()));
                List<Ledger> open = survey.open();
                if (open.size() > 1 && (which == null || !which.all)) {
                    throw new InvalidInput("lab", open.size() + " labs are open (" + String.join(", ", open.stream().map(Ledger::labId).toList())
                            + "); name one with --lab ID, or use --all");
                }
                for (Ledger seen : open) {
                    try {
                        // --all takes what is free at once and names the rest; one lab waits briefly like --lab
                        Duration wait = open.size() > 1 ? Duration.ZERO : null;
                        Optional<Ledger> now = wait == null ? w.ledgers.claim(seen.labId()) : w.ledgers.claim(seen.labId(), wait);
                        now.filter(LedgerStore::isOpen).ifPresent(labs::add);
                    } catch (LedgerStore.InUse busy) {
                        skipped.add(busy.labId());
                        err.printf("rolelab: skipped lab %s: it is in use by %s. Run `rolelab down --lab %s` once that run has ended.%n",
                                busy.labId(), busy.holder(), busy.labId());
                    } catch (LedgerStore.Unreadable u) {
                        err.println("rolelab: warning: " + u.getMessage());
                    }
                }
            }
            List<String> refused = new ArrayList<>();
            labs.removeIf(ledger -> {
                String why = endpointRefusal(ledger);
                if (why != null) {
                    refused.add(ledger.labId());
                    err.println("rolelab: " + why);
                }
                return why != null;
            });
            if (!refused.isEmpty() && labs.isEmpty()) {
                out.println("Nothing removed.");
                return ExitCodes.INVALID_INPUT;
            }
            if (labs.isEmpty()) {
                out.println(skipped.isEmpty() ? "No open labs: nothing to remove." : "Nothing removed.");
                return skipped.isEmpty() ? ExitCodes.DONE : LAB_IN_USE;
            }
            out.flush();
            if (!yes && !rolelab.terminal().confirm(question(labs), true, true)) {
                out.println("Nothing removed.");
                return ExitCodes.DONE;
            }
            boolean clean = true;
            for (Ledger ledger : labs) {
                out.printf("Removing lab %s (%s%s)%n", ledger.labId(), ledger.context().region(), ledger.context().practice() ? ", practice" : "");
                ledger.warnings().forEach(wn -> err.println("rolelab: warning: " + wn));
                out.flush();
                Cloud cloud = w.cloud(ledger);
                Teardown.Result r = new Teardown(cloud, w.executor).run(ledger, Teardown.Options.keepingKey(keepKey), new Printer(out, rolelab.terminal()));
                ledger.unsaved().ifPresent(why -> err.println("rolelab: warning: " + why));
                if (r.clean()) {
                    out.printf("Lab %s removed.%n", ledger.labId());
                    ledger.get(ResourceKind.LOCAL_KEY_FILE)
                            .filter(e -> e.state() == LedgerEntry.State.KEPT)
                            .ifPresent(e -> out.printf("Kept the private key %s, as --keep-key asked (delete it by hand when done).%n", e.name()));
                } else {
                    clean = false;
                    r.failures().forEach(f -> err.println("rolelab: not removed: " + f));
                    err.printf("Run `rolelab down --lab %s` again once the cause is fixed; the ledger still lists what is left.%n", ledger.labId());
                }
            }
            if (!clean) {
                return ExitCodes.CLOUD_FAILED;
            }
            if (!refused.isEmpty()) {
                return ExitCodes.INVALID_INPUT;
            }
            return skipped.isEmpty() ? ExitCodes.DONE : LAB_IN_USE;
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

    /** A lab was left because another run holds it (as for any failure that is neither input nor AWS). */
    static final int LAB_IN_USE = 1;

    /**
     * Why {@code ledger}'s endpoint gets no request, or null. A ledger is a file anyone with the user's rights can edit:
     * an endpoint written into it would receive signed requests (the access key id, the account's names), so one that
     * is recorded goes only where this command line names it too.
     */
    private String endpointRefusal(Ledger ledger) {
        String recorded = ledger.context().endpointUrl();
        if (ledger.context().practice() || recorded == null || recorded.equals(endpointUrl)) {
            return null;
        }
        String shown = dev.rolelab.lab.DataFolder.printable(recorded);
        if (Checks.endpointUrl(recorded).filter(dev.rolelab.lab.Problem::isError).isPresent()
                || !recorded.matches("[A-Za-z0-9:/._~%\\[\\]-]+")) {
            // not a URL `up` would have written: no command to copy, in case it carries shell words
            return "lab " + ledger.labId() + "'s ledger names the endpoint " + dev.rolelab.lab.LabRules.shown(recorded)
                    + ", which is not a URL RoleLab accepts: the ledger was edited. RoleLab sends it nothing.";
        }
        return "lab " + ledger.labId() + " was made against " + shown + " (its ledger says so), "
                + (endpointUrl == null ? "" : "not the endpoint " + dev.rolelab.lab.DataFolder.printable(endpointUrl) + " given with --endpoint-url, ")
                + "and RoleLab sends a lab's requests to an endpoint only when the command line names it. If it is yours, run "
                + "`rolelab down --lab " + ledger.labId() + " --endpoint-url " + shown + "`.";
    }
}
