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
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Nothing not the lab's own is deleted: before deleting by name, the resource must still carry the
 * lab's tag and match what the ledger recorded (key pair id, creation date), else it is a same-named
 * replacement, left alone and reported. A "not found" for something made within the cloud's settling
 * window is not taken as "gone" (AWS is eventually consistent): it is asked again until AWS shows it or
 * the window has passed. An instance id EC2 does not know falls back to the lab's tag.
 */
public final class Teardown {

    /**
     * @param deleteLocalKey also delete the private key file RoleLab generated. One rule for every way a lab is removed
     *                       (the Clean up page, {@code up --down-after}, {@code down}, a rollback, {@code sweep}):
     *                       {@link #STANDARD} unless the user asked to keep the key ({@link #keepingKey(boolean)}).
     */
    public record Options(boolean deleteLocalKey) {
        /** The rule, in the words the Clean up page and the CLI's help use. */
        public static final String KEY_RULE = "The private key RoleLab generated goes with its lab: it opens nothing once the instance is gone.";

        public static final Options STANDARD = new Options(true);

        /** {@link #STANDARD}, or the key kept because the user asked (the box on Clean up, {@code --keep-key}). */
        public static Options keepingKey(boolean keep) {
            return keep ? new Options(false) : STANDARD;
        }
    }

    /** How teardown ended: what failed, worded for a person (empty when everything is gone). */
    public record Result(List<String> failures) {
        public boolean clean() {
            return failures.isEmpty();
        }
    }

    private final Cloud cloud;
    private final Executor executor;
    private volatile Retry retry;

