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

    /**
     * AWS's eventual consistency: how long something just made may stay invisible to the next call. Each
     * delay is drawn from {@code seed} and what it delays (kind and name), so one seed replays one run.
     *
     * @param invisible        at most this long a new instance, role, policy, profile or group is not found
     * @param simulatorLag     at most this long the policy simulator answers implicitDeny after an attach
     * @param interfaceRelease at most this long a terminated instance's network interface holds its group
     */
    public record Consistency(long seed, Duration invisible, Duration simulatorLag, Duration interfaceRelease) {
        /** Everything visible at once (tests that count calls). */
        public static final Consistency OFF = new Consistency(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        /** Scaled like {@link Timing#REALISTIC}: seconds. */
        public static Consistency realistic(long seed) {
            return new Consistency(seed, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(4));
        }

        /** The same behaviour in milliseconds: sweeps over many seeds. */
        public static Consistency fast(long seed) {
            return new Consistency(seed, Duration.ofMillis(40), Duration.ofMillis(60), Duration.ofMillis(40));
        }

        public boolean on() {
            return !invisible.isZero() || !simulatorLag.isZero() || !interfaceRelease.isZero();
        }

        /** The delay for {@code what}: none for about a third of things, else up to {@code max}. */
        public long delayMillis(String what, Duration max) {
            if (max.isZero()) {
                return 0;
            }
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + what.hashCode());
            return r.nextDouble() < 0.35 ? 0 : 1 + r.nextLong(max.toMillis());
        }

        /** The longest anything stays unsettled. */
        Duration longest() {
            Duration d = invisible;
            d = simulatorLag.compareTo(d) > 0 ? simulatorLag : d;
            return interfaceRelease.compareTo(d) > 0 ? interfaceRelease : d;
        }
    }

    private record Fault(int call, String code, String message) { }

    /** One lock per account file in this JVM: FileChannel locks belong to the process, not the thread. */
    private static final java.util.Map<Path, java.util.concurrent.locks.ReentrantLock> FILE_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final String region;
    private final Timing timing;
    private final Consistency consistency;
    private final AccountState state;
    private final java.util.concurrent.locks.ReentrantLock lock;
    private PracticeAccount account;
    private boolean dirty;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Fault> faults = new ArrayList<>();
    private volatile Regions regions = SampleRegions.INSTANCE;
    private final Set<String> enabledOptIn = new java.util.concurrent.ConcurrentSkipListSet<>(enabledRegionsSetting());

    /**
     * The practice cloud as practice mode runs it: consistency and account state from the practice settings
     * ({@link PracticeSettings}: {@code ROLELAB_PRACTICE_SEED} and friends).
     *
     * @param file where the simulated account is kept (null: in memory only)
     */
    public PracticeCloud(Path file, String region, Timing timing) {
        this(file, region, timing, PracticeSettings.consistency(timing), PracticeSettings.accountState());
    }

    /**
     * @param file        where the simulated account is kept (null: in memory only); shared by every
     *                    RoleLab process on this computer, under a file lock
     * @param consistency how eventually consistent the simulated AWS is
     * @param state       the account's standing and quotas
     */
    public PracticeCloud(Path file, String region, Timing timing, Consistency consistency, AccountState state) {
        this.file = file == null ? null : file.toAbsolutePath().normalize();
        this.region = region;
        this.timing = timing;
        this.consistency = consistency;
        this.state = state;
        this.lock = this.file == null ? new java.util.concurrent.locks.ReentrantLock()
                : FILE_LOCKS.computeIfAbsent(this.file, f -> new java.util.concurrent.locks.ReentrantLock());
        this.account = new PracticeAccount();
        inAccount(() -> { }); // reads the file, or makes a fresh account
    }

    public Consistency consistency() {
        return consistency;
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

    /** Drops the faults not yet reached (a sweep whose fault lay beyond the run's last call). */
    public synchronized void clearFaults() {
        faults.clear();
    }

    public int callCount() {
        return calls.get();
    }

    public PracticeAccount account() {
        return inAccount(() -> {
            return account;
        });
    }

    public boolean empty() {
        return inAccount(() -> {
            return account.empty();
        });
    }

    public void removeDefaultVpc() {
        inAccount(() -> {
            account.defaultVpc = false;
            save();
        });
    }

    // ---- the port

    /** A NotFound may mean "not visible yet" for ten times the longest delay; asked again at a fifth of it. */
    @Override
    public dev.rolelab.cloud.Settling settling() {
        if (!consistency.on()) {
            return new dev.rolelab.cloud.Settling(Duration.ZERO, timing.poll());
        }
        Duration longest = consistency.longest();
        return new dev.rolelab.cloud.Settling(longest.multipliedBy(10), longest.dividedBy(5));
    }

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
    public boolean exists(ResourceKind kind, String name) {
        return inAccount(() -> {
            return switch (kind) {
                case REPOSITORY -> account.repositories.containsKey(name);
                case POLICY -> account.policies.values().stream().anyMatch(p -> p.name.equals(name));
                case ROLE -> account.roles.containsKey(name);
                case INSTANCE_PROFILE -> account.profiles.containsKey(name);
                case SECURITY_GROUP -> account.groups.values().stream().anyMatch(g -> g.name.equals(name));
                case KEY_PAIR -> account.keys.containsKey(name);
                default -> false;
            };
        });
    }

    @Override
    public Ownership ownership(ResourceKind kind, String name, String labId) {
        return inAccount(() -> {
            record Found(String id, String lab, long created) { }
            long now = now();
            Found f = switch (kind) {
                case REPOSITORY -> account.repositories.values().stream().filter(r -> r.name.equals(name)).findFirst().map(r -> new Found(r.arn, r.lab, r.createdAt)).orElse(null);
                case POLICY -> account.policies.values().stream().filter(p -> p.name.equals(name)).findFirst().map(p -> new Found(p.arn, p.lab, p.createdAt)).orElse(null);
                case ROLE -> account.roles.values().stream().filter(r -> r.name.equals(name)).findFirst().map(r -> new Found(r.arn, r.lab, r.createdAt)).orElse(null);
                case INSTANCE_PROFILE -> account.profiles.values().stream().filter(p -> p.name.equals(name)).findFirst().map(p -> new Found(p.arn, p.lab, p.createdAt)).orElse(null);
                case SECURITY_GROUP -> account.groups.values().stream().filter(g -> g.name.equals(name)).findFirst().map(g -> new Found(g.id, g.lab, 0)).orElse(null);
                case KEY_PAIR -> account.keys.values().stream().filter(k -> k.name.equals(name)).findFirst().map(k -> new Found(k.id, k.lab, k.createdAt)).orElse(null);
                // a tag filter is as eventually consistent as a describe by id
                case INSTANCE -> account.instances.values().stream().filter(m -> labId.equals(m.lab) && m.terminatedAt == 0 && now >= m.visibleAt)
                        .findFirst().map(m -> new Found(m.id, m.lab, m.launchedAt)).orElse(null);
                default -> null;
            };
            if (f == null) {
                return Ownership.absent();
            }
            Ownership o = labId.equals(f.lab()) ? Ownership.ours(f.id()) : Ownership.notOurs(f.id());
            return f.created() > 0 ? o.createdAt(java.time.Instant.ofEpochMilli(f.created())) : o;
        });
    }

    @Override
    public String createRepository(String name, String labId) {
        call("ecr:CreateRepository");
        return inAccount(() -> {
            if (account.repositories.containsKey(name)) {
                throw error("RepositoryAlreadyExistsException", "The repository with name '" + name + "' already exists", "ecr:CreateRepository");
            }
            PracticeAccount.Repository r = new PracticeAccount.Repository();
            r.name = name;
            r.arn = partition().arn("ecr", region, ACCOUNT, "repository/" + name);
            r.lab = labId;
            r.createdAt = now();
            account.repositories.put(name, r);
            save();
            return r.arn;
        });
    }

    @Override
    public String createPolicy(String name, String document, String labId) {
        call("iam:CreatePolicy");
        return inAccount(() -> {
            if (exists(ResourceKind.POLICY, name)) {
                throw error("EntityAlreadyExists", "A policy called " + name + " already exists.", "iam:CreatePolicy");
            }
            quota(account.policies.size(), state.policyLimit(), "PoliciesPerAccount", "iam:CreatePolicy");
            PracticeAccount.Policy p = new PracticeAccount.Policy();
            p.name = name;
            p.arn = partition().arn("iam", "", ACCOUNT, "policy/rolelab/" + name);
            p.document = document;
            p.lab = labId;
            p.createdAt = now();
            p.visibleAt = p.createdAt + consistency.delayMillis("policy:" + name, consistency.invisible());
            account.policies.put(p.arn, p);
            save();
            return p.arn;
        });
    }

    @Override
    public String createRole(String name, String trustDocument, String labId) {
        call("iam:CreateRole");
        return inAccount(() -> {
            if (account.roles.containsKey(name)) {
                throw error("EntityAlreadyExists", "Role with name " + name + " already exists.", "iam:CreateRole");
            }
            quota(account.roles.size(), state.roleLimit(), "RolesPerAccount", "iam:CreateRole");
            PracticeAccount.Role r = new PracticeAccount.Role();
            r.name = name;
            r.arn = partition().arn("iam", "", ACCOUNT, "role/rolelab/" + name);
            r.lab = labId;
            r.createdAt = now();
            r.visibleAt = r.createdAt + consistency.delayMillis("role:" + name, consistency.invisible());
            account.roles.put(name, r);
            save();
            return r.arn;
        });
    }

    @Override
    public void attachRolePolicy(String role, String policyArn) {
        call("iam:AttachRolePolicy");
        inAccount(() -> {
            PracticeAccount.Role r = role(role, "iam:AttachRolePolicy");
            PracticeAccount.Policy policy = account.policies.get(policyArn);
            if (policy == null || now() < policy.visibleAt) {
                throw error("NoSuchEntity", "Policy " + policyArn + " does not exist or is not attachable.", "iam:AttachRolePolicy");
            }
            if (!r.attached.contains(policyArn)) {
                r.attached.add(policyArn);
                r.simulatorSeesAt.put(policyArn, now() + consistency.delayMillis("simulator:" + role, consistency.simulatorLag()));
            }
            save();
        });
    }

    @Override
    public String createInstanceProfile(String name, String labId) {
        call("iam:CreateInstanceProfile");
        return inAccount(() -> {
            if (account.profiles.containsKey(name)) {
                throw error("EntityAlreadyExists", "Instance Profile " + name + " already exists.", "iam:CreateInstanceProfile");
            }
            quota(account.profiles.size(), state.instanceProfileLimit(), "InstanceProfilesPerAccount", "iam:CreateInstanceProfile");
            PracticeAccount.Profile p = new PracticeAccount.Profile();
            p.name = name;
            p.arn = partition().arn("iam", "", ACCOUNT, "instance-profile/rolelab/" + name);
            p.lab = labId;
            p.createdAt = now();
            p.visibleAt = p.createdAt + consistency.delayMillis("instance-profile:" + name, consistency.invisible());
            account.profiles.put(name, p);
            save();
            return p.arn;
        });
    }

    @Override
    public void addRoleToInstanceProfile(String profile, String role) {
        call("iam:AddRoleToInstanceProfile");
        inAccount(() -> {
            PracticeAccount.Profile p = profile(profile, "iam:AddRoleToInstanceProfile");
            role(role, "iam:AddRoleToInstanceProfile");
            if (p.role != null && !p.role.equals(role)) {
                throw error("LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", "iam:AddRoleToInstanceProfile");
            }
            p.role = role;
            p.roleAddedAt = now();
            save();
        });
    }

    /**
     * As the engine asks EC2: a chosen subnet is looked up (DescribeSubnets refuses one the account does not have);
     * without one, the default VPC's subnet in the first zone that offers the type (DescribeInstanceTypeOfferings is
     * empty for a type EC2 does not have, and the engine words that as CAPACITY/Unsupported).
     */
    @Override
    public Network network(String instanceType, String subnetId) {
        if (subnetId != null) {
            call("ec2:DescribeSubnets");
            return inAccount(() -> {
                String zone = zoneOf(subnetId);
                if (zone == null) {
                    throw subnetNotFound(subnetId, "ec2:DescribeSubnets");
                }
                return new Network(vpcId(), subnetId, region + zone);
            });
        }
        call("ec2:DescribeVpcs");
        return inAccount(() -> {
            if (!account.defaultVpc) {
                throw new CloudException(CloudException.Kind.NO_DEFAULT_VPC, "VPCIdNotSpecified", "ec2:DescribeVpcs",
                        "this region has no default VPC, so there is nowhere obvious to put the instance",
                        "create a default VPC (`rolelab up --create-default-vpc` does it first; or `aws ec2 create-default-vpc`), or choose a subnet with --subnet", null);
            }
            if (!PracticeCatalogue.offers(instanceType)) {
                throw new CloudException(CloudException.Kind.CAPACITY, "Unsupported", "ec2:DescribeInstanceTypeOfferings",
                        instanceType + " is not offered in any availability zone of the default VPC in " + region,
                        "choose another instance type (t3.micro, t3.small, t4g.micro) or another region", null);
            }
            String zone = PracticeCatalogue.ZONES.get(0); // every zone offers every practice type: the first, as the engine picks
            return new Network(vpcId(), subnetIn(zone), region + zone);
        });
    }

    /** The current default VPC: the first one keeps the id earlier practice accounts knew. */
    private String vpcId() {
        return String.format("vpc-0practice%08x", account.defaultVpcs);
    }

    /**
     * The default VPC's subnet in {@code zone}: an id of the form --subnet accepts (17 hex digits), its own in
     * each region (as in AWS, a subnet of another region does not exist here) and each default VPC.
     */
    private String subnetIn(String zone) {
        return String.format("subnet-0%08x%07x", region.hashCode(), account.defaultVpcs & 0xfffffff) + zone;
    }

    /** The zone letter of one of the default VPC's subnets, or null: no such subnet in this account and region. */
    private String zoneOf(String subnetId) {
        if (!account.defaultVpc) {
            return null; // deleting the default VPC deleted its subnets
        }
        return PracticeCatalogue.ZONES.stream().filter(z -> subnetIn(z).equals(subnetId)).findFirst().orElse(null);
    }

    private CloudException subnetNotFound(String subnetId, String operation) {
        return error("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist", operation);
    }

    @Override
    public String createDefaultVpc() {
        call("ec2:CreateDefaultVpc");
        return inAccount(() -> {
            if (account.defaultVpc) {
                // one default VPC per region, as EC2 has it
                throw error("DefaultVpcAlreadyExists", "A Default VPC already exists for this account in this region.", "ec2:CreateDefaultVpc");
            }
            account.defaultVpcs++; // a new VPC, with new subnets
            account.defaultVpc = true;
            save();
            return vpcId();
        });
    }

    @Override
    public String createSecurityGroup(String name, String description, String vpcId, String labId) {
        call("ec2:CreateSecurityGroup");
        return inAccount(() -> {
            if (exists(ResourceKind.SECURITY_GROUP, name)) {
                throw error("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpcId + "'", "ec2:CreateSecurityGroup");
            }
            PracticeAccount.Group g = new PracticeAccount.Group();
            g.id = "sg-0" + next();
            g.name = name;
            g.vpc = vpcId;
            g.lab = labId;
            g.visibleAt = now() + consistency.delayMillis("security-group:" + name, consistency.invisible());
            account.groups.put(g.id, g);
            save();
            return g.id;
        });
    }

    @Override
    public void allowSsh(String groupId, String cidr) {
        call("ec2:AuthorizeSecurityGroupIngress");
        inAccount(() -> {
            PracticeAccount.Group g = account.groups.get(groupId);
            if (g == null || now() < g.visibleAt) {
                throw error("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist", "ec2:AuthorizeSecurityGroupIngress");
            }
            g.sshFrom.add(cidr);
            save();
        });
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

    private String addKey(String name, String labId, String op) {
        return inAccount(() -> {
            if (account.keys.containsKey(name)) {
                throw error("InvalidKeyPair.Duplicate", "The keypair already exists", op);
            }
            PracticeAccount.Key k = new PracticeAccount.Key();
            k.id = "key-0" + next();
            k.name = name;
            k.lab = labId;
            k.createdAt = now();
            account.keys.put(name, k);
            save();
            return k.id;
        });
    }

    @Override
    public String latestAmi(Architecture architecture) {
        call("ssm:GetParameter");
        return architecture == Architecture.ARM64 ? "ami-0practicearm64000" : "ami-0practicex86_640";
    }

    /** What a new, free-plan or full account refuses at RunInstances, in AWS's words. */
    private void refuseByStanding(String instanceType) {
        if (state.standing() == AccountState.Standing.PENDING_VERIFICATION) {
            throw error("PendingVerification", "Your request for accessing resources in this region is being validated, and you will not be able"
                    + " to launch additional resources in this region until the validation is complete. We will notify you by email once your"
                    + " request has been validated. While normally resolved within minutes, please allow up to 4 hours for this process to complete.",
                    "ec2:RunInstances");
        }
        if (state.standing() == AccountState.Standing.FREE_PLAN && !AccountState.FREE_TIER_TYPES.contains(instanceType)) {
            throw error("InvalidParameterCombination", "The specified instance type is not eligible for Free Tier. For a list of Free Tier"
                    + " instance types, run 'describe-instance-types' with the filter 'free-tier-eligible=true'.", "ec2:RunInstances");
        }
        int running = account.instances.values().stream().filter(m -> m.terminatedAt == 0).mapToInt(m -> AccountState.vcpus(m.type)).sum();
        if (running + AccountState.vcpus(instanceType) > state.vcpuLimit()) {
            throw error("VcpuLimitExceeded", "You have requested more vCPU capacity than your current vCPU limit of " + state.vcpuLimit()
                    + " allows for the instance bucket that the specified instance type belongs to. Please visit"
                    + " http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.", "ec2:RunInstances");
        }
    }

    private void quota(int count, int limit, String name, String op) {
        if (count >= limit) {
            throw error("LimitExceeded", "Cannot exceed quota for " + name + ": " + limit, op);
        }
    }

    @Override
    public String launch(LaunchRequest request, Consumer<String> onRetry) {
        Duration pause = timing.poll();
        for (int attempt = 2; ; attempt++) {
            call("ec2:RunInstances");
            String id = tryLaunch(request);
            if (id != null) {
                return id;
            }
            onRetry.accept("EC2 does not see the new instance profile yet (InvalidParameterValue: IAM propagation); retrying in " + dev.rolelab.cloud.Settling.words(pause)
                    + " (attempt " + attempt + ")");
            pause(pause);
            pause = pause.multipliedBy(2);
        }
    }

    /** @return the new instance id, or null while the instance profile is still propagating */
    private String tryLaunch(LaunchRequest request) {
        return inAccount(() -> {
            if (!PracticeCatalogue.offers(request.instanceType())) {
                throw error("InvalidParameterValue", "Invalid value '" + request.instanceType() + "' for InstanceType.", "ec2:RunInstances");
            }
            if (zoneOf(request.subnetId()) == null) {
                throw subnetNotFound(request.subnetId(), "ec2:RunInstances");
            }
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
            refuseByStanding(request.instanceType());
            PracticeAccount.Machine m = new PracticeAccount.Machine();
            m.id = "i-0" + next() + "practice";
            m.name = request.name();
            m.lab = request.labId();
            m.group = request.securityGroupId();
            m.key = request.keyName();
            m.profile = request.instanceProfile();
            m.type = request.instanceType();
            m.subnet = request.subnetId();
            m.ip = "198.51.100." + (10 + account.instances.size() % 200);
            m.launchedAt = now();
            m.visibleAt = m.launchedAt + consistency.delayMillis("instance:" + request.labId() + ":" + request.name(), consistency.invisible());
            account.instances.put(m.id, m);
            save();
            return m.id;
        });
    }

    @Override
    public Instance waitUntilRunning(String instanceId, Consumer<String> onProgress) {
        return waitUntilRunning(instanceId, onProgress, reason -> { });
    }

    /** Like EC2's own waiter, a new instance that DescribeInstances does not find yet is waited for, not a failure. */
    @Override
    public Instance waitUntilRunning(String instanceId, Consumer<String> onProgress, Consumer<String> onRetry) {
        long end = System.nanoTime() + settling().window().toNanos();
        int attempt = 1;
        while (true) {
            call("ec2:DescribeInstances");
            Instance i;
            try {
                i = describe(instanceId);
            } catch (CloudException e) {
                if (!"InvalidInstanceID.NotFound".equals(e.code()) || System.nanoTime() > end) {
                    throw e;
                }
                onRetry.accept("instance " + instanceId + " not visible yet (InvalidInstanceID.NotFound); retrying in "
                        + dev.rolelab.cloud.Settling.words(settling().pause()) + " (attempt " + ++attempt + ")");
                pause(settling().pause());
                continue;
            }
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
    public Instance describe(String instanceId) {
        return inAccount(() -> {
            PracticeAccount.Machine m = account.instances.get(instanceId);
            if (m == null || now() < m.visibleAt) {
                throw error("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist", "ec2:DescribeInstances");
            }
            String zone = m.subnet == null ? PracticeCatalogue.ZONES.get(0) : m.subnet.substring(m.subnet.length() - 1);
            return new Instance(m.id, state(m), state(m).equals("running") ? m.ip : null, region + zone);
        });
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
        inAccount(() -> {
            PracticeAccount.Machine m = account.instances.get(instanceId);
            // AWS answers InvalidInstanceID.NotFound for one it does not see yet; the port counts that as gone (as the SDK adapter does)
            if (m != null && m.terminatedAt == 0 && now() >= m.visibleAt) {
                m.terminatedAt = now();
                m.interfaceReleasedAt = m.terminatedAt + timing.shuttingDown().toMillis()
                        + consistency.delayMillis("interface:" + m.lab + ":" + m.name, consistency.interfaceRelease());
                save();
            }
        });
    }

    @Override
    public void waitUntilTerminated(String instanceId, Consumer<String> onProgress) {
        while (true) {
            call("ec2:DescribeInstances");
            String state = inAccount(() -> {
                long now = now();
                // terminated instances stay visible for about an hour, then AWS forgets them
                account.instances.values().removeIf(x -> x.terminatedAt > 0 && now - x.terminatedAt > Duration.ofHours(1).toMillis());
                PracticeAccount.Machine m = account.instances.get(instanceId);
                return m == null || now < m.visibleAt ? null : state(m);
            });
            if (state == null) {
                return; // not found: the SDK adapter counts that as gone too
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
        inAccount(() -> {
            long now = now();
            boolean inUse = account.instances.values().stream()
                    .anyMatch(m -> groupId.equals(m.group) && (!state(m).equals("terminated") || now < m.interfaceReleasedAt));
            if (inUse) {
                throw error("DependencyViolation", "resource " + groupId + " has a dependent object", "ec2:DeleteSecurityGroup");
            }
            if (account.groups.remove(groupId) != null) {
                save();
            }
        });
    }

    @Override
    public void deleteKeyPair(String name) {
        call("ec2:DeleteKeyPair");
        inAccount(() -> {
            if (account.keys.remove(name) != null) {
                save();
            }
        });
    }

    @Override
    public void removeRoleFromInstanceProfile(String profile, String role) {
        call("iam:RemoveRoleFromInstanceProfile");
        inAccount(() -> {
            PracticeAccount.Profile p = account.profiles.get(profile);
            if (p != null && role.equals(p.role)) {
                p.role = null;
                save();
            }
        });
    }

    @Override
    public void deleteInstanceProfile(String name) {
        call("iam:DeleteInstanceProfile");
        inAccount(() -> {
            PracticeAccount.Profile p = account.profiles.get(name);
            if (p == null) {
                return;
            }
            if (p.role != null) {
                throw error("DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", "iam:DeleteInstanceProfile");
            }
            account.profiles.remove(name);
            save();
        });
    }

    @Override
    public void detachRolePolicy(String role, String policyArn) {
        call("iam:DetachRolePolicy");
        inAccount(() -> {
            PracticeAccount.Role r = account.roles.get(role);
            if (r != null && r.attached.remove(policyArn)) {
                save();
            }
        });
    }

    @Override
    public void deleteRole(String name) {
        call("iam:DeleteRole");
        inAccount(() -> {
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
        });
    }

    @Override
    public void deletePolicy(String policyArn) {
        call("iam:DeletePolicy");
        inAccount(() -> {
            if (!account.policies.containsKey(policyArn)) {
                return;
            }
            if (account.roles.values().stream().anyMatch(r -> r.attached.contains(policyArn))) {
                throw error("DeleteConflict", "Cannot delete a policy attached to entities.", "iam:DeletePolicy");
            }
            account.policies.remove(policyArn);
            save();
        });
    }

    @Override
    public void deleteRepository(String name) {
        call("ecr:DeleteRepository");
        inAccount(() -> {
            if (account.repositories.remove(name) != null) {
                save();
            }
        });
    }

    @Override
    public List<TaggedResource> tagged() {
        return inAccount(() -> {
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
        });
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
    public java.util.Optional<dev.rolelab.cloud.PushedImage> image(String repository, String tag) {
        return inAccount(() -> {
            call("ecr:DescribeImages");
            PracticeAccount.Repository r = account.repositories.get(repository);
            if (r == null) {
                throw error("RepositoryNotFoundException", "The repository with name '" + repository + "' does not exist", "ecr:DescribeImages");
            }
            return r.images.stream().filter(i -> tag.equals(i.tag)).findFirst()
                    .map(i -> new dev.rolelab.cloud.PushedImage(i.tag, i.digest, i.size, java.time.Instant.ofEpochMilli(i.pushedAt)));
        });
    }

    @Override
    public java.util.Map<String, String> simulate(String roleArn, List<String> actions, String resourceArn) {
        return inAccount(() -> {
            call("iam:SimulatePrincipalPolicy");
            PracticeAccount.Role role = account.roles.values().stream().filter(r -> r.arn.equals(roleArn)).findFirst()
                    .orElseThrow(() -> error("NoSuchEntity", "The role " + roleArn + " cannot be found.", "iam:SimulatePrincipalPolicy"));
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String action : actions) {
                String decision = "implicitDeny";
                for (String policyArn : role.attached) {
                    if (now() < role.simulatorSeesAt.getOrDefault(policyArn, 0L)) {
                        continue; // the simulator does not see the attachment yet: implicitDeny, as AWS answers for a few seconds
                    }
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
        });
    }

    // ---- the simulated image registry (used by the practice host)

    /** Records a pushed image, as a docker push to ECR would. @return its digest */
    public String recordPush(String repository, String tag, long size) {
        return inAccount(() -> {
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
        });
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

    /** The role as IAM's link calls see it: a new one may not be found yet. */
    private PracticeAccount.Role role(String name, String op) {
        PracticeAccount.Role r = account.roles.get(name);
        if (r == null || now() < r.visibleAt) {
            throw error("NoSuchEntity", "The role with name " + name + " cannot be found.", op);
        }
        return r;
    }

    private PracticeAccount.Profile profile(String name, String op) {
        PracticeAccount.Profile p = account.profiles.get(name);
        if (p == null || now() < p.visibleAt) {
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

    /**
     * Runs {@code body} on the account as it is now: under this JVM's lock for the file and an OS lock on
     * a sibling {@code .lock} file, the account reloaded before and saved after (if changed), so two RoleLab
     * processes on one computer are one account, as two terminals on one AWS account are.
     */
    @SuppressWarnings("try") // the lock is held for the block's length: the resource is the point, not a value to use
    private <T> T inAccount(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            if (file == null || lock.getHoldCount() > 1) {
                return body.get();
            }
            dev.rolelab.lab.DataFolder.createOwnerOnly(file.getParent(), true); // RoleLab's own folder, as labs/ and keys/
            try (java.nio.channels.FileChannel channel = ownerOnly(file.resolveSibling(file.getFileName() + ".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock held = channel.lock()) {
                account = load(file);
                dirty = false;
                T result = body.get();
                if (dirty) {
                    write();
                }
                return result;
            }
        } catch (IOException e) {
            // the data folder cannot take the simulated account: worded as for a ledger (what, why, what to do)
            throw new dev.rolelab.lab.LedgerStore.Unwritable("keep the practice account in", file.getParent(), null, e);
        } finally {
            lock.unlock();
        }
    }

    private void inAccount(Runnable body) {
        inAccount(() -> {
            body.run();
            return null;
        });
    }

    /** Marks the account changed: written when the outermost {@link #inAccount} ends. */
    private void save() {
        dirty = true;
    }

    /** Throws the I/O error itself: {@link #inAccount} words it (what, why, what to do) as for a ledger. */
    private void write() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (java.nio.channels.FileChannel out = ownerOnly(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Json.pretty(account).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dirty = false;
    }

    /** Opens a file of the practice folder, created 0600 where the file system has POSIX modes. */
    private static java.nio.channels.FileChannel ownerOnly(Path path, java.nio.file.OpenOption... options) throws IOException {
        if (!dev.rolelab.lab.DataFolder.posix(path)) {
            return java.nio.channels.FileChannel.open(path, options);
        }
        return java.nio.channels.FileChannel.open(path, java.util.Set.of(options),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(dev.rolelab.lab.DataFolder.OWNER_ONLY_FILE));
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
