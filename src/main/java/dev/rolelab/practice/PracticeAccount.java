package dev.rolelab.practice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulated account's contents; public fields so Jackson can persist it as it is. */
public final class PracticeAccount {
    public long counter = 1000;
    public boolean defaultVpc = true;
    /** How many default VPCs the account has had: a new one (CreateDefaultVpc) has new VPC and subnet ids. */
    public int defaultVpcs = 1;
    public Map<String, Repository> repositories = new LinkedHashMap<>();
    public Map<String, Policy> policies = new LinkedHashMap<>();
    public Map<String, Role> roles = new LinkedHashMap<>();
    public Map<String, Profile> profiles = new LinkedHashMap<>();
    public Map<String, Group> groups = new LinkedHashMap<>();
    public Map<String, Key> keys = new LinkedHashMap<>();
    public Map<String, Machine> instances = new LinkedHashMap<>();

    public static final class Repository {
        public String name;
        public String arn;
        public String lab;
        /** When it was made (ECR: createdAt), to tell a same-named replacement. */
        public long createdAt;
        public List<Image> images = new ArrayList<>();
    }

    public static final class Image {
        public String tag;
        public String digest;
        public long size;
        public long pushedAt;
    }

    public static final class Policy {
        public String name;
        public String arn;
        public String document;
        public String lab;
        public long createdAt;
        /** Until then IAM answers NoSuchEntity when it is attached (eventual consistency). */
        public long visibleAt;
    }

    public static final class Role {
        public String name;
        public String arn;
        public String lab;
        public long createdAt;
        public long visibleAt;
        /** Per attached policy: from when the policy simulator sees the attachment. */
        public Map<String, Long> simulatorSeesAt = new LinkedHashMap<>();
        public List<String> attached = new ArrayList<>();
    }

    public static final class Profile {
        public String name;
        public String arn;
        public String lab;
        public long createdAt;
        public long visibleAt;
        public String role;
        /** When the role was added: EC2 sees it only after the propagation delay. */
        public long roleAddedAt;
    }

    public static final class Group {
        public String id;
        public String name;
        public String vpc;
        public String lab;
        /** Until then AuthorizeSecurityGroupIngress answers InvalidGroup.NotFound. */
        public long visibleAt;
        public List<String> sshFrom = new ArrayList<>();
    }

    public static final class Key {
        public String id;
        public String name;
        public String lab;
        public long createdAt;
    }

    public static final class Machine {
        public String id;
        public String name;
        public String lab;
        public String group;
        public String key;
        public String profile;
        public String type;
        /** The subnet it was launched in, so DescribeInstances names that subnet's zone (null in older files: zone a). */
        public String subnet;
        public String ip;
        public long launchedAt;
        public long terminatedAt;
        /** Until then DescribeInstances answers InvalidInstanceID.NotFound. */
        public long visibleAt;
        /** Until then its network interface still holds the security group (DependencyViolation). */
        public long interfaceReleasedAt;
    }

    /** Nothing that RoleLab could have created is left (default VPC aside). */
    public boolean empty() {
        return repositories.isEmpty() && policies.isEmpty() && roles.isEmpty() && profiles.isEmpty()
                && groups.isEmpty() && keys.isEmpty() && instances.values().stream().allMatch(m -> m.terminatedAt > 0);
    }
}
