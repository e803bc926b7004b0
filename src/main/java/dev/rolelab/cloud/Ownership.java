package dev.rolelab.cloud;

import java.time.Instant;

/**
 * Whether a named resource exists and carries this lab's tag: only then may RoleLab delete it.
 *
 * @param created when AWS says it was made, where AWS says so (null otherwise): a resource made after the
 *                ledger recorded its own is a same-named replacement
 */
public record Ownership(State state, String id, Instant created) {
    public enum State { ABSENT, OURS, NOT_OURS }

    public Ownership(State state, String id) {
        this(state, id, null);
    }

    public static Ownership absent() {
        return new Ownership(State.ABSENT, null);
    }

    public static Ownership ours(String id) {
        return new Ownership(State.OURS, id);
    }

    public static Ownership notOurs(String id) {
        return new Ownership(State.NOT_OURS, id);
    }

    /** The same answer with AWS's creation date. */
    public Ownership createdAt(Instant value) {
        return new Ownership(state, id, value);
    }
}
