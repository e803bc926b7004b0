package dev.rolelab.lab;

import java.time.Instant;

/**
 * One resource as the ledger knows it.
 *
 * @param name the name the lab gave it (or, for links, what they link)
 * @param id   the id or ARN AWS returned, or null while only the intent is recorded
 */
public record LedgerEntry(ResourceKind kind, String name, String id, State state, Instant updated) {

    public enum State {
        /** About to be created: the create call may or may not have reached AWS. */
        CREATING,
        /** Exists; {@code id} says which. */
        CREATED,
        /** Removed (or found already gone). */
        DELETED,
        /** Found but not tagged by this lab, so left alone. */
        NOT_OURS,
        /** Left in place at the user's wish (the local private key file). */
        KEPT
    }

    public boolean live() {
        return state == State.CREATING || state == State.CREATED;
    }

    LedgerEntry with(State newState, String newId) {
        return new LedgerEntry(kind, name, newId, newState, Instant.now());
    }
}
