package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Provisioner;
import dev.rolelab.run.Teardown;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "up", description = {"Perform the tutorial: create the lab (repository, policy, role, instance profile, security group, key pair, instance),",
        "SSH in, install Docker, build and push the image with the role's credentials, prove the role works, then clean up."})
final class UpCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Mixin
    LabOptions options;

    @Option(names = "--keep-on-failure", description = "If a step fails, keep what was created (remove it later with `rolelab down`).")
    boolean keepOnFailure;

    @Option(names = "--accept-host-key", paramLabel = "SHA256:…", description = "If the instance prints no host keys on its console, accept this fingerprint.")
    String acceptHostKey;

    @Option(names = "--down-after", description = "Remove everything when the tutorial is done (or a step failed), without asking.")
    boolean downAfter;

    @Option(names = "--keep", description = "Keep the lab when the tutorial is done, without asking (remove it later with `rolelab down`).")
    boolean keep;

    @Option(names = "--practice-fail", paramLabel = "STEP", hidden = true,
            description = "Practice mode: make this remote step fail once (trainers demoing a failure), e.g. push.")
    String practiceFail;

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
                    out.printf("%nReady: instance %s at %s with role %s.%n%n", p.instanceId(), p.publicIp(), spec.names().role());
                    out.flush();
                    return onTheInstance(w, cloud, spec, ledger, p, printer, out, err);
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

    /** SSH in, build and push with the role, prove it; then clean up as asked. */
    private int onTheInstance(Wiring w, Cloud cloud, LabSpec spec, Ledger ledger, Provisioner.Provisioned p, Printer printer,
                              PrintWriter out, PrintWriter err) {
        dev.rolelab.host.Hosts hosts = w.hosts(cloud);
        if (practiceFail != null && hosts instanceof dev.rolelab.practice.PracticeHosts practice) {
            dev.rolelab.host.RemoteSteps.forLab(spec, p.account(), cloud.regions().partition(spec.region())).stream().filter(st -> st.id().equals(practiceFail)).findFirst()
                    .ifPresent(st -> practice.failOnce(st.command(), 1));
        }
        BuildAndPush remote = new BuildAndPush(cloud, hosts, w.waits(cloud));
        Cancel cancel = new Cancel();
        BuildAndPush.Result r;
        try (Interrupts interrupts = new Interrupts(cancel, err)) {
            r = remote.run(spec, new BuildAndPush.Target(p.instanceId(), p.publicIp(), p.privateKey(), p.account(), p.roleArn()),
                    0, fingerprint -> confirmHostKey(fingerprint, err), cancel, printer);
            if (interrupts.signalled()) {
                return ExitCodes.CANCELLED;
            }
        }
        int code;
        switch (r.outcome()) {
            case DONE -> {
                printProof(r.proof(), spec, out);
                code = ExitCodes.DONE;
            }
            case CANCELLED -> {
                err.println("rolelab: cancelled on the instance; the lab is kept: rolelab down --lab " + ledger.labId());
                return ExitCodes.CANCELLED;
            }
            default -> {
                err.println("rolelab: " + r.failure());
                if (r.failed() != null) {
                    err.println("rolelab: `" + r.failed().step().command() + "` exited with status " + r.failed().exitStatus() + "; its last lines:");
                    r.failed().lastLines().forEach(l -> err.println("    " + l));
                }
                code = ExitCodes.REMOTE_FAILED;
            }
        }
        out.flush();
        if (cleanUpNow(out)) {
            Teardown.Result t = new Teardown(cloud, w.executor).run(ledger, new Teardown.Options(true), printer);
            if (!t.clean()) {
                t.failures().forEach(f -> err.println("rolelab: not removed: " + f));
                return ExitCodes.CLOUD_FAILED;
            }
            out.printf("Lab %s removed: nothing is left in the account.%n", ledger.labId());
        } else {
            out.printf("The lab is kept (it costs about a cent per half hour). Remove it with: rolelab down --lab %s%n", ledger.labId());
            out.printf("SSH in yourself: ssh -i %s ec2-user@%s%n", p.privateKey(), p.publicIp());
        }
        out.printf("Lab id: %s%n", ledger.labId());
        return code;
    }

    private boolean cleanUpNow(PrintWriter out) {
        if (downAfter || keep) {
            return downAfter;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        out.flush();
        String answer = console.readLine("Remove everything now? [Y/n] ");
        return answer == null || answer.isBlank() || answer.trim().toLowerCase().startsWith("y");
    }

    private boolean confirmHostKey(String fingerprint, PrintWriter err) {
        if (acceptHostKey != null) {
            boolean same = acceptHostKey.equals(fingerprint);
            if (!same) {
                err.printf("rolelab: the instance presents %s, not the %s given with --accept-host-key%n", fingerprint, acceptHostKey);
            }
            return same;
        }
        java.io.Console console = System.console();
        if (console == null) {
            err.printf("rolelab: the instance printed no host keys; it presents %s. Check it (EC2 console → instance → "
                    + "Monitor and troubleshoot → Get system log) and pass --accept-host-key %s to trust it.%n", fingerprint, fingerprint);
            return false;
        }
        String answer = console.readLine("The instance printed no host keys on its console. It presents%n  %s%nTrust this key? [y/N] ", fingerprint);
        return answer != null && answer.trim().toLowerCase().startsWith("y");
    }

    static void printProof(BuildAndPush.Proof proof, LabSpec spec, PrintWriter out) {
        out.println();
        out.println("The role at work:");
        out.printf("  on the instance, temporary credentials from IMDSv2: access key %s, expiring %s (secret and token never left the instance)%n",
                proof.accessKeyId(), proof.expiration());
        out.printf("  on the instance, STS says it is: %s%n", proof.assumedRoleArn());
        if (proof.image() != null) {
            out.printf("  in ECR: %s:%s, %s, %.1f MB, pushed %s%n", spec.names().repository(), proof.image().tag(), proof.image().digest(),
                    proof.image().sizeBytes() / 1e6, proof.image().pushedAt());
        } else {
            out.printf("  in ECR: no image tagged %s was found%n", spec.tag());
        }
        out.println("  IAM policy simulator for the role:");
        proof.onThisRepository().forEach((a, d) -> out.printf("    %-34s on %-24s %s%n", a, spec.names().repository(), d));
        proof.onAnotherRepository().forEach((a, d) -> out.printf("    %-34s on %-24s %s%n", a, "some-other-repository", d));
        proof.login().forEach((a, d) -> out.printf("    %-34s on %-24s %s%n", a, "*", d));
        out.println(proof.pushAllowedOnlyHere() ? "  → the role may push to this repository and nowhere else: least privilege holds."
                : "  → the simulator's answers differ from the least-privilege policy; look at the policy attached to the role.");
        out.println();
    }
}
