package dev.rolelab.practice;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.CreatedKey;
import dev.rolelab.cloud.Identity;
import dev.rolelab.cloud.Instance;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.cloud.Network;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.cloud.Regions;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.ResourceKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A simulated AWS account for practice mode: AWS's rules (unique names, dependencies, instance states
 * over time, instance-profile propagation), latencies, and faults on request. Nothing leaves the machine;
 * no credentials are read. Its state persists in the data folder so a later {@code down} sees it.
 */
public final class PracticeCloud implements Cloud {

    public static final String ACCOUNT = "123456789012";
    public static final String SIMULATION = "Practice mode: a simulation, nothing is created in AWS";
    private static final String VPC = "vpc-0practice00000001";
    /** The practice setting that enables opt-in regions in the simulated account: a comma-separated list of region ids. */
    public static final String ENABLED_REGIONS = "ROLELAB_PRACTICE_ENABLED_REGIONS";

    /** How slow the simulated AWS is. */
    public record Timing(Duration call, Duration pending, Duration propagation, Duration shuttingDown, Duration poll) {
        /** No waiting at all: for tests. */
        public static final Timing INSTANT = new Timing(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1));
        /** Roughly what the real thing feels like, scaled so a practice run takes seconds, not minutes. */
        public static final Timing REALISTIC = new Timing(Duration.ofMillis(150), Duration.ofSeconds(4),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofMillis(250));
    }

    private record Fault(int call, String code, String message) { }

    private final Path file;
    private final String region;
    private final Timing timing;
    private PracticeAccount account;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Fault> faults = new ArrayList<>();
    private volatile Regions regions = SampleRegions.INSTANCE;
    private final Set<String> enabledOptIn = new java.util.concurrent.ConcurrentSkipListSet<>(enabledRegionsSetting());

    /**
     * @param file where the simulated account is kept (null: in memory only)
     */
    public PracticeCloud(Path file, String region, Timing timing) {
        this.file = file;
        this.region = region;
        this.timing = timing;
        this.account = load(file);
    }

    public static PracticeCloud inMemory(Timing timing) {
        return new PracticeCloud(null, "us-east-1", timing);
    }

    /**
     * The regions and partitions the simulated AWS has: the wiring hands in the SDK's catalogue (this package
     * does not import the SDK), so practice knows every region and partition real AWS does.
     */
    public PracticeCloud withRegions(Regions catalogue) {
        this.regions = catalogue;
        return this;
    }

    /** Enables an opt-in region in the simulated account, as the account settings page does in the console. */
    public PracticeCloud enableRegion(String optInRegion) {
        enabledOptIn.add(optInRegion);
        return this;
    }

    private static Set<String> enabledRegionsSetting() {
        String v = System.getProperty("rolelab.practice.enabledRegions", System.getenv().getOrDefault(ENABLED_REGIONS, ""));
        Set<String> out = new TreeSet<>();
        for (String r : v.split(",")) {
            if (!r.isBlank()) {
                out.add(r.trim());
            }
        }
        return out;
    }

    /** The simulated region's partition (ARNs, principals). */
    dev.rolelab.lab.Partition partition() {
        return regions.partition(region);
    }

    // ---- fault injection and inspection (tests and the benchmark)

    /** Makes the {@code n}-th call from now (1-based) fail with the given AWS error. */
    public synchronized PracticeCloud failCall(int n, String code, String message) {
        faults.add(new Fault(calls.get() + n, code, message));
        return this;
    }

    public int callCount() {
        return calls.get();
    }

    public synchronized PracticeAccount account() {
        return account;
    }

    public synchronized boolean empty() {
        return account.empty();
    }

    public synchronized void removeDefaultVpc() {
        account.defaultVpc = false;
        save();
    }

    // ---- the port

    @Override
    public Set<String> knownRegions() {
        return regions.known();
    }

    @Override
    public Regions regions() {
        return regions;
    }

    @Override
    public Identity identity() {
        call("sts:GetCallerIdentity");
        return new Identity(ACCOUNT, partition().arn("iam", "", ACCOUNT, "user/practice-learner"), "AIDAPRACTICE0000EXAMPLE");
    }

    @Override
    public String publicIp() {
        return "203.0.113.10";
    }

    @Override
    public synchronized boolean exists(ResourceKind kind, String name) {
        return switch (kind) {
            case REPOSITORY -> account.repositories.containsKey(name);
            case POLICY -> account.policies.values().stream().anyMatch(p -> p.name.equals(name));
            case ROLE -> account.roles.containsKey(name);
            case INSTANCE_PROFILE -> account.profiles.containsKey(name);
            case SECURITY_GROUP -> account.groups.values().stream().anyMatch(g -> g.name.equals(name));
            case KEY_PAIR -> account.keys.containsKey(name);
            default -> false;
        };
    }

    @Override
    public synchronized Ownership ownership(ResourceKind kind, String name, String labId) {
        record Found(String id, String lab) { }
        Found f = switch (kind) {
            case REPOSITORY -> account.repositories.values().stream().filter(r -> r.name.equals(name)).findFirst().map(r -> new Found(r.arn, r.lab)).orElse(null);
            case POLICY -> account.policies.values().stream().filter(p -> p.name.equals(name)).findFirst().map(p -> new Found(p.arn, p.lab)).orElse(null);
            case ROLE -> account.roles.values().stream().filter(r -> r.name.equals(name)).findFirst().map(r -> new Found(r.arn, r.lab)).orElse(null);
            case INSTANCE_PROFILE -> account.profiles.values().stream().filter(p -> p.name.equals(name)).findFirst().map(p -> new Found(p.arn, p.lab)).orElse(null);
            case SECURITY_GROUP -> account.groups.values().stream().filter(g -> g.name.equals(name)).findFirst().map(g -> new Found(g.id, g.lab)).orElse(null);
            case KEY_PAIR -> account.keys.values().stream().filter(k -> k.name.equals(name)).findFirst().map(k -> new Found(k.id, k.lab)).orElse(null);
            case INSTANCE -> account.instances.values().stream().filter(m -> labId.equals(m.lab) && m.terminatedAt == 0).findFirst().map(m -> new Found(m.id, m.lab)).orElse(null);
            default -> null;
        };
        if (f == null) {
            return Ownership.absent();
        }
        return labId.equals(f.lab()) ? Ownership.ours(f.id()) : Ownership.notOurs(f.id());
    }

    @Override
    public String createRepository(String name, String labId) {
        call("ecr:CreateRepository");
        synchronized (this) {
            if (account.repositories.containsKey(name)) {
                throw error("RepositoryAlreadyExistsException", "The repository with name '" + name + "' already exists", "ecr:CreateRepository");
            }
            PracticeAccount.Repository r = new PracticeAccount.Repository();
            r.name = name;
            r.arn = partition().arn("ecr", region, ACCOUNT, "repository/" + name);
            r.lab = labId;
            account.repositories.put(name, r);
            save();
            return r.arn;
        }
    }

    @Override
    public String createPolicy(String name, String document, String labId) {
        call("iam:CreatePolicy");
        synchronized (this) {
            if (exists(ResourceKind.POLICY, name)) {
                throw error("EntityAlreadyExists", "A policy called " + name + " already exists.", "iam:CreatePolicy");
            }
            PracticeAccount.Policy p = new PracticeAccount.Policy();
            p.name = name;
            p.arn = partition().arn("iam", "", ACCOUNT, "policy/rolelab/" + name);
            p.document = document;
            p.lab = labId;
            account.policies.put(p.arn, p);
            save();
            return p.arn;
        }
    }

    @Override
    public String createRole(String name, String trustDocument, String labId) {
        call("iam:CreateRole");
        synchronized (this) {
            if (account.roles.containsKey(name)) {
                throw error("EntityAlreadyExists", "Role with name " + name + " already exists.", "iam:CreateRole");
            }
            PracticeAccount.Role r = new PracticeAccount.Role();
            r.name = name;
            r.arn = partition().arn("iam", "", ACCOUNT, "role/rolelab/" + name);
            r.lab = labId;
            account.roles.put(name, r);
            save();
            return r.arn;
        }
    }

    @Override
    public void attachRolePolicy(String role, String policyArn) {
        call("iam:AttachRolePolicy");
        synchronized (this) {
            PracticeAccount.Role r = role(role, "iam:AttachRolePolicy");
            if (!account.policies.containsKey(policyArn)) {
                throw error("NoSuchEntity", "Policy " + policyArn + " does not exist or is not attachable.", "iam:AttachRolePolicy");
            }
            if (!r.attached.contains(policyArn)) {
                r.attached.add(policyArn);
            }
            save();
        }
    }

    @Override
    public String createInstanceProfile(String name, String labId) {
        call("iam:CreateInstanceProfile");
        synchronized (this) {
            if (account.profiles.containsKey(name)) {
                throw error("EntityAlreadyExists", "Instance Profile " + name + " already exists.", "iam:CreateInstanceProfile");
            }
            PracticeAccount.Profile p = new PracticeAccount.Profile();
            p.name = name;
            p.arn = partition().arn("iam", "", ACCOUNT, "instance-profile/rolelab/" + name);
            p.lab = labId;
            account.profiles.put(name, p);
            save();
            return p.arn;
        }
    }

    @Override
    public void addRoleToInstanceProfile(String profile, String role) {
        call("iam:AddRoleToInstanceProfile");
        synchronized (this) {
            PracticeAccount.Profile p = profile(profile, "iam:AddRoleToInstanceProfile");
            role(role, "iam:AddRoleToInstanceProfile");
            if (p.role != null && !p.role.equals(role)) {
                throw error("LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", "iam:AddRoleToInstanceProfile");
            }
            p.role = role;
            p.roleAddedAt = now();
            save();
        }
    }

    @Override
    public Network network(String instanceType, String subnetId) {
        call("ec2:DescribeVpcs");
        synchronized (this) {
            if (subnetId != null) {
                return new Network(VPC, subnetId, region + "a");
            }
            if (!account.defaultVpc) {
                throw new CloudException(CloudException.Kind.NO_DEFAULT_VPC, "VPCIdNotSpecified", "ec2:DescribeVpcs",
                        "this region has no default VPC, so there is nowhere obvious to put the instance",
                        "create a default VPC (`rolelab up --create-default-vpc` does it first; or `aws ec2 create-default-vpc`), or choose a subnet with --subnet", null);
            }
            return new Network(VPC, "subnet-0practice0000000a", region + "a");
        }
    }

    @Override
    public String createDefaultVpc() {
        call("ec2:CreateDefaultVpc");
        synchronized (this) {
            account.defaultVpc = true;
            save();
            return VPC;
        }
    }

    @Override
    public String createSecurityGroup(String name, String description, String vpcId, String labId) {
        call("ec2:CreateSecurityGroup");
        synchronized (this) {
            if (exists(ResourceKind.SECURITY_GROUP, name)) {
                throw error("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'", "ec2:CreateSecurityGroup");
            }
            PracticeAccount.Group g = new PracticeAccount.Group();
            g.id = "sg-0" + next();
            g.name = name;
            g.vpc = vpcId;
            g.lab = labId;
            account.groups.put(g.id, g);
            save();
            return g.id;
        }
    }

    @Override
    public void allowSsh(String groupId, String cidr) {
        call("ec2:AuthorizeSecurityGroupIngress");
        synchronized (this) {
            PracticeAccount.Group g = account.groups.get(groupId);
            if (g == null) {
                throw error("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist", "ec2:AuthorizeSecurityGroupIngress");
            }
            g.sshFrom.add(cidr);
            save();
        }
    }

    @Override
    public String importKeyPair(String name, String publicKeyOpenSsh, String labId) {
        call("ec2:ImportKeyPair");
        return addKey(name, labId, "ec2:ImportKeyPair");
    }

    @Override
    public CreatedKey createKeyPair(String name, String labId) {
        call("ec2:CreateKeyPair");
        String id = addKey(name, labId, "ec2:CreateKeyPair");
        // a simulation: the "private key" is a labelled placeholder, not key material
        return new CreatedKey(id, ("# " + SIMULATION + "\n# no private key exists for practice key pair " + name + "\n").toCharArray());
    }

    private synchronized String addKey(String name, String labId, String op) {
        if (account.keys.containsKey(name)) {
            throw error("InvalidKeyPair.Duplicate", "The keypair already exists", op);
        }
        PracticeAccount.Key k = new PracticeAccount.Key();
        k.id = "key-0" + next();
        k.name = name;
        k.lab = labId;
        account.keys.put(name, k);
        save();
        return k.id;
    }

    @Override
    public String latestAmi(Architecture architecture) {
        call("ssm:GetParameter");
        return architecture == Architecture.ARM64 ? "ami-0practicearm64000" : "ami-0practicex86_640";
    }

    @Override
    public String launch(LaunchRequest request, Consumer<String> onRetry) {
        Duration pause = timing.poll();
        while (true) {
            call("ec2:RunInstances");
            String id = tryLaunch(request);
            if (id != null) {
                return id;
            }
            onRetry.accept("EC2 does not see the new instance profile yet (IAM propagation); retrying in " + pause.toMillis() + " ms");
            pause(pause);
            pause = pause.multipliedBy(2);
        }
    }

    /** @return the new instance id, or null while the instance profile is still propagating */
    private synchronized String tryLaunch(LaunchRequest request) {
        PracticeAccount.Profile p = account.profiles.get(request.instanceProfile());
        if (p == null || p.role == null) {
            throw error("InvalidParameterValue", "Value (" + request.instanceProfile()
                    + ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name", "ec2:RunInstances");
        }
        if (now() - p.roleAddedAt < timing.propagation().toMillis()) {
            return null;
        }
        if (!account.groups.containsKey(request.securityGroupId())) {
            throw error("InvalidGroup.NotFound", "The security group '" + request.securityGroupId() + "' does not exist", "ec2:RunInstances");
        }
        if (!account.keys.containsKey(request.keyName())) {
            throw error("InvalidKeyPair.NotFound", "The key pair '" + request.keyName() + "' does not exist", "ec2:RunInstances");
        }
        PracticeAccount.Machine m = new PracticeAccount.Machine();
        m.id = "i-0" + next() + "practice";
        m.name = request.name();
        m.lab = request.labId();
        m.group = request.securityGroupId();
        m.key = request.keyName();
        m.profile = request.instanceProfile();
        m.type = request.instanceType();
        m.ip = "198.51.100." + (10 + account.instances.size() % 200);
        m.launchedAt = now();
        account.instances.put(m.id, m);
        save();
        return m.id;
    }

    @Override
    public Instance waitUntilRunning(String instanceId, Consumer<String> onProgress) {
        while (true) {
            call("ec2:DescribeInstances");
            Instance i = describe(instanceId);
            onProgress.accept(i.state());
            if (i.state().equals("running")) {
                return i;
            }
            if (!i.state().equals("pending")) {
                throw error("IncorrectInstanceState", "instance " + instanceId + " is " + i.state() + ", not starting", "ec2:DescribeInstances");
            }
            pause(timing.poll());
        }
    }

    @Override
    public Instance instance(String instanceId) {
        call("ec2:DescribeInstances");
        return describe(instanceId);
    }

    /** The instance as DescribeInstances would show it now. */
    public synchronized Instance describe(String instanceId) {
        PracticeAccount.Machine m = account.instances.get(instanceId);
        if (m == null) {
            throw error("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist", "ec2:DescribeInstances");
        }
        return new Instance(m.id, state(m), state(m).equals("running") ? m.ip : null, region + "a");
    }

    private String state(PracticeAccount.Machine m) {
        long now = now();
        if (m.terminatedAt > 0) {
            return now - m.terminatedAt >= timing.shuttingDown().toMillis() ? "terminated" : "shutting-down";
        }
        return now - m.launchedAt >= timing.pending().toMillis() ? "running" : "pending";
    }

    @Override
    public void terminate(String instanceId) {
        call("ec2:TerminateInstances");
        synchronized (this) {
            PracticeAccount.Machine m = account.instances.get(instanceId);
            if (m != null && m.terminatedAt == 0) {
                m.terminatedAt = now();
                save();
            }
        }
    }

    @Override
    public void waitUntilTerminated(String instanceId, Consumer<String> onProgress) {
        while (true) {
            call("ec2:DescribeInstances");
            String state;
            synchronized (this) {
                PracticeAccount.Machine m = account.instances.get(instanceId);
                if (m == null) {
                    return;
                }
                state = state(m);
                if (state.equals("terminated")) {
                    account.instances.remove(instanceId); // AWS forgets terminated instances after a while
                    save();
                }
            }
            onProgress.accept(state);
            if (state.equals("terminated")) {
                return;
            }
            pause(timing.poll());
        }
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        call("ec2:DeleteSecurityGroup");
        synchronized (this) {
            boolean inUse = account.instances.values().stream()
                    .anyMatch(m -> groupId.equals(m.group) && !state(m).equals("terminated"));
            if (inUse) {
                throw error("DependencyViolation", "resource " + groupId + " has a dependent object", "ec2:DeleteSecurityGroup");
            }
            if (account.groups.remove(groupId) != null) {
                save();
            }
        }
    }

    @Override
    public void deleteKeyPair(String name) {
        call("ec2:DeleteKeyPair");
        synchronized (this) {
            if (account.keys.remove(name) != null) {
                save();
            }
        }
    }

    @Override
    public void removeRoleFromInstanceProfile(String profile, String role) {
        call("iam:RemoveRoleFromInstanceProfile");
        synchronized (this) {
            PracticeAccount.Profile p = account.profiles.get(profile);
            if (p != null && role.equals(p.role)) {
                p.role = null;
                save();
            }
        }
    }

    @Override
    public void deleteInstanceProfile(String name) {
        call("iam:DeleteInstanceProfile");
        synchronized (this) {
            PracticeAccount.Profile p = account.profiles.get(name);
            if (p == null) {
                return;
            }
            if (p.role != null) {
                throw error("DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", "iam:DeleteInstanceProfile");
            }
            account.profiles.remove(name);
            save();
        }
    }

    @Override
    public void detachRolePolicy(String role, String policyArn) {
        call("iam:DetachRolePolicy");
        synchronized (this) {
            PracticeAccount.Role r = account.roles.get(role);
            if (r != null && r.attached.remove(policyArn)) {
                save();
            }
        }
    }

    @Override
    public void deleteRole(String name) {
        call("iam:DeleteRole");
        synchronized (this) {
            PracticeAccount.Role r = account.roles.get(name);
            if (r == null) {
                return;
            }
            boolean inProfile = account.profiles.values().stream().anyMatch(p -> name.equals(p.role));
            if (!r.attached.isEmpty() || inProfile) {
                throw error("DeleteConflict", "Cannot delete entity, must " + (inProfile ? "remove roles from instance profile" : "detach all policies") + " first.", "iam:DeleteRole");
            }
            account.roles.remove(name);
            save();
        }
    }

    @Override
    public void deletePolicy(String policyArn) {
        call("iam:DeletePolicy");
        synchronized (this) {
            if (!account.policies.containsKey(policyArn)) {
                return;
            }
            if (account.roles.values().stream().anyMatch(r -> r.attached.contains(policyArn))) {
                throw error("DeleteConflict", "Cannot delete a policy attached to entities.", "iam:DeletePolicy");
            }
            account.policies.remove(policyArn);
            save();
        }
    }

    @Override
    public void deleteRepository(String name) {
        call("ecr:DeleteRepository");
        synchronized (this) {
            if (account.repositories.remove(name) != null) {
                save();
            }
        }
    }

    @Override
    public synchronized List<TaggedResource> tagged() {
        List<TaggedResource> out = new ArrayList<>();
        account.repositories.values().forEach(r -> out.add(new TaggedResource(ResourceKind.REPOSITORY, r.name, r.arn, r.lab)));
        account.policies.values().forEach(p -> out.add(new TaggedResource(ResourceKind.POLICY, p.name, p.arn, p.lab)));
        account.roles.values().forEach(r -> out.add(new TaggedResource(ResourceKind.ROLE, r.name, r.arn, r.lab)));
        account.profiles.values().forEach(p -> out.add(new TaggedResource(ResourceKind.INSTANCE_PROFILE, p.name, p.arn, p.lab)));
        account.groups.values().forEach(g -> out.add(new TaggedResource(ResourceKind.SECURITY_GROUP, g.name, g.id, g.lab)));
        account.keys.values().forEach(k -> out.add(new TaggedResource(ResourceKind.KEY_PAIR, k.name, k.id, k.lab)));
        account.instances.values().stream().filter(m -> m.terminatedAt == 0)
                .forEach(m -> out.add(new TaggedResource(ResourceKind.INSTANCE, m.name, m.id, m.lab)));
        out.removeIf(r -> r.labId() == null);
        return out;
    }

    // ---- the instance's console and the proof

    /** The practice host's SSH host key, as cloud-init would print it. */
    public static final String HOST_KEY = practiceHostKey();

    private static String practiceHostKey() {
        try {
            java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(blob);
            byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest("RoleLab practice host".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeInt(type.length);
            out.write(type);
            out.writeInt(key.length);
            out.write(key);
            return "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(blob.toByteArray());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String consoleOutput(String instanceId) {
        call("ec2:GetConsoleOutput");
        Instance i = describe(instanceId);
        if (!"running".equals(i.state())) {
            return "";
        }
        return "[    0.000000] Linux version 6.1.112-124.190.amzn2023.x86_64 (practice simulation)\r\n"
                + "[   14.270301] cloud-init[1587]: Cloud-init v. 22.2.2 running 'modules:final'\r\n"
                + "[   14.290114] cloud-init[1587]: #############################################################\r\n"
                + "[   14.291502] cloud-init[1587]: -----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n"
                + "[   14.292977] cloud-init[1587]: -----END SSH HOST KEY FINGERPRINTS-----\r\n"
                + "-----BEGIN SSH HOST KEY KEYS-----\r\n" + HOST_KEY + " \r\n-----END SSH HOST KEY KEYS-----\r\n";
    }

    @Override
    public synchronized java.util.Optional<dev.rolelab.cloud.PushedImage> image(String repository, String tag) {
        call("ecr:DescribeImages");
        PracticeAccount.Repository r = account.repositories.get(repository);
        if (r == null) {
            throw error("RepositoryNotFoundException", "The repository with name '" + repository + "' does not exist", "ecr:DescribeImages");
        }
        return r.images.stream().filter(i -> tag.equals(i.tag)).findFirst()
                .map(i -> new dev.rolelab.cloud.PushedImage(i.tag, i.digest, i.size, java.time.Instant.ofEpochMilli(i.pushedAt)));
    }

    @Override
    public synchronized java.util.Map<String, String> simulate(String roleArn, List<String> actions, String resourceArn) {
        call("iam:SimulatePrincipalPolicy");
        PracticeAccount.Role role = account.roles.values().stream().filter(r -> r.arn.equals(roleArn)).findFirst()
                .orElseThrow(() -> error("NoSuchEntity", "The role " + roleArn + " cannot be found.", "iam:SimulatePrincipalPolicy"));
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String action : actions) {
            String decision = "implicitDeny";
            for (String policyArn : role.attached) {
                try {
                    String d = dev.rolelab.lab.PolicyReview.decision(Json.MAPPER.readTree(account.policies.get(policyArn).document), action, resourceArn);
                    if (d.equals("explicitDeny") || d.equals("allowed") && !decision.equals("explicitDeny")) {
                        decision = d;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            out.put(action, decision);
        }
        return out;
    }

    // ---- the simulated image registry (used by the practice host)

    /** Records a pushed image, as a docker push to ECR would. @return its digest */
    public synchronized String recordPush(String repository, String tag, long size) {
        PracticeAccount.Repository r = account.repositories.get(repository);
        if (r == null) {
            throw error("RepositoryNotFoundException", "The repository with name '" + repository + "' does not exist", "ecr:PutImage");
        }
        PracticeAccount.Image image = new PracticeAccount.Image();
        image.tag = tag;
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        image.digest = "sha256:" + HexFormat.of().formatHex(b);
        image.size = size;
        image.pushedAt = now();
        r.images.removeIf(i -> tag.equals(i.tag));
        r.images.add(image);
        save();
        return image.digest;
    }

    // ---- plumbing

    private void call(String operation) {
        int n = calls.incrementAndGet();
        pause(timing.call());
        Fault fault;
        synchronized (this) {
            fault = faults.stream().filter(f -> f.call() == n).findFirst().orElse(null);
        }
        if (fault != null) {
            throw error(fault.code(), fault.message(), operation);
        }
        notEnabled(operation);
    }

    /** AWS answers every regional call in an opt-in region the account has not enabled as if the credentials were wrong. */
    private void notEnabled(String operation) {
        if (operation.startsWith("iam:") || !regions.optIn(region) || enabledOptIn.contains(region)) {
            return;
        }
        if (operation.startsWith("ec2:")) {
            throw CloudErrors.regionNotEnabled(region, "AuthFailure", "AWS was not able to validate the provided access credentials", operation, null);
        }
        if (operation.startsWith("sts:")) {
            throw CloudErrors.regionNotEnabled(region, "InvalidClientTokenId", "The security token included in the request is invalid.", operation, null);
        }
        throw CloudErrors.regionNotEnabled(region, "UnrecognizedClientException", "The security token included in the request is invalid.", operation, null);
    }

    private CloudException error(String code, String message, String operation) {
        return CloudErrors.of(code, message, operation, null);
    }

    private PracticeAccount.Role role(String name, String op) {
        PracticeAccount.Role r = account.roles.get(name);
        if (r == null) {
            throw error("NoSuchEntity", "The role with name " + name + " cannot be found.", op);
        }
        return r;
    }

    private PracticeAccount.Profile profile(String name, String op) {
        PracticeAccount.Profile p = account.profiles.get(name);
        if (p == null) {
            throw error("NoSuchEntity", "Instance Profile " + name + " cannot be found.", op);
        }
        return p;
    }

    private String next() {
        return Long.toHexString(++account.counter) + "0000";
    }

    private static long now() {
        return System.currentTimeMillis(); // persisted, so wall-clock time
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis()); // simulated latency, not a wait for AWS
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.pretty(account));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the practice account to " + file, e);
        }
    }

    private static PracticeAccount load(Path file) {
        if (file == null || !Files.exists(file)) {
            return new PracticeAccount();
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), PracticeAccount.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the practice account " + file + " (delete it to start afresh)", e);
        }
    }

    /**
     * SimulateCustomPolicy from the practice simulator: the review's own reading of IAM's evaluation,
     * with exactly the context entries given (a key not given is absent, as in IAM's simulator).
     */
    @Override
    public java.util.Map<String, String> simulateCustomPolicy(String policyJson, List<String> actions, String resourceArn,
                                                              java.util.Map<String, String> context) {
        call("iam:SimulateCustomPolicy");
        List<dev.rolelab.lab.Problem> malformed = dev.rolelab.lab.PolicyReview.grammarErrors(policyJson);
        if (!malformed.isEmpty()) {
            throw error("MalformedPolicyDocument", "Syntax errors in policy (" + malformed.get(0).message() + ")", "iam:SimulateCustomPolicy");
        }
        com.fasterxml.jackson.databind.JsonNode document;
        try {
            document = Json.MAPPER.readTree(policyJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // read once already by the grammar check
        }
        dev.rolelab.lab.PolicyReview.RequestContext entries = dev.rolelab.lab.PolicyReview.RequestContext.entries(context);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String action : actions) {
            out.put(action, dev.rolelab.lab.PolicyReview.evaluate(document, action, resourceArn, entries).decision().wire());
        }
        return out;
    }
}
