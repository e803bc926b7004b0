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

    Ledger(LedgerStore store, Snapshot s) {
        this.store = store;
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

    public synchronized void status(Status value) {
        status = value;
        save();
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
        save();
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

    public synchronized void deleted(ResourceKind kind) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.DELETED, entry(kind).id()));
        save();
    }

    public synchronized void notOurs(ResourceKind kind) {
        entries.put(kind, entry(kind).with(LedgerEntry.State.NOT_OURS, entry(kind).id()));
        save();
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

    private void save() {
        store.write(snapshot());
    }
}
