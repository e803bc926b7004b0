package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Provisioner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "up", description = "Create the lab: repository, policy, role, instance profile, security group, key pair, instance.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Mixin
    LabOptions options;

    @Option(names = "--keep-on-failure", description = "If a step fails, keep what was created (remove it later with `rolelab down`).")
    boolean keepOnFailure;

    @Option(names = "--create-default-vpc", description = "If the region has no default VPC, create one first (it is kept afterwards: it belongs to the account, not to the lab).")
    boolean createDefaultVpc;

    @Spec
    CommandSpec command;

    private static void ensureDefaultVpc(Cloud cloud, LabSpec spec, PrintWriter out) {
        try {
            cloud.network(spec.instanceType(), null);
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NO_DEFAULT_VPC) {
                throw e;
            }
            out.printf("Created the default VPC %s in %s (kept afterwards: it belongs to the account, not to the lab).%n",
                    cloud.createDefaultVpc(), spec.region());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Wiring w = new Wiring()) {
            Cloud cloud = w.cloud(connection);
            if (connection.practice) {
                out.println("** " + PracticeCloud.SIMULATION + " **");
            }
            LabSpec spec = options.toSpec(w.region(connection), cloud);
            String account = cloud.identity().account();
            Checks.validate(spec, cloud, account, w.executor, err);
            if (createDefaultVpc && spec.subnet() == null) {
                ensureDefaultVpc(cloud, spec, out);
            }

            Ledger ledger = w.ledgers.create(spec, connection.profile, connection.endpointUrl, connection.practice);
            out.printf("Lab %s in account %s, %s. Its ledger: %s%n", ledger.labId(), account, spec.region(),
                    w.ledgers.folder().resolve(ledger.labId() + ".json"));
            out.flush();
            Cancel cancel = new Cancel();
            Provisioner.Result result;
            Printer printer = new Printer(out);
            try (Interrupts interrupts = new Interrupts(cancel, err)) {
                result = new Provisioner(cloud, w.keysFolder(), w.executor).provision(ledger, cancel, printer, !keepOnFailure);
                if (interrupts.signalled()) {
                    return ExitCodes.CANCELLED;
                }
            }
            switch (result.outcome()) {
                case READY -> {
                    Provisioner.Provisioned p = result.lab();
                    out.printf("%nReady: instance %s at %s with role %s.%n", p.instanceId(), p.publicIp(), spec.names().role());
                    out.printf("SSH:   ssh -i %s ec2-user@%s%n", p.privateKey(), p.publicIp());
                    out.printf("Remove everything: rolelab down --lab %s%n", ledger.labId());
                    out.printf("Lab id: %s%n", ledger.labId());
                    return ExitCodes.DONE;
                }
                case CANCELLED -> {
                    err.println("rolelab: cancelled; " + (keepOnFailure ? "kept what was created" : "removed what was created"));
                    return ExitCodes.CANCELLED;
                }
                default -> {
                    err.println("rolelab: " + (result.failedStep() == null ? "" : result.failedStep().title() + " failed: ") + result.failure());
                    err.println(keepOnFailure ? "What was created is kept: rolelab down --lab " + ledger.labId()
                            : "What was created has been removed (see the lines above).");
                    return ExitCodes.CLOUD_FAILED;
                }
            }
        }
    }
}
