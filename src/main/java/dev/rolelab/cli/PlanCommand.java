package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.PlanView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", description = "Check the options and show what `up` would create. Creates nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Mixin
    LabOptions options;

    @Option(names = "--json", description = "Print the plan as one JSON document.")
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
            PlanView plan = PlanView.of(spec, account, cloud.regions().partition(spec.region()));
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
        for (PlanView.StepView s : p.steps()) {
            out.printf("  %-58s %s%n", s.title(), s.needs().isEmpty() ? "(at once)" : "after " + String.join(", ", s.needs()).toLowerCase().replace('_', ' '));
        }
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
        out.printf("Key pair: %s (%s)%n", p.instance().keyPair(), p.instance().keyMode());
        out.printf("Cost while it runs: %s%n", p.hourlyCost());
        out.println("Removed by `rolelab down` in this order: " + String.join(", ", p.teardownOrder()));
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
