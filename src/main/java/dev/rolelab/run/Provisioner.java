package dev.rolelab.run;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.CreatedKey;
import dev.rolelab.cloud.Identity;
import dev.rolelab.cloud.Instance;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.cloud.Network;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Creates the lab's resources: the {@link Step} graph run with independent calls in parallel, each
 * create recorded in the ledger before (intent) and after (id). A failure part-way rolls back what was
 * made, unless asked not to; a cancel stops new calls, lets running ones finish, then rolls back.
 */
public final class Provisioner {

    public enum Outcome { READY, FAILED, CANCELLED }

    /** What the next stage (SSH) needs. */
    public record Provisioned(String account, String instanceId, String publicIp, Path privateKey,
                              String repositoryArn, String roleArn) { }

    /** How provisioning ended; {@code failure} is worded for a person. */
    /**
     * The step whose failure the result describes: the one that failed first in time (the failure reported),
     * not the first failed one in step order, which would put one step's name on another step's error.
     */
    static Step failedStep(StepGraph.Outcome<Step> outcome) {
        Step inOrder = null;
        for (Map.Entry<Step, Throwable> e : outcome.failures().entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof StepGraph.NotRun)) {
                if (e.getValue() == outcome.firstFailure()) {
                    return e.getKey();
                }
                inOrder = inOrder == null ? e.getKey() : inOrder;
            }
        }
        return inOrder;
    }

    public record Result(Outcome outcome, String failure, Step failedStep, Provisioned lab,
                         Map<Step, Long> stepMillis) { }

    private final Cloud cloud;
    private final Path keysFolder;
    private final Executor executor;
    private final Teardown teardown;

    public Provisioner(Cloud cloud, Path keysFolder, Executor executor) {
        this.cloud = cloud;
        this.keysFolder = keysFolder;
        this.executor = executor;
        this.teardown = new Teardown(cloud, executor);
    }

    /** Provisions in the plan's parallel order. */
    public Result provision(Ledger ledger, Cancel cancel, Events events, boolean rollbackOnFailure) {
        return run(ledger, Step.topological(), cancel, events, rollbackOnFailure, executor);
    }

    /** Provisions one call at a time in the tutorial's order (the benchmark's baseline). */
    public Result provisionSequentially(Ledger ledger, Cancel cancel, Events events, boolean rollbackOnFailure) {
        return run(ledger, Step.TUTORIAL_ORDER, cancel, events, rollbackOnFailure, Runnable::run);
    }

    private Result run(Ledger ledger, List<Step> order, Cancel cancel, Events events, boolean rollback, Executor ex) {
        Facts facts = new Facts(ledger.spec(), ledger.labId(), cancel);
        Map<Step, Long> millis = new ConcurrentHashMap<>();
        StepGraph.Outcome<Step> outcome = StepGraph.run(order, Step::needs, step -> {
            events.emit(Event.of(Event.Type.STARTED, step, step.title(), ""));
            long t0 = System.nanoTime();
            try {
                String detail = perform(step, ledger, facts, events);
                millis.put(step, (System.nanoTime() - t0) / 1_000_000);
                events.emit(Event.of(Event.Type.DONE, step, step.title(), detail));
            } catch (RuntimeException | IOException e) {
                if (!(e instanceof StepGraph.NotRun)) {
                    events.emit(Event.of(Event.Type.FAILED, step, step.title(), Failures.describe(e)));
                }
                throw e;
            }
        }, ex, cancel::requested, true);

        if (outcome.succeeded()) {
            ledger.status(Ledger.Status.READY);
            return new Result(Outcome.READY, null, null, facts.provisioned(), durations(millis));
        }
        Step failed = failedStep(outcome);
        for (Map.Entry<Step, Throwable> e : outcome.failures().entrySet()) {
            if (e.getValue() instanceof StepGraph.NotRun n) {
                events.emit(Event.of(Event.Type.SKIPPED, e.getKey(), e.getKey().title(), n.getMessage()));
            }
        }
        if (outcome.firstFailure() instanceof Error err) {
            throw err; // the process is going down: leave the ledger as it is for a later `down`
        }
        boolean cancelled = failed == null && cancel.requested();
        String why = cancelled ? "cancelled" : Failures.describe(outcome.firstFailure());
        ledger.status(Ledger.Status.FAILED);
        if (rollback) {
            events.emit(Event.of(Event.Type.INFO, "", "Rolling back", (cancelled ? "Cancelled" : "Provisioning failed")
                    + (ledger.entries().isEmpty() ? "; nothing was created, so there is nothing to remove" : "; removing what was created")));
            teardown.run(ledger, Teardown.Options.STANDARD, events);
        } else {
            events.emit(Event.of(Event.Type.INFO, "", "Kept", ledger.entries().isEmpty() ? "Nothing was created"
                    : "What was created is kept; remove it with: rolelab down --lab " + ledger.labId()));
        }
        return new Result(cancelled ? Outcome.CANCELLED : Outcome.FAILED, why, failed, null, durations(millis));
    }

    private static Map<Step, Long> durations(Map<Step, Long> millis) {
        Map<Step, Long> out = new EnumMap<>(Step.class);
        out.putAll(millis);
        return out;
    }

    private String perform(Step step, Ledger ledger, Facts f, Events events) throws IOException {
        LabSpec spec = f.spec;
        switch (step) {
            case IDENTITY -> {
                Identity id = cloud.identity();
                f.account = id.account();
                ledger.account(id.account());
                return "account " + id.account() + " as " + id.arn();
            }
            case NETWORK -> {
                f.network = cloud.network(spec.instanceType(), spec.subnet());
                return f.network.subnetId() + " in " + f.network.availabilityZone() + " (" + f.network.vpcId() + ")";
            }
            case AMI -> {
                f.ami = cloud.latestAmi(spec.architecture());
                return f.ami + " (" + spec.architecture().awsName() + ")";
            }
            case REPOSITORY -> {
                String name = spec.names().repository();
                ledger.intend(ResourceKind.REPOSITORY, name);
                f.repositoryArn = refusable(ledger, ResourceKind.REPOSITORY, () -> cloud.createRepository(name, f.labId));
                ledger.created(ResourceKind.REPOSITORY, f.repositoryArn);
                return f.repositoryArn;
            }
            case POLICY -> {
                String name = spec.names().policy();
                String document = spec.permissionsPolicy() != null ? spec.permissionsPolicy()
                        : Json.pretty(PolicyDocuments.permissions(cloud.regions().partition(spec.region()), spec.region(), f.account, spec.names().repository()));
                ledger.intend(ResourceKind.POLICY, name);
                f.policyArn = refusable(ledger, ResourceKind.POLICY, () -> cloud.createPolicy(name, document, f.labId));
                ledger.created(ResourceKind.POLICY, f.policyArn);
                return f.policyArn;
            }
            case ROLE -> {
                String name = spec.names().role();
                ledger.intend(ResourceKind.ROLE, name);
                f.roleArn = refusable(ledger, ResourceKind.ROLE, () -> cloud.createRole(name, Json.pretty(PolicyDocuments.trust(cloud.regions().partition(spec.region()))), f.labId));
                ledger.created(ResourceKind.ROLE, f.roleArn);
                return f.roleArn;
            }
            case POLICY_ATTACHMENT -> {
                ledger.intend(ResourceKind.POLICY_ATTACHMENT, spec.names().role(), f.policyArn);
                iamLinking().whileSettling(() -> cloud.attachRolePolicy(spec.names().role(), f.policyArn),
                        "role " + spec.names().role() + " or policy " + spec.names().policy(), Set.of("NoSuchEntity"), retrying(step, events, f));
                ledger.created(ResourceKind.POLICY_ATTACHMENT, f.policyArn);
                return spec.names().policy() + " → " + spec.names().role();
            }
            case INSTANCE_PROFILE -> {
                String name = spec.names().instanceProfile();
                ledger.intend(ResourceKind.INSTANCE_PROFILE, name);
                String arn = refusable(ledger, ResourceKind.INSTANCE_PROFILE, () -> cloud.createInstanceProfile(name, f.labId));
                ledger.created(ResourceKind.INSTANCE_PROFILE, arn);
                return arn;
            }
            case ROLE_IN_PROFILE -> {
                ledger.intend(ResourceKind.ROLE_IN_PROFILE, spec.names().instanceProfile(), spec.names().role());
                iamLinking().whileSettling(() -> cloud.addRoleToInstanceProfile(spec.names().instanceProfile(), spec.names().role()),
                        "instance profile " + spec.names().instanceProfile() + " or role " + spec.names().role(), Set.of("NoSuchEntity"),
                        retrying(step, events, f));
                ledger.created(ResourceKind.ROLE_IN_PROFILE, spec.names().role());
                return spec.names().role() + " → " + spec.names().instanceProfile();
            }
            case SECURITY_GROUP -> {
                String name = spec.names().securityGroup();
                ledger.intend(ResourceKind.SECURITY_GROUP, name);
                f.groupId = refusable(ledger, ResourceKind.SECURITY_GROUP,
                        () -> cloud.createSecurityGroup(name, "RoleLab " + f.labId + ": SSH from one address", f.network.vpcId(), f.labId));
                ledger.created(ResourceKind.SECURITY_GROUP, f.groupId);
                String group = f.groupId;
                Retry.settling(cloud.settling(), cloud.settling().window()).whileSettling(() -> cloud.allowSsh(group, spec.sshCidr()),
                        "security group " + group, Set.of("InvalidGroup.NotFound"), retrying(step, events, f));
                return f.groupId + ", tcp/22 from " + spec.sshCidr();
            }
            case KEY_PAIR -> {
                return keyPair(ledger, f);
            }
            case INSTANCE -> {
                ledger.intend(ResourceKind.INSTANCE, spec.names().instance());
                String id = refusable(ledger, ResourceKind.INSTANCE, () -> cloud.launch(new LaunchRequest(spec.names().instance(), f.labId, f.ami,
                        spec.instanceType(), f.network.subnetId(), f.groupId, spec.key().name(), spec.names().instanceProfile()),
                        retrying(step, events, f)));
                ledger.identified(ResourceKind.INSTANCE, id);
                events.emit(Event.of(Event.Type.PROGRESS, step, step.title(), id + " launched; waiting until it runs"));
                String[] last = {null};
                Instance running = cloud.waitUntilRunning(id, state -> {
                    f.stopIfCancelled();
                    if (!state.equals(last[0])) {
                        last[0] = state;
                        events.emit(Event.of(Event.Type.PROGRESS, step, step.title(), id + " is " + state));
                    }
                }, retrying(step, events, f));
                ledger.created(ResourceKind.INSTANCE, id);
                f.instanceId = id;
                f.publicIp = running.publicIp();
                return id + " running at " + running.publicIp();
            }
            default -> throw new IllegalStateException("no action for " + step);
        }
    }

    /** IAM linking waits for a just-made role, policy or profile to be visible, up to Terraform's two minutes. */
    private Retry iamLinking() {
        return Retry.settling(cloud.settling(), Retry.IAM_PROPAGATION);
    }

    /** A retry line for the step's row; a cancel ends the wait. */
    private static Consumer<String> retrying(Step step, Events events, Facts f) {
        return reason -> {
            f.stopIfCancelled();
            events.emit(Event.of(Event.Type.RETRYING, step, step.title(), reason));
        };
    }

    /**
     * A create that AWS refused made nothing (an error answer is AWS's last word), so the intent is closed at once:
     * rollback then need not wait to be sure a "not found" is not eventual consistency. A clash stays open for
     * teardown to look at (it may be this lab's own create, retried by the SDK), as does a lost connection.
     * A cancel between refused attempts made nothing either.
     */
    private static <T> T refusable(Ledger ledger, ResourceKind kind, Supplier<T> create) {
        try {
            return create.get();
        } catch (CloudException e) {
            if (e.code() != null && e.kind() != CloudException.Kind.CLASH && e.kind() != CloudException.Kind.NETWORK) {
                ledger.deleted(kind);
            }
            throw e;
        } catch (StepGraph.NotRun cancelled) {
            ledger.deleted(kind); // a cancel between refused attempts (RunInstances while the profile propagates): nothing was made
            throw cancelled;
        }
    }

    private String keyPair(Ledger ledger, Facts f) throws IOException {
        KeyChoice key = f.spec.key();
        switch (key.mode()) {
            case GENERATE -> {
                Path file = keysFolder.resolve(f.labId + "_ed25519");
                // the path is RoleLab's only once RoleLab has created it: reserve, then record, so that a
                // file already there stops the step without ever being listed (and so never deleted)
                KeyFiles.reserve(file);
                recordKeyFile(ledger, file);
                String publicLine = KeyFiles.fillWithEd25519(file, "rolelab " + f.labId);
                ledger.created(ResourceKind.LOCAL_KEY_FILE, file.toString());
                f.privateKey = file;
                ledger.intend(ResourceKind.KEY_PAIR, key.name());
                String id = cloud.importKeyPair(key.name(), publicLine, f.labId);
                ledger.created(ResourceKind.KEY_PAIR, id);
                return "ed25519 key generated here (" + file + ", 0600) and imported as " + key.name();
            }
            case AWS -> {
                Path file = keysFolder.resolve(f.labId + ".pem");
                // reserved before the key pair exists: a file in the way stops the step before AWS makes a key
                KeyFiles.reserve(file);
                recordKeyFile(ledger, file);
                ledger.intend(ResourceKind.KEY_PAIR, key.name());
                CreatedKey created = cloud.createKeyPair(key.name(), f.labId);
                ledger.created(ResourceKind.KEY_PAIR, created.keyPairId());
                try {
                    KeyFiles.fill(file, created.privateKey());
                } finally {
                    Arrays.fill(created.privateKey(), '\0');
                }
                ledger.created(ResourceKind.LOCAL_KEY_FILE, file.toString());
                f.privateKey = file;
                return "key pair " + key.name() + " created by AWS; private key saved to " + file + " (0600)";
            }
            default -> {
                f.privateKey = key.privateKeyFile();
                return "using your key pair " + key.name();
            }
        }
    }

    /** Lists a key file just reserved; if the ledger cannot take it, the empty file goes (it is RoleLab's, and unlisted; only a kill -9 in between leaves it, empty). */
    private static void recordKeyFile(Ledger ledger, Path file) throws IOException {
        try {
            ledger.intend(ResourceKind.LOCAL_KEY_FILE, file.toString(), file.toString());
        } catch (RuntimeException | Error e) {
            java.nio.file.Files.deleteIfExists(file);
            throw e;
        }
    }

    /** What the steps learn, shared between them (each field written by one step, read after it). */
    private static final class Facts {
        final LabSpec spec;
        final String labId;
        final Cancel cancel;
        volatile String account;
        volatile Network network;
        volatile String ami;
        volatile String repositoryArn;
        volatile String policyArn;
        volatile String roleArn;
        volatile String groupId;
        volatile Path privateKey;
        volatile String instanceId;
        volatile String publicIp;

        Facts(LabSpec spec, String labId, Cancel cancel) {
            this.spec = spec;
            this.labId = labId;
            this.cancel = cancel;
        }

        /** Long waits end at a cancel; what they waited for is in the ledger, so rollback removes it. */
        void stopIfCancelled() {
            if (cancel.requested()) {
                throw new StepGraph.NotRun("cancelled while waiting");
            }
        }

        Provisioned provisioned() {
            return new Provisioned(account, instanceId, publicIp, privateKey, repositoryArn, roleArn);
        }
    }

}