    public Teardown(Cloud cloud, Executor executor) {
        this.cloud = cloud;
        this.executor = executor;
        this.retry = new Retry(Retry.standard().deadline(), cloud.settling().pause());
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
                        e -> e.kind() == CloudException.Kind.CONFLICT || e.kind() == CloudException.Kind.THROTTLED || e instanceof NotVisibleYet,
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

    /**
     * A resource made moments ago that AWS does not show yet (eventual consistency): a "not found" then is no
     * proof that it is gone, so teardown asks again instead of writing it off.
     */
    static final class NotVisibleYet extends CloudException {
        NotVisibleYet(ResourceKind kind, String name, String code) {
            super(Kind.NOT_FOUND, code, "describe", "the " + kind.title() + " " + name + " not visible yet (made moments ago, so AWS"
                    + " not finding it does not prove it is gone)", "wait a minute and run `rolelab down` again", null);
        }
    }

    /** The code AWS answers when it does not find a resource of this kind. */
    private static String notFoundCode(ResourceKind kind) {
        return switch (kind) {
            case REPOSITORY -> "RepositoryNotFoundException";
            case SECURITY_GROUP -> "InvalidGroup.NotFound";
            case KEY_PAIR -> "InvalidKeyPair.NotFound";
            case INSTANCE -> "InvalidInstanceID.NotFound";
            default -> "NoSuchEntity";
        };
    }

    /** Whether the entry was written so lately that AWS may not show the resource yet. */
    private boolean recent(LedgerEntry entry) {
        return entry.updated() != null && Duration.between(entry.updated(), Instant.now()).compareTo(cloud.settling().window()) < 0;
    }

    /**
     * Whether what AWS shows under the ledger's name is a same-named replacement: another id where the id is
     * unique (key pair), or made after the ledger recorded its own (with five minutes for the clocks to differ).
     */
    private static boolean replaced(LedgerEntry entry, Ownership found) {
        if (entry.id() == null || entry.state() != LedgerEntry.State.CREATED) {
            return false;
        }
        if (entry.kind() == ResourceKind.KEY_PAIR && !entry.id().equals(found.id())) {
            return true;
        }
        return found.created() != null && entry.updated() != null && found.created().isAfter(entry.updated().plus(CLOCK_SLACK));
    }

    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    private String delete(Ledger ledger, LedgerEntry entry, Options options, Events events, String title) {
        ResourceKind kind = entry.kind();
        String id = entry.id();
        if (kind == ResourceKind.INSTANCE) {
            return terminate(ledger, entry, events, title);
        }
        // delete by name only what is still the lab's own: the tag, and the id or creation date the ledger knows
        boolean byName = kind == ResourceKind.REPOSITORY || kind == ResourceKind.POLICY || kind == ResourceKind.ROLE
                || kind == ResourceKind.INSTANCE_PROFILE || kind == ResourceKind.KEY_PAIR || kind == ResourceKind.SECURITY_GROUP && id == null;
        if (byName) {
            Ownership o = cloud.ownership(kind, entry.name(), ledger.labId());
            switch (o.state()) {
                case ABSENT -> {
                    if (recent(entry)) {
                        throw new NotVisibleYet(kind, entry.name(), notFoundCode(kind));
                    }
                    ledger.deleted(kind);
                    return entry.name() + (id == null ? " was never created" : " was already gone");
                }
                case NOT_OURS -> {
                    ledger.notOurs(kind);
                    return entry.name() + (id == null ? " exists but was not created by this lab: left alone"
                            : " is not the one this lab created (no rolelab:lab=" + ledger.labId() + " tag): a same-named replacement, left alone");
                }
                default -> {
                    if (replaced(entry, o)) {
                        ledger.notOurs(kind);
                        String why = kind == ResourceKind.KEY_PAIR && !id.equals(o.id()) ? "its id is " + o.id() + ", this lab's was " + id
                                : "it was made " + o.created() + ", after this lab's";
                        return entry.name() + " is not the one this lab created (" + why + "): a same-named replacement, left alone";
                    }
                    id = id == null ? o.id() : id;
                }
            }
        }
        switch (kind) {
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
        return switch (kind) {
            // a link is undone, not deleted: say what it joined (its name and id are the same word "containerise" by default)
            case ROLE_IN_PROFILE -> "role " + id + " taken out of instance profile " + entry.name();
            case POLICY_ATTACHMENT -> "policy " + id.substring(id.lastIndexOf('/') + 1) + " detached from role " + entry.name();
            default -> entry.name() + (id != null && !id.equals(entry.name()) ? " (" + id + ")" : "") + " deleted";
        };
    }

    /**
     * Terminates the lab's instance. Its id must be confirmed first (described): a NotFound for an instance
     * launched moments ago is eventual consistency, not proof; an id EC2 no longer knows (or a ledger's
     * wrong one) falls back to the lab's tag, so such a ledger never makes {@code down} fail for ever.
     */
    private String terminate(Ledger ledger, LedgerEntry entry, Events events, String title) {
        String id = entry.id();
        boolean seen = id != null && visible(id);
        if (!seen) {
            Ownership o = cloud.ownership(ResourceKind.INSTANCE, entry.name(), ledger.labId());
            if (o.state() == Ownership.State.OURS) {
                id = o.id();
            } else if (recent(entry)) {
                throw new NotVisibleYet(ResourceKind.INSTANCE, id == null ? entry.name() : id, notFoundCode(ResourceKind.INSTANCE));
            } else {
                ledger.deleted(ResourceKind.INSTANCE);
                return id == null ? entry.name() + " was never launched" : id + " no longer exists, and no instance carries this lab's tag";
            }
        }
        String instance = id;
        cloud.terminate(instance);
        String[] last = {null};
        cloud.waitUntilTerminated(instance, state -> {
            if (!state.equals(last[0])) {
                last[0] = state;
                events.emit(Event.of(Event.Type.PROGRESS, ResourceKind.INSTANCE, title, instance + " is " + state));
            }
        });
        ledger.deleted(ResourceKind.INSTANCE);
        return entry.name() + " (" + instance + ") deleted";
    }

    /** Whether EC2 finds the instance by its id (a malformed or unknown id: no). */
    private boolean visible(String instanceId) {
        try {
            cloud.instance(instanceId);
            return true;
        } catch (CloudException e) {
            if (e.kind() == CloudException.Kind.NOT_FOUND || "InvalidInstanceID.Malformed".equals(e.code())) {
                return false;
            }
            throw e;
        }
    }
}
