package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.DataFolder;
import dev.rolelab.practice.PracticeCloud;
import dev.rolelab.practice.PracticeSettings;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Decision;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Provisioner;
import dev.rolelab.run.Teardown;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "up", sortOptions = false, abbreviateSynopsis = true,
        description = {"Perform the whole tutorial, then remove the lab (or keep it, if you say so).",
                "It creates the lab (ECR repository, IAM policy, role and instance profile, security group, key pair, EC2 instance), "
                        + "connects over SSH, installs Docker, builds the image and pushes it with the role's credentials, "
                        + "and shows the role at work.",
                "At the end it asks whether to remove the lab (-y: yes, --keep: no). Without a terminal it does not ask: "
                        + "it keeps the lab unless -y is given.",
                Teardown.Options.KEY_RULE + " Keep it with --keep-key."})
final class UpCommand implements Callable<Integer> {
    @Mixin
    Connection connection;

    @Mixin
    LabOptions options;

    @Option(names = "--keep-on-failure", description = "If creating the lab fails, keep what was created instead of removing it (remove it later with `rolelab down`).")
    boolean keepOnFailure;

    @Option(names = "--accept-host-key", paramLabel = "SHA256:…", description = "Trust this SSH host key fingerprint if the instance prints no host keys on its console.")
    String acceptHostKey;

    @Option(names = {"-y", "--yes", "--down-after"}, description = "Answer yes at the end without asking: remove everything once the tutorial "
            + "is done or a step on the instance failed. It never opens SSH to the internet (--yes-open-ssh) or trusts an "
            + "unknown host key (--accept-host-key).")
    boolean downAfter;

    @Option(names = "--keep-key", description = "When the lab is removed, keep the private key file RoleLab generated for it.")
    boolean keepKey;

    @Option(names = "--keep", description = "Keep the lab when the tutorial is done, without asking (remove it later with `rolelab down`).")
    boolean keep;

    @Option(names = "--practice-fail", paramLabel = "STEP", hidden = true,
            description = "Practice mode: make this remote step fail once (trainers demoing a failure), e.g. push.")
    String practiceFail;

    @Option(names = "--create-default-vpc", description = "If the region has no default VPC, create one first. It is kept afterwards: it belongs to the account, not to the lab.")
    boolean createDefaultVpc;

    @Spec
    CommandSpec command;

    @ParentCommand
    RoleLabCommand rolelab;

