package dev.rolelab.lab;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provisioning plan as a graph: each step names what it needs first, so steps whose needs are met
 * run side by side. Read-only look-ups (identity, network, AMI) are steps too.
 */
public enum Step {
    IDENTITY("Look up your account (STS)", null),
    NETWORK("Find the default VPC and a subnet offering the instance type", null),
    AMI("Look up the newest Amazon Linux 2023 image", null),
    REPOSITORY("Create the ECR repository", ResourceKind.REPOSITORY),
    POLICY("Create the permissions policy", ResourceKind.POLICY),
    ROLE("Create the role EC2 may assume", ResourceKind.ROLE),
    POLICY_ATTACHMENT("Attach the policy to the role", ResourceKind.POLICY_ATTACHMENT),
    INSTANCE_PROFILE("Create the instance profile", ResourceKind.INSTANCE_PROFILE),
    ROLE_IN_PROFILE("Add the role to the instance profile", ResourceKind.ROLE_IN_PROFILE),
    SECURITY_GROUP("Create the security group and allow SSH from your IP", ResourceKind.SECURITY_GROUP),
    KEY_PAIR("Prepare the SSH key pair", ResourceKind.KEY_PAIR),
    INSTANCE("Launch the instance with the role and wait until it runs", ResourceKind.INSTANCE);

    /**
     * What each step needs. Every step that creates something waits for the three look-ups, so a refusal there
     * (no default VPC, an instance type no zone offers, no image, no account) creates nothing to roll back; the
     * look-ups take well under a second, and the instance waits for the network and the image anyway.
     */
    private static final Set<Step> LOOKUPS = EnumSet.of(Step.IDENTITY, Step.NETWORK, Step.AMI);

    private static Set<Step> after(Step... steps) {
        Set<Step> s = EnumSet.copyOf(LOOKUPS);
        s.addAll(List.of(steps));
        return s;
    }

    private static final Map<Step, Set<Step>> NEEDS = Map.ofEntries(
            Map.entry(IDENTITY, EnumSet.noneOf(Step.class)),
            Map.entry(NETWORK, EnumSet.noneOf(Step.class)),
            Map.entry(AMI, EnumSet.noneOf(Step.class)),
            Map.entry(REPOSITORY, after()),
            Map.entry(POLICY, after()),
            Map.entry(ROLE, after()),
            Map.entry(POLICY_ATTACHMENT, after(ROLE, POLICY)),
            Map.entry(INSTANCE_PROFILE, after()),
            Map.entry(ROLE_IN_PROFILE, after(ROLE, INSTANCE_PROFILE)),
            Map.entry(SECURITY_GROUP, after()),
            Map.entry(KEY_PAIR, after()),
            Map.entry(INSTANCE, after(ROLE_IN_PROFILE, POLICY_ATTACHMENT, SECURITY_GROUP, KEY_PAIR)));

    /** The order the 2020 tutorial walks through the console, one thing at a time (its look-ups, done first here). */
    public static final List<Step> TUTORIAL_ORDER = List.of(IDENTITY, NETWORK, AMI, REPOSITORY, POLICY, ROLE, POLICY_ATTACHMENT,
            INSTANCE_PROFILE, ROLE_IN_PROFILE, SECURITY_GROUP, KEY_PAIR, INSTANCE);

    private final String title;
    private final ResourceKind creates;

    Step(String title, ResourceKind creates) {
        this.title = title;
        this.creates = creates;
    }

    public String title() {
        return title;
    }

    /** The resource this step creates, or null for a look-up. */
    public ResourceKind creates() {
        return creates;
    }

    public Set<Step> needs() {
        return NEEDS.get(this);
    }

    /** The longest chain of needs ending at this step, weighting each step by {@code cost}. */
    public static long criticalPath(Map<Step, Long> cost) {
        Map<Step, Long> finish = new java.util.EnumMap<>(Step.class);
        for (Step s : topological()) {
            long start = 0;
            for (Step n : s.needs()) {
                start = Math.max(start, finish.get(n));
            }
            finish.put(s, start + cost.getOrDefault(s, 0L));
        }
        return finish.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Every step after all it needs (declaration order is such an order, checked by a test). */
    public static List<Step> topological() {
        return List.of(values());
    }
}
