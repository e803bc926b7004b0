package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.PlanView;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            Cloud cloud = w.cloud(connection);
            String region = w.region(connection);
            LabSpec spec = options.toSpec(region, cloud);
            String account = cloud.identity().account();
            Checks.validate(spec, cloud, account, w.executor, err);
            PlanView plan = PlanView.of(spec, account);
            if (json) {
                out.println(Json.pretty(plan));
            } else {
                if (connection.practice) {
                    out.println("** " + PracticeCloud.SIMULATION + " **");
                }
                print(plan, out);
            }
            out.flush();
            return ExitCodes.DONE;
        }
    }

    static void print(PlanView p, PrintWriter out) {
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
        out.printf("Key pair: %s (%s)%n", p.instance().keyPair(), keyOrigin(p.instance().keyMode()));
        out.printf("Cost while it runs: %s%n", p.hourlyCost());
        out.println("Removed by `rolelab down` in this order: " + String.join(", ", p.teardownOrder()));
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
