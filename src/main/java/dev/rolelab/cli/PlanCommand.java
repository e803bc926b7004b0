package dev.rolelab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.DataFolder;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.practice.PracticeSettings;
import dev.rolelab.run.PlanView;
import dev.rolelab.run.PolicyCheck;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", sortOptions = false, abbreviateSynopsis = true,
        description = {"Check the options and show what `up` would create; nothing is created.",
                "It reads the account to check that the names are free, so it needs the same credentials as `up` (or --practice)."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Mixin
    LabOptions options;

    @Option(names = "--json", description = "Print the plan as one JSON document, for scripts.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Wiring w = new Wiring()) {
            Checks.beforeWiring(connection);
            Cloud cloud = w.cloud(connection);
            String region = w.region(connection);
            LabSpec draft = options.draft(region);
            Checks.beforeAnyCall(connection, draft, options.detectsCidr(), cloud.knownRegions(), options.ignored(), err);
            // what `up` would refuse in the data folder, said before the plan rather than after resources exist
            w.ledgers.checkOwnFolders();
            LabSpec spec = options.withCidr(draft, cloud);
            String account = cloud.identity().account();
            Checks.validate(spec, cloud, account, w.executor, err);
            PlanView plan = PlanView.of(spec, account, cloud.regions().partition(spec.region()));
            PolicyCheck.Table policyCheck = null;
            String policyCheckFailure = null;
            try {
                policyCheck = new PolicyCheck(cloud, connection.practice).check(spec, account, null);
            } catch (CloudException e) {
                policyCheckFailure = e.describe();
            }
            if (json) {
                ObjectNode tree = Json.MAPPER.valueToTree(plan);
                // as the text: a simulated lab is labelled so, and not priced as if it were billed
                tree.put("practice", connection.practice);
                if (connection.practice) {
                    tree.put("hourlyCost", "nothing is billed: practice mode is a simulation");
                }
                tree.set("policyCheck", policyCheck != null ? Json.MAPPER.valueToTree(policyCheck)
                        : Json.MAPPER.createObjectNode().put("error", policyCheckFailure));
                out.println(Json.pretty(tree));
            } else {
                if (connection.practice) {
                    out.println("** " + PracticeCloud.SIMULATION + " **");
                    PracticeSettings.mistakes().forEach(m -> err.println("rolelab: warning: " + DataFolder.printable(m)));
                }
                print(plan, connection.practice, out);
                print(policyCheck, policyCheckFailure, out);
            }
            out.flush();
            return ExitCodes.DONE;
        }
    }

    static void print(PlanView p, boolean practice, PrintWriter out) {
        out.printf("RoleLab plan for account %s in %s%n%n", p.account(), p.region());
        out.println("Creates (nothing yet; `rolelab up` does):");
        for (PlanView.Resource r : p.resources()) {
            out.printf("  %-38s %s%n", r.title(), r.name());
        }
        out.println();
        out.println("Runs side by side where nothing is in the way:");
        printSteps(p.steps(), out);
        out.println();
        out.println("Permissions policy (what the instance may do):");
        out.println(indent(Json.pretty(p.permissionsPolicy())));
        out.println("Trust policy (who may assume the role):");
        out.println(indent(Json.pretty(p.trustPolicy())));
        out.printf("Security group rule: %s/%d from %s%n", p.securityGroupRule().protocol(), p.securityGroupRule().port(), p.securityGroupRule().cidr());
        out.printf("Instance: %s (%s), Amazon Linux 2023 from %s, IMDSv2 required%n", p.instance().type(), p.instance().architecture(), p.instance().amiParameter());
        if (dev.rolelab.lab.InstanceFamily.xen(p.instance().type())) {
            out.printf("  %s is a Xen (non-Nitro) type: EC2 shows its console output only as buffered at boot, so verifying the host key "
                    + "from it can take many minutes (a Nitro type such as t3.micro shows it at once)%n", p.instance().type());
        }
        out.printf("Key pair: %s (%s)%n", p.instance().keyPair(), keyOrigin(p.instance().keyMode()));
        if (practice) {
            // as the Review page: a simulated lab is not priced as if it were billed
            out.println("Cost: nothing is billed, practice mode is a simulation (`rolelab plan` without --practice shows what a real lab costs)");
        } else {
            out.printf("Cost while it runs: %s%n", p.hourlyCost());
        }
        out.println("Removed by `rolelab down` in this order: " + String.join(", ", p.teardownOrder()));
    }

    /** The policy check as a short table: one line per resource and expectation, each failing action named. */
    static void print(PolicyCheck.Table t, String failure, PrintWriter out) {
        out.println();
        if (t == null) {
            out.println("Policy check before anything exists: could not ask the IAM policy simulator: " + failure);
            return;
        }
        out.println("Policy check before anything exists, by " + t.source() + ":");
        out.printf("  %-56s %-9s %-26s %s%n", "asked", "expected", "answer", "ok?");
        for (PolicyCheck.Group g : t.groups()) {
            Set<String> answers = new TreeSet<>();
            g.rows().forEach(r -> answers.add(r.verdict()));
            List<String> failing = g.failing().stream().map(PolicyCheck.Row::action).toList();
            out.printf("  %-56s %-9s %-26s %s%n", g.asked("\"*\""), g.first().expected().name().toLowerCase(Locale.ROOT), String.join(", ", answers),
                    failing.isEmpty() ? "yes" : "NO: " + String.join(", ", failing));
        }
        out.println(t.ok() ? "Least privilege confirmed: the push is allowed on this repository only, nothing destructive is."
                : "The policy allows more (or less) than the lab needs: see the rows marked NO, and the warnings above.");
    }

    /** Where the key pair comes from, in words (the JSON keeps the mode's id). */
    private static String keyOrigin(String mode) {
        return switch (mode) {
            case "generate" -> "generated on this computer, its public half imported";
            case "aws" -> "created by AWS, its private key saved on this computer";
            case "existing" -> "yours, already in EC2";
            default -> mode;
        };
    }

    /** The steps numbered, each with the numbers of the steps it waits for (not their internal ids), in aligned columns. */
    static void printSteps(List<PlanView.StepView> steps, PrintWriter out) {
        Map<String, Integer> number = new HashMap<>();
        int width = 0;
        for (PlanView.StepView s : steps) {
            number.put(s.step(), number.size() + 1);
            width = Math.max(width, s.title().length());
        }
        for (PlanView.StepView s : steps) {
            String after = s.needs().isEmpty() ? "at once"
                    : "after " + String.join(", ", s.needs().stream().map(n -> String.valueOf(number.get(n))).toList());
            out.printf("  %2d. %-" + width + "s  %s%n", number.get(s.step()), s.title(), after);
        }
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
