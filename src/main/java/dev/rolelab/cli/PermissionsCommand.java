package dev.rolelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.RunnerPolicy;
import dev.rolelab.practice.PracticeCloud;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "permissions", sortOptions = false, description = {"Print the least IAM policy the person running RoleLab needs (JSON, on stdout).",
        "Attach it to your user or permission set; it allows every call of up, down and sweep and nothing a lab does not need."})
final class PermissionsCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Option(names = "--account", paramLabel = "ID", description = "The 12-digit account the policy is for. Default: yours, from STS GetCallerIdentity.")
    String account;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (account != null && !account.matches("\\d{12}")) {
            throw new InvalidInput("account", dev.rolelab.lab.LabRules.shown(account) + " is not an AWS account id (12 digits, e.g. 123456789012)");
        }
        try (Wiring w = new Wiring()) {
            String region = w.region(connection);
            Cloud cloud = w.cloud(connection);
            new LabRules(cloud.knownRegions()).region(region).ifPresent(p -> {
                throw new InvalidInput(List.of(p));
            });
            if (connection.practice) {
                // stdout stays one JSON document; the simulation label goes to stderr
                command.commandLine().getErr().println("** " + PracticeCloud.SIMULATION + " (the policy is for the simulated account) **");
            }
            String id = account != null ? account : cloud.identity().account();
            out.println(oneStatementPerLine(RunnerPolicy.document(cloud.regions().partition(region), id)));
            return ExitCodes.DONE;
        }
    }

    /** Valid JSON, a statement a line: short enough to review on one screen, and each line reads as one permission. */
    static String oneStatementPerLine(ObjectNode policy) {
        StringBuilder b = new StringBuilder("{\n  \"Version\": ").append(Json.compact(policy.get("Version"))).append(",\n  \"Statement\": [\n");
        JsonNode statements = policy.get("Statement");
        for (int i = 0; i < statements.size(); i++) {
            b.append("    ").append(Json.compact(statements.get(i))).append(i + 1 < statements.size() ? ",\n" : "\n");
        }
        return b.append("  ]\n}").toString();
    }
}
