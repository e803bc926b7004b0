package dev.rolelab.run;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerEntry;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Finds what RoleLab tagged in a region that no ledger on this computer lists (a lost ledger, another
 * machine's lab) and, when confirmed, removes it through the same teardown.
 */
public final class Sweep {

    /** Orphans grouped by the lab id in their tag. */
    public record Found(Map<String, List<TaggedResource>> byLab) {
        public boolean empty() {
            return byLab.isEmpty();
        }
    }

    private final Cloud cloud;
    private final LedgerStore store;
    private final Executor executor;

    public Sweep(Cloud cloud, LedgerStore store, Executor executor) {
        this.cloud = cloud;
        this.store = store;
        this.executor = executor;
    }

    public Found scan() {
        Set<String> known = store.open().stream().map(Ledger::labId).collect(Collectors.toSet());
        Map<String, List<TaggedResource>> byLab = new TreeMap<>();
        for (TaggedResource r : cloud.tagged()) {
            if (!known.contains(r.labId())) {
                byLab.computeIfAbsent(r.labId(), k -> new ArrayList<>()).add(r);
            }
        }
        return new Found(byLab);
    }

    /**
     * Removes every orphan found, one recovered ledger per lab. The private key RoleLab generated for such a lab
     * ({@link LedgerStore#generatedKeyFile}) is listed with it and follows the one rule of {@link Teardown.Options}.
     */
    public List<String> remove(Found found, String region, boolean practice, Teardown.Options options, Events events) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<TaggedResource>> lab : found.byLab().entrySet()) {
            Map<ResourceKind, LedgerEntry> entries = new EnumMap<>(ResourceKind.class);
            for (TaggedResource r : lab.getValue()) {
                entries.put(r.kind(), new LedgerEntry(r.kind(), r.name(), r.id(), LedgerEntry.State.CREATED, Instant.now()));
            }
            // links have no tags: rebuild them from their tagged ends (removing a link that is absent is a no-op)
            LedgerEntry role = entries.get(ResourceKind.ROLE);
            if (role != null && entries.containsKey(ResourceKind.POLICY)) {
                entries.put(ResourceKind.POLICY_ATTACHMENT, new LedgerEntry(ResourceKind.POLICY_ATTACHMENT, role.name(),
                        entries.get(ResourceKind.POLICY).id(), LedgerEntry.State.CREATED, Instant.now()));
            }
            if (role != null && entries.containsKey(ResourceKind.INSTANCE_PROFILE)) {
                entries.put(ResourceKind.ROLE_IN_PROFILE, new LedgerEntry(ResourceKind.ROLE_IN_PROFILE,
                        entries.get(ResourceKind.INSTANCE_PROFILE).name(), role.name(), LedgerEntry.State.CREATED, Instant.now()));
            }
            store.generatedKeyFile(lab.getKey()).ifPresent(file -> entries.put(ResourceKind.LOCAL_KEY_FILE,
                    new LedgerEntry(ResourceKind.LOCAL_KEY_FILE, file.toString(), file.toString(), LedgerEntry.State.CREATED, Instant.now())));
            Ledger.Context ctx = new Ledger.Context(lab.getKey(), region, null, null, practice, Instant.now());
            Ledger ledger = store.recovered(ctx, LabSpec.builder().region(region).sshCidr("0.0.0.0/32").build(), new ArrayList<>(entries.values()));
            ledger.warnings().forEach(w -> events.emit(Event.of(Event.Type.INFO, "", "Sweep", w)));
            store.keyBehindALinkedFolder(lab.getKey()).ifPresent(why -> events.emit(Event.of(Event.Type.INFO, "", "Sweep", why)));
            // the links (policy attached, role in profile) are undone too, but they are not resources of their own
            long count = entries.keySet().stream().filter(k -> k != ResourceKind.POLICY_ATTACHMENT && k != ResourceKind.ROLE_IN_PROFILE).count();
            events.emit(Event.of(Event.Type.INFO, "", "Sweep", "removing " + count + (count == 1 ? " resource" : " resources") + " of " + lab.getKey()));
            Teardown.Result result = new Teardown(cloud, executor).run(ledger, options, events);
            failures.addAll(result.failures());
        }
        return failures;
    }
}