    private static void ensureDefaultVpc(Cloud cloud, LabSpec spec, PrintWriter out) {
        try {
            cloud.network(spec.instanceType(), null);
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NO_DEFAULT_VPC) {
                throw e;
            }
            java.util.Optional<String> made = dev.rolelab.run.DefaultVpc.create(cloud);
            if (made.isPresent()) {
                out.printf("Created the default VPC %s in %s (kept afterwards: it belongs to the account, not to the lab).%n", made.get(), spec.region());
            } else {
                out.printf("%s has a default VPC now (made since RoleLab looked): it is used.%n", spec.region());
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try (Wiring w = new Wiring()) {
            Checks.beforeWiring(connection);
            Cloud cloud = w.cloud(connection);
            if (connection.practice) {
                out.println("** " + PracticeCloud.SIMULATION + " **");
                PracticeSettings.mistakes().forEach(m -> err.println("rolelab: warning: " + DataFolder.printable(m)));
            }
            LabSpec draft = options.draft(w.region(connection));
            Checks.beforeAnyCall(connection, draft, options.detectsCidr(), cloud.knownRegions(), optionProblems(), err);
            // the input is good: now the data folder must take a ledger (and the practice account) before any call
            w.ledgers.checkWritable();
            LabSpec spec = options.withCidr(draft, cloud);
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
            Printer printer = new Printer(out, rolelab.terminal());
            try (Interrupts interrupts = new Interrupts(cancel, err)) {
                result = new Provisioner(cloud, w.keysFolder(), w.executor).provision(ledger, cancel, printer, !keepOnFailure);
                if (interrupts.signalled()) {
                    return ExitCodes.CANCELLED;
                }
            }
            boolean nothingMade = ledger.entries().isEmpty();
            switch (result.outcome()) {
                case READY -> {
                    Provisioner.Provisioned p = result.lab();
                    out.printf("%nReady: instance %s at %s%s with role %s.%n%n", p.instanceId(), p.publicIp(),
                            connection.practice ? " (simulated)" : "", spec.names().role());
                    out.flush();
                    return onTheInstance(w, cloud, spec, ledger, p, printer, out, err);
                }
                case CANCELLED -> {
                    err.println("rolelab: cancelled; " + (keepOnFailure ? "kept what was created" : "removed what was created"));
                    return ExitCodes.CANCELLED;
                }
                default -> {
                    err.println("rolelab: " + (result.failedStep() == null ? "" : result.failedStep().title() + " failed: ") + result.failure());
                    err.println(nothingMade ? "Nothing was created."
                            : keepOnFailure ? "What was created is kept: rolelab down --lab " + ledger.labId()
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
            Teardown.Result t = new Teardown(cloud, w.executor).run(ledger, Teardown.Options.keepingKey(keepKey), printer);
            if (!t.clean()) {
                t.failures().forEach(f -> err.println("rolelab: not removed: " + f));
                return ExitCodes.CLOUD_FAILED;
            }
            out.printf("Lab %s removed: nothing is left in the account.%n", ledger.labId());
        } else {
            if (connection.practice) {
                // a simulation: nothing to pay, and no ssh command to an address that only the simulator knows
                out.printf("The lab is kept in the simulated account (nothing is billed: practice mode is a simulation). Remove it with: rolelab down --lab %s%n",
                        ledger.labId());
                out.printf("No SSH: %s is a simulated address that cannot be reached; a real lab prints the ssh command here.%n", p.publicIp());
            } else {
                out.printf("The lab is kept (it costs about a cent per half hour). Remove it with: rolelab down --lab %s%n", ledger.labId());
                out.printf("SSH in yourself: ssh -i %s ec2-user@%s%n", p.privateKey(), p.publicIp());
            }
        }
        out.printf("Lab id: %s%n", ledger.labId());
        return code;
    }

    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    /** up's own options: contradictions and options this mode ignores, found before any call. */
    List<Problem> optionProblems() {
        List<Problem> out = new ArrayList<>(options.ignored());
        if (keep && downAfter) {
            out.add(Problem.error("keep", "asks to keep the lab, and --down-after (also given as -y or --yes) asks to remove it when done: choose one"));
        }
        if (acceptHostKey != null && !FINGERPRINT.matcher(acceptHostKey).matches()) {
            out.add(Problem.error("accept-host-key", LabRules.shown(acceptHostKey)
                    + " is not a host key fingerprint as ssh-keygen -l prints it: SHA256: and 43 base64 characters"));
        }
        if (practiceFail != null && !connection.practice) {
            out.add(Problem.error("practice-fail", "only works in practice mode (--practice): a real instance is not made to fail"));
        }
        if (createDefaultVpc && options.subnet != null) {
            out.add(Problem.warning("create-default-vpc", "is ignored: --subnet picks the network"));
        }
        return out;
    }

    private boolean cleanUpNow(PrintWriter out) {
        if (downAfter || keep) {
            return downAfter;
        }
        out.flush();
        // without a terminal nobody can answer: the lab is kept, and the lines after say how to remove it
        return rolelab.terminal().confirm("Remove everything now?", true, false);
    }

    private boolean confirmHostKey(String fingerprint, PrintWriter err) {
        if (acceptHostKey != null) {
            boolean same = acceptHostKey.equals(fingerprint);
            if (!same) {
                err.printf("rolelab: the instance presents %s, not the %s given with --accept-host-key%n", fingerprint, acceptHostKey);
            }
            return same;
        }
        Terminal terminal = rolelab.terminal();
        if (!terminal.interactive()) {
            err.printf("rolelab: the instance printed no host keys; it presents %s. Check it (EC2 console → instance → "
                    + "Monitor and troubleshoot → Get system log) and pass --accept-host-key %s to trust it.%n", fingerprint, fingerprint);
            return false;
        }
        err.flush();
        return terminal.confirm(String.format("The instance printed no host keys on its console. It presents%n  %s%nTrust this key?",
                fingerprint), false, false);
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
        String other = "some-other-repository";
        // columns as wide as their widest cell: a long repository name must not push the answers out of line
        int actions = java.util.stream.Stream.of(proof.onThisRepository(), proof.onAnotherRepository(), proof.login())
                .flatMap(m -> m.keySet().stream()).mapToInt(String::length).max().orElse(0);
        String row = "    %-" + actions + "s  on %-" + Math.max(spec.names().repository().length(), other.length()) + "s  %s%n";
        proof.onThisRepository().forEach((a, d) -> out.printf(row, a, spec.names().repository(), Decision.of(d).words()));
        proof.onAnotherRepository().forEach((a, d) -> out.printf(row, a, other, Decision.of(d).words()));
        proof.login().forEach((a, d) -> out.printf(row, a, "*", Decision.of(d).words()));
        out.println(proof.pushAllowedOnlyHere() ? "  → the role may push to this repository and nowhere else: least privilege holds."
                : "  → the simulator's answers differ from the least-privilege policy; look at the policy attached to the role.");
        out.println();
    }
}
