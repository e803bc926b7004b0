package dev.rolelab.lab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one lab has created, written to disk before each create (intent) and after it (id), so that a
 * crash at any instant leaves enough to remove everything. Thread-safe: parallel steps record into it.
 */
public final class Ledger {

    /** Where the lab is in its life. */
    public enum Status { PROVISIONING, READY, FAILED, TEARING_DOWN, REMOVED }

    /** Where (and how) the lab lives: enough for a later {@code down} in a fresh process. */
    public record Context(String labId, String region, String profile, String endpointUrl, boolean practice,
                          Instant created) { }

    /** The persisted form. */
    public record Snapshot(Context context, LabSpec spec, String account, Status status, List<LedgerEntry> entries) { }

    private final LedgerStore store;
    private final Context context;
    private final LabSpec spec;
    private String account;
    private Status status;
    private final Map<ResourceKind, LedgerEntry> entries = new EnumMap<>(ResourceKind.class);
    private final List<String> warnings = new ArrayList<>();
    // the file's bytes as this copy last read or wrote them: a copy older than the file is never written over it
    private byte[] stamp;
    private String unsaved;

    Ledger(LedgerStore store, Snapshot s, byte[] stamp) {
        this.store = store;
        this.stamp = stamp;
        this.context = s.context();
        this.spec = s.spec();
        this.account = s.account();
        this.status = s.status();
        s.entries().forEach(e -> entries.put(e.kind(), e));
    }

    public String labId() {
        return context.labId();
    }

    public Context context() {
        return context;
    }

    public LabSpec spec() {
        return spec;
    }

    public synchronized Optional<String> account() {
        return Optional.ofNullable(account);
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized void account(String value) {
        account = value;
        save();
    }

    /** Written if the disk lets it: a status is never worth stopping a rollback for (see {@link #unsaved}). */
    public synchronized void status(Status value) {
        status = value;
        saveIfPossible();
    }

    /** Records that {@code kind} named {@code name} is about to be created. Written before the call. */
    public synchronized void intend(ResourceKind kind, String name) {
        entries.put(kind, new LedgerEntry(kind, name, null, LedgerEntry.State.CREATING, Instant.now()));
        save();
    }

    /** Records the intent to create a link (or file) whose id is known up front. */
    public synchronized void intend(ResourceKind kind, String name, String id) {
        entries.put(kind, new LedgerEntry(kind, name, id, LedgerEntry.State.CREATING, Instant.now()));
        save();
    }

    public synchronized void kept(ResourceKind kind) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.KEPT, entry(kind).id()));
        saveIfPossible();
    }

    /** Records the id AWS returned. Written as soon as the call returns. */
    public synchronized void created(ResourceKind kind, String id) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.CREATED, id));
        save();
    }

    /** Records the id of something whose create is still under way (e.g. a launching instance). */
    public synchronized void identified(ResourceKind kind, String id) {
        entries.put(kind, entry(kind).with(entry(kind).state(), id));
        save();
    }

    /**
     * Written if the disk lets it: a rollback on a full disk must still go on. A copy on disk that still
     * lists a deleted resource is safe (deleting what is gone counts as done).
     */
    public synchronized void deleted(ResourceKind kind) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.DELETED, entry(kind).id()));
        saveIfPossible();
    }

    public synchronized void notOurs(ResourceKind kind) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.NOT_OURS, entry(kind).id()));
        saveIfPossible();
    }

    /** What reading the ledger refused to trust (e.g. a key path outside RoleLab's keys folder), worded. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Why the last write did not reach the disk, if it did not (the copy in memory is still exact). */
    public synchronized Optional<String> unsaved() {
        return Optional.ofNullable(unsaved);
    }

    public synchronized Optional<LedgerEntry> get(ResourceKind kind) {
        return Optional.ofNullable(entries.get(kind));
    }

    public synchronized List<LedgerEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    @JsonIgnore
    public synchronized List<LedgerEntry> live() {
        return entries.values().stream().filter(LedgerEntry::live).toList();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(context, spec, account, status, new ArrayList<>(entries.values()));
    }

    private LedgerEntry entry(ResourceKind kind) {
        LedgerEntry e = entries.get(kind);
        if (e == null) {
            throw new IllegalStateException("the ledger has no " + kind + " to update");
        }
        return e;
    }

    /** Marks an entry read from disk as not RoleLab's, so nothing removes it; in memory until the next write. */
    /** Something the store did to this lab's files that a person must be told (e.g. an unreadable ledger moved aside). */
    synchronized void warn(String what) {
        warnings.add(what);
    }

    synchronized void disown(ResourceKind kind, String why) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.NOT_OURS, entry(kind).id()));
        warnings.add(why);
    }

    synchronized byte[] stamp() {
        return stamp;
    }

    synchronized void stamp(byte[] value) {
        stamp = value;
    }

    /** Intents and ids must reach the disk before the next call: a failure here stops the step. */
    private void save() {
        store.write(this);
        unsaved = null;
    }

    private void saveIfPossible() {
        try {
            save();
        } catch (LedgerStore.Unwritable e) {
            unsaved = e.getMessage();
        }
    }
}
