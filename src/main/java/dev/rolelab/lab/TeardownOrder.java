package dev.rolelab.lab;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The order resources must go: each kind names what must be gone before it can be deleted. */
public final class TeardownOrder {

    private static final Map<ResourceKind, Set<ResourceKind>> AFTER = Map.ofEntries(
            Map.entry(ResourceKind.INSTANCE, EnumSet.noneOf(ResourceKind.class)),
            // a group cannot go while an instance (even a terminating one) uses it
            Map.entry(ResourceKind.SECURITY_GROUP, EnumSet.of(ResourceKind.INSTANCE)),
            Map.entry(ResourceKind.KEY_PAIR, EnumSet.of(ResourceKind.INSTANCE)),
            Map.entry(ResourceKind.LOCAL_KEY_FILE, EnumSet.of(ResourceKind.INSTANCE)),
            Map.entry(ResourceKind.ROLE_IN_PROFILE, EnumSet.of(ResourceKind.INSTANCE)),
            // a profile or role still linked to the other fails with DeleteConflict
            Map.entry(ResourceKind.INSTANCE_PROFILE, EnumSet.of(ResourceKind.INSTANCE, ResourceKind.ROLE_IN_PROFILE)),
            Map.entry(ResourceKind.POLICY_ATTACHMENT, EnumSet.noneOf(ResourceKind.class)),
            Map.entry(ResourceKind.ROLE, EnumSet.of(ResourceKind.ROLE_IN_PROFILE, ResourceKind.POLICY_ATTACHMENT)),
            Map.entry(ResourceKind.POLICY, EnumSet.of(ResourceKind.POLICY_ATTACHMENT)),
            Map.entry(ResourceKind.REPOSITORY, EnumSet.noneOf(ResourceKind.class)));

    /** One valid sequential order (used for display and by the CLI's plan). */
    public static final List<ResourceKind> ORDER = List.of(ResourceKind.INSTANCE, ResourceKind.SECURITY_GROUP,
            ResourceKind.KEY_PAIR, ResourceKind.LOCAL_KEY_FILE, ResourceKind.ROLE_IN_PROFILE, ResourceKind.INSTANCE_PROFILE,
            ResourceKind.POLICY_ATTACHMENT, ResourceKind.ROLE, ResourceKind.POLICY, ResourceKind.REPOSITORY);

    private TeardownOrder() { }

    public static Set<ResourceKind> mustGoFirst(ResourceKind kind) {
        return AFTER.get(kind);
    }
}
