package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.CreatedKey;
import dev.rolelab.cloud.Identity;
import dev.rolelab.cloud.Instance;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.cloud.Network;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.ResourceKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The {@link Cloud} port on the AWS SDK for Java v2: the controllers, one per service, behind one face. */
public final class AwsCloud implements Cloud, AutoCloseable {

    private final AwsSettings settings;
    private final AwsClients clients;
    private final IamController iam;
    private final Ec2Controller ec2;
    private final EcrController ecr;

    public AwsCloud(AwsSettings settings) {
        this.settings = settings;
        this.clients = new AwsClients(settings);
        this.iam = new IamController(clients.iam);
        this.ec2 = new Ec2Controller(clients.ec2, settings);
        this.ecr = new EcrController(clients.ecr);
    }

    /** The regions the SDK knows (its global pseudo-regions left out). */
    public static Set<String> sdkRegions() {
        return SdkRegions.CATALOGUE.known();
    }

    /** Region id → its name as AWS writes it ("US East (N. Virginia)"). */
    public static java.util.Map<String, String> regionNames() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String id : sdkRegions()) {
            out.put(id, SdkRegions.CATALOGUE.name(id));
        }
        return out;
    }

    /** The profiles in the local AWS config and credentials files, with whether each signs in through SSO. */
    public static java.util.Map<String, Boolean> profiles() {
        java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
        try {
            software.amazon.awssdk.profiles.ProfileFile.defaultProfileFile().profiles().forEach((name, p) ->
                    out.put(name, p.property("sso_start_url").isPresent() || p.property("sso_session").isPresent()));
        } catch (RuntimeException e) {
            // no readable config: no profiles
        }
        return out;
    }

    /**
     * Whether this computer has any AWS credentials configured: the environment or the config files.
     * Cheap on purpose (no SDK class is loaded): the welcome page asks it before the first frame.
     */
    public static boolean credentialsConfigured() {
        if (System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null) {
            return true;
        }
        java.nio.file.Path aws = java.nio.file.Path.of(System.getProperty("user.home"), ".aws");
        for (String f : new String[] {System.getProperty("aws.configFile", System.getenv().getOrDefault("AWS_CONFIG_FILE", aws.resolve("config").toString())),
                System.getProperty("aws.sharedCredentialsFile", System.getenv().getOrDefault("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString()))}) {
            if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<String> knownRegions() {
        return sdkRegions();
    }

    @Override
    public dev.rolelab.cloud.Regions regions() {
        return SdkRegions.CATALOGUE;
    }

    @Override
    public Identity identity() {
        var r = AwsCall.call("sts:GetCallerIdentity", () -> clients.sts.get().getCallerIdentity());
        return new Identity(r.account(), r.arn(), r.userId());
    }

    @Override
    public String publicIp() {
        try {
            // over IPv4 only: the SSH rule is an IPv4 /32 (see Ipv4Get for why HttpURLConnection cannot be used)
            Ipv4Get.Answer a = Ipv4Get.get(settings.checkIp(), java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(5));
            String ip = a.body().trim();
            if (a.status() == 200 && ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return ip;
            }
            throw noIp(a.status() == 200 ? "the answer was not an IPv4 address" : "the check answered HTTP " + a.status(), null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CloudException c) {
                throw c;
            }
            throw noIp(e.getMessage() == null ? "the connection failed" : e.getMessage(), e);
        }
    }

    private CloudException noIp(String why, Throwable cause) {
        return new CloudException(CloudException.Kind.NETWORK, null, "GET " + settings.checkIp(),
                "could not detect your public IP address (" + why + ")",
                "type it yourself followed by /32, e.g. 203.0.113.7/32 (search \"what is my ip\")", cause);
    }

    @Override
    public boolean exists(ResourceKind kind, String name) {
        return switch (kind) {
            case REPOSITORY -> ecr.exists(name);
            case POLICY -> iam.policyExists(name);
            case ROLE -> iam.roleExists(name);
            case INSTANCE_PROFILE -> iam.instanceProfileExists(name);
            case SECURITY_GROUP -> ec2.securityGroupExists(name);
            case KEY_PAIR -> ec2.keyPairExists(name);
            default -> false;
        };
    }

    @Override
    public Ownership ownership(ResourceKind kind, String name, String labId) {
        return switch (kind) {
            case REPOSITORY -> ecr.ownership(name, labId);
            case POLICY, ROLE, INSTANCE_PROFILE -> iam.ownership(kind, name, labId);
            case SECURITY_GROUP, KEY_PAIR, INSTANCE -> ec2.ownership(kind, name, labId);
            default -> throw new IllegalArgumentException(kind + " has no owner tag");
        };
    }

    @Override
    public String createRepository(String name, String labId) {
        return ecr.createRepository(name, labId);
    }

    @Override
    public String createPolicy(String name, String document, String labId) {
        return iam.createPolicy(name, document, labId);
    }

    @Override
    public String createRole(String name, String trustDocument, String labId) {
        return iam.createRole(name, trustDocument, labId);
    }

    @Override
    public void attachRolePolicy(String role, String policyArn) {
        iam.attachRolePolicy(role, policyArn);
    }

    @Override
    public String createInstanceProfile(String name, String labId) {
        return iam.createInstanceProfile(name, labId);
    }

    @Override
    public void addRoleToInstanceProfile(String profile, String role) {
        iam.addRoleToInstanceProfile(profile, role);
    }

    @Override
    public Network network(String instanceType, String subnetId) {
        return ec2.network(instanceType, subnetId);
    }

    @Override
    public String createDefaultVpc() {
        return ec2.createDefaultVpc();
    }

    @Override
    public String createSecurityGroup(String name, String description, String vpcId, String labId) {
        return ec2.createSecurityGroup(name, description, vpcId, labId);
    }

    @Override
    public void allowSsh(String groupId, String cidr) {
        ec2.allowSsh(groupId, cidr);
    }

    @Override
    public String importKeyPair(String name, String publicKeyOpenSsh, String labId) {
        return ec2.importKeyPair(name, publicKeyOpenSsh, labId);
    }

    @Override
    public CreatedKey createKeyPair(String name, String labId) {
        return ec2.createKeyPair(name, labId);
    }

    @Override
    public String latestAmi(Architecture architecture) {
        return AwsCall.call("ssm:GetParameter", () -> clients.ssm.get().getParameter(r -> r.name(architecture.amiParameter())).parameter().value());
    }

    @Override
    public String launch(LaunchRequest request, Consumer<String> onRetry) {
        return ec2.launch(request, onRetry);
    }

    @Override
    public Instance waitUntilRunning(String instanceId, Consumer<String> onProgress) {
        return ec2.waitUntilRunning(instanceId, onProgress);
    }

    @Override
    public Instance waitUntilRunning(String instanceId, Consumer<String> onProgress, Consumer<String> onRetry) {
        return ec2.waitUntilRunning(instanceId, onProgress, onRetry);
    }

    /** As long as a new instance profile may take to reach EC2; asked again after at most a second. */
    @Override
    public dev.rolelab.cloud.Settling settling() {
        java.time.Duration pause = settings.propagationPause().compareTo(java.time.Duration.ofSeconds(1)) < 0
                ? settings.propagationPause() : java.time.Duration.ofSeconds(1);
        return new dev.rolelab.cloud.Settling(settings.propagationDeadline(), pause);
    }

    @Override
    public String consoleOutput(String instanceId) {
        return ec2.consoleOutput(instanceId);
    }

    @Override
    public java.util.Optional<dev.rolelab.cloud.PushedImage> image(String repository, String tag) {
        return ecr.image(repository, tag).map(d -> new dev.rolelab.cloud.PushedImage(tag, d.imageDigest(),
                d.imageSizeInBytes() == null ? 0 : d.imageSizeInBytes(), d.imagePushedAt()));
    }

    @Override
    public java.util.Map<String, String> simulate(String roleArn, List<String> actions, String resourceArn) {
        return iam.simulate(roleArn, actions, resourceArn);
    }

    @Override
    public Instance instance(String instanceId) {
        return ec2.describe(instanceId).orElseThrow(() -> new CloudException(CloudException.Kind.NOT_FOUND, "InvalidInstanceID.NotFound",
                "ec2:DescribeInstances", "instance " + instanceId + " no longer exists", "", null));
    }

    @Override
    public void terminate(String instanceId) {
        ec2.terminate(instanceId);
    }

    @Override
    public void waitUntilTerminated(String instanceId, Consumer<String> onProgress) {
        ec2.waitUntilTerminated(instanceId, onProgress);
    }

    @Override
    public void deleteSecurityGroup(String groupId) {
        ec2.deleteSecurityGroup(groupId);
    }

    @Override
    public void deleteKeyPair(String name) {
        ec2.deleteKeyPair(name);
    }

    @Override
    public void removeRoleFromInstanceProfile(String profile, String role) {
        iam.removeRoleFromInstanceProfile(profile, role);
    }

    @Override
    public void deleteInstanceProfile(String name) {
        iam.deleteInstanceProfile(name);
    }

    @Override
    public void detachRolePolicy(String role, String policyArn) {
        iam.detachRolePolicy(role, policyArn);
    }

    @Override
    public void deleteRole(String name) {
        iam.deleteRole(name);
    }

    @Override
    public void deletePolicy(String policyArn) {
        iam.deletePolicy(policyArn);
    }

    @Override
    public void deleteRepository(String name) {
        ecr.deleteRepository(name);
    }

    @Override
    public List<TaggedResource> tagged() {
        List<TaggedResource> out = new ArrayList<>(ec2.tagged());
        out.addAll(iam.tagged());
        out.addAll(ecr.tagged());
        return out;
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public java.util.Map<String, String> simulateCustomPolicy(String policyJson, List<String> actions, String resourceArn,
                                                              java.util.Map<String, String> context) {
        return iam.simulateCustomPolicy(policyJson, actions, resourceArn, context);
    }
}
