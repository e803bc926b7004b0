package dev.rolelab.run;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.TeardownOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Removes what a ledger lists, in dependency order, independent branches side by side. Each deletion
 * is idempotent (gone counts as done), retried while AWS still holds a dependency, and recorded.
 * Works from any ledger state, including intents whose id never arrived: such a resource is looked up
 * by name and deleted only if it carries this lab's tag.
 */
public final class Teardown {

    /** @param deleteLocalKey also delete the private key file RoleLab generated (the user agreed) */
    public record Options(boolean deleteLocalKey) { }

    /** How teardown ended: what failed, worded for a person (empty when everything is gone). */
    public record Result(List<String> failures) {
        public boolean clean() {
            return failures.isEmpty();
        }
    }

    private final Cloud cloud;
    private final Executor executor;
    private volatile Retry retry = Retry.standard();

    public Teardown(Cloud cloud, Executor executor) {
        this.cloud = cloud;
        this.executor = executor;
    }

    /** Tests shorten the waits for AWS to let go of a dependency. */
    public Teardown retry(Retry value) {
        this.retry = value;
        return this;
    }

    public Result run(Ledger ledger, Options options, Events events) {
        ledger.status(Ledger.Status.TEARING_DOWN);
        StepGraph.Outcome<ResourceKind> outcome = StepGraph.run(TeardownOrder.ORDER, TeardownOrder::mustGoFirst, kind -> {
            Optional<LedgerEntry> entry = ledger.get(kind);
            if (entry.isEmpty() || !entry.get().live()) {
                return;
            }
            String title = title(kind);
            events.emit(Event.of(Event.Type.STARTED, kind, title, entry.get().name()));
            try {
                String detail = retry.call(() -> delete(ledger, entry.get(), options, events, title),
                        e -> e.kind() == CloudException.Kind.CONFLICT || e.kind() == CloudException.Kind.THROTTLED,
                        reason -> events.emit(Event.of(Event.Type.RETRYING, kind, title, reason)));
                events.emit(Event.of(Event.Type.DONE, kind, title, detail));
            } catch (RuntimeException e) {
                events.emit(Event.of(Event.Type.FAILED, kind, title, Failures.describe(e)));
                throw e;
            }
        }, executor, () -> false, false);

        List<String> failures = new ArrayList<>();
        for (Map.Entry<ResourceKind, Throwable> e : outcome.failures().entrySet()) {
            if (e.getValue() != null) {
                failures.add(e.getKey().title() + ": " + Failures.describe(e.getValue()));
            }
        }
        ledger.status(failures.isEmpty() ? Ledger.Status.REMOVED : Ledger.Status.FAILED);
        return new Result(failures);
    }

    /** What removing a kind of resource is called. */
    public static String title(ResourceKind kind) {
        return switch (kind) {
            case POLICY_ATTACHMENT -> "Detach the policy from the role";
            case ROLE_IN_PROFILE -> "Remove the role from the instance profile";
            case INSTANCE -> "Terminate the EC2 instance";
            case LOCAL_KEY_FILE -> "Private key file on this computer";
            default -> "Delete the " + kind.title();
        };
    }

    private String delete(Ledger ledger, LedgerEntry entry, Options options, Events events, String title) {
        ResourceKind kind = entry.kind();
        String id = entry.id();
        if (id == null && kind.named()) {
            Ownership o = cloud.ownership(kind, entry.name(), ledger.labId());
            switch (o.state()) {
                case ABSENT -> {
                    ledger.deleted(kind);
                    return entry.name() + " was never created";
                }
                case NOT_OURS -> {
                    ledger.notOurs(kind);
                    return entry.name() + " exists but was not created by this lab: left alone";
                }
                default -> id = o.id();
            }
        }
        switch (kind) {
            case INSTANCE -> {
                cloud.terminate(id);
                String instance = id;
                String[] last = {null};
                cloud.waitUntilTerminated(id, state -> {
                    if (!state.equals(last[0])) {
                        last[0] = state;
                        events.emit(Event.of(Event.Type.PROGRESS, kind, title, instance + " is " + state));
                    }
                });
            }
            case SECURITY_GROUP -> cloud.deleteSecurityGroup(id);
            case KEY_PAIR -> cloud.deleteKeyPair(entry.name());
            case LOCAL_KEY_FILE -> {
                if (!options.deleteLocalKey()) {
                    ledger.kept(kind);
                    return "kept " + entry.name();
                }
                try {
                    Files.deleteIfExists(Path.of(entry.name()));
                } catch (IOException e) {
                    throw new CloudException(CloudException.Kind.OTHER, null, "local file", "cannot delete " + entry.name() + ": " + e.getMessage(),
                            "delete the file by hand", e);
                }
            }
            case ROLE_IN_PROFILE -> cloud.removeRoleFromInstanceProfile(entry.name(), id);
            case INSTANCE_PROFILE -> cloud.deleteInstanceProfile(entry.name());
            case POLICY_ATTACHMENT -> cloud.detachRolePolicy(entry.name(), id);
            case ROLE -> cloud.deleteRole(entry.name());
            case POLICY -> cloud.deletePolicy(id);
            case REPOSITORY -> cloud.deleteRepository(entry.name());
            default -> throw new IllegalStateException("no teardown for " + kind);
        }
        ledger.deleted(kind);
        boolean link = kind == ResourceKind.POLICY_ATTACHMENT || kind == ResourceKind.ROLE_IN_PROFILE;
        return entry.name() + (id != null && !id.equals(entry.name()) ? " (" + id + ")" : "") + (link ? " done" : " deleted");
    }
}
