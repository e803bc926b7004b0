package dev.rolelab.cloud.aws;

import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.CreatedKey;
import dev.rolelab.cloud.Instance;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.cloud.Network;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.cloud.TaggedResource;
import dev.rolelab.cloud.Tags;
import dev.rolelab.lab.InstanceFamily;
import dev.rolelab.lab.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2 actions, one method per call (EC2 has no typed exceptions: errors are told apart by code). */
final class Ec2Controller {

    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped", "shutting-down");

    private final Supplier<Ec2Client> ec2;
    private final AwsSettings settings;

    Ec2Controller(Supplier<Ec2Client> ec2, AwsSettings settings) {
        this.ec2 = ec2;
        this.settings = settings;
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static TagSpecification tags(ResourceType type, String labId, String name) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key(Tags.LAB).value(labId).build());
        if (name != null) {
            tags.add(Tag.builder().key("Name").value(name).build());
        }
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    Network network(String instanceType, String subnetId) {
        Ec2Client c = ec2.get();
        if (subnetId != null) {
            Subnet s = AwsCall.call("ec2:DescribeSubnets", () -> c.describeSubnets(r -> r.subnetIds(subnetId)).subnets()).stream()
                    .findFirst().orElseThrow(() -> CloudErrors.of("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist",
                            "ec2:DescribeSubnets", null)); // EC2 answers that error itself; an empty answer is worded the same
            return new Network(s.vpcId(), s.subnetId(), s.availabilityZone());
        }
        String vpcId = AwsCall.call("ec2:DescribeVpcs", () -> c.describeVpcs(r -> r.filters(filter("isDefault", "true"))).vpcs())
                .stream().findFirst().map(v -> v.vpcId()).orElseThrow(() -> new CloudException(CloudException.Kind.NO_DEFAULT_VPC,
                        "VPCIdNotSpecified", "ec2:DescribeVpcs",
                        "this region has no default VPC, so there is nowhere obvious to put the instance",
                        "create a default VPC (`rolelab up --create-default-vpc` does it first; or `aws ec2 create-default-vpc`), or choose a subnet with --subnet", null));
        Set<String> zones = AwsCall.call("ec2:DescribeInstanceTypeOfferings", () -> c.describeInstanceTypeOfferingsPaginator(r -> r
                .locationType(LocationType.AVAILABILITY_ZONE).filters(filter("instance-type", instanceType)))
                .instanceTypeOfferings().stream().map(o -> o.location()).collect(Collectors.toSet()));
        List<Subnet> subnets = AwsCall.call("ec2:DescribeSubnets", () -> c.describeSubnets(r -> r
                .filters(filter("vpc-id", vpcId), filter("default-for-az", "true"))).subnets());
        return subnets.stream().filter(s -> zones.contains(s.availabilityZone()))
                .min(Comparator.comparing(Subnet::availabilityZone))
                .map(s -> new Network(vpcId, s.subnetId(), s.availabilityZone()))
                .orElseThrow(() -> new CloudException(CloudException.Kind.CAPACITY, "Unsupported", "ec2:DescribeInstanceTypeOfferings",
                        instanceType + " is not offered in any availability zone of the default VPC in " + settings.region(),
                        "choose another instance type (t3.micro, t3.small, t4g.micro) or another region", null));
    }

    String createDefaultVpc() {
        return AwsCall.call("ec2:CreateDefaultVpc", () -> ec2.get().createDefaultVpc(r -> { }).vpc().vpcId());
    }

    String createSecurityGroup(String name, String description, String vpcId, String labId) {
        return AwsCall.call("ec2:CreateSecurityGroup", () -> ec2.get().createSecurityGroup(r -> r.groupName(name)
                .description(description).vpcId(vpcId).tagSpecifications(tags(ResourceType.SECURITY_GROUP, labId, name))).groupId());
    }

    void allowSsh(String groupId, String cidr) {
        boolean v6 = cidr.contains(":");
        IpPermission.Builder p = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22);
        if (v6) {
            p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr).description("SSH from the RoleLab user").build());
        } else {
            p.ipRanges(IpRange.builder().cidrIp(cidr).description("SSH from the RoleLab user").build());
        }
        IpPermission permission = p.build();
        AwsCall.run("ec2:AuthorizeSecurityGroupIngress", () -> ec2.get().authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                .ipPermissions(permission)));
    }

    String importKeyPair(String name, String publicKey, String labId) {
        return AwsCall.call("ec2:ImportKeyPair", () -> ec2.get().importKeyPair(r -> r.keyName(name)
                .publicKeyMaterial(SdkBytes.fromString(publicKey, StandardCharsets.US_ASCII))
                .tagSpecifications(tags(ResourceType.KEY_PAIR, labId, null))).keyPairId());
    }

    CreatedKey createKeyPair(String name, String labId) {
        var response = AwsCall.call("ec2:CreateKeyPair", () -> ec2.get().createKeyPair(r -> r.keyName(name)
                .keyType(KeyType.ED25519).keyFormat(KeyFormat.PEM).tagSpecifications(tags(ResourceType.KEY_PAIR, labId, null))));
        return new CreatedKey(response.keyPairId(), response.keyMaterial().toCharArray());
    }

    boolean securityGroupExists(String name) {
        return !groupsNamed(name).isEmpty();
    }

    boolean keyPairExists(String name) {
        return !AwsCall.call("ec2:DescribeKeyPairs", () -> ec2.get().describeKeyPairs(r -> r.filters(filter("key-name", name))).keyPairs()).isEmpty();
    }

    private List<SecurityGroup> groupsNamed(String name) {
        return AwsCall.call("ec2:DescribeSecurityGroups", () -> ec2.get().describeSecurityGroups(r -> r
                .filters(filter("group-name", name))).securityGroups());
    }

    Ownership ownership(ResourceKind kind, String name, String labId) {
        return switch (kind) {
            case SECURITY_GROUP -> groupsNamed(name).stream().findFirst()
                    .map(g -> owned(g.groupId(), g.tags(), labId)).orElse(Ownership.absent());
            case KEY_PAIR -> AwsCall.call("ec2:DescribeKeyPairs", () -> ec2.get().describeKeyPairs(r -> r.filters(filter("key-name", name))).keyPairs())
                    .stream().findFirst().map(k -> owned(k.keyPairId(), k.tags(), labId).createdAt(k.createTime())).orElse(Ownership.absent());
            case INSTANCE -> AwsCall.call("ec2:DescribeInstances", () -> ec2.get().describeInstances(r -> r.filters(
                            filter("tag:" + Tags.LAB, labId), filter("instance-state-name", LIVE_STATES.toArray(String[]::new)))).reservations())
                    .stream().flatMap(res -> res.instances().stream()).findFirst()
                    .map(i -> Ownership.ours(i.instanceId())).orElse(Ownership.absent());
            default -> throw new IllegalArgumentException(kind + " is not an EC2 resource");
        };
    }

    private static Ownership owned(String id, List<Tag> tags, String labId) {
        boolean ours = tags != null && tags.stream().anyMatch(t -> Tags.LAB.equals(t.key()) && labId.equals(t.value()));
        return ours ? Ownership.ours(id) : Ownership.notOurs(id);
    }

    /**
     * RunInstances. A just-made instance profile takes a few seconds to reach EC2, which then answers
     * InvalidParameterValue; only that is retried, until the deadline (Terraform's provider does the same).
     */
    String launch(LaunchRequest q, Consumer<String> onRetry) {
        long end = System.nanoTime() + settings.propagationDeadline().toNanos();
        long pause = Math.max(1, settings.propagationPause().toMillis());
        for (int attempt = 2; ; attempt++) {
            try {
                return AwsCall.call("ec2:RunInstances", () -> ec2.get().runInstances(r -> {
                    r.imageId(q.imageId()).instanceType(q.instanceType()).keyName(q.keyName()).minCount(1).maxCount(1)
                            .iamInstanceProfile(p -> p.name(q.instanceProfile()))
                            .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(q.subnetId())
                                    .groups(q.securityGroupId()).associatePublicIpAddress(true).deleteOnTermination(true).build())
                            .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint(InstanceMetadataEndpointState.ENABLED)
                                    .httpPutResponseHopLimit(2))
                            .tagSpecifications(tags(ResourceType.INSTANCE, q.labId(), q.name()), tags(ResourceType.VOLUME, q.labId(), q.name()));
                    if (InstanceFamily.burstable(q.instanceType())) {
                        r.creditSpecification(c -> c.cpuCredits("standard"));
                    }
                }).instances().get(0).instanceId());
            } catch (CloudException e) {
                boolean propagating = "InvalidParameterValue".equals(e.code()) && (e.getMessage().contains("Invalid IAM Instance Profile")
                        || e.getMessage().contains("has no associated IAM Roles"));
                if (!propagating || System.nanoTime() + pause * 1_000_000 > end) {
                    throw e;
                }
                onRetry.accept("EC2 does not see the new instance profile yet (InvalidParameterValue: IAM propagation, usually under 15 s); retrying in "
                        + dev.rolelab.cloud.Settling.words(java.time.Duration.ofMillis(pause)) + " (attempt " + attempt + ")");
                sleepFor(pause, "ec2:RunInstances");
                pause = Math.min(pause * 2, 10_000);
            }
        }
    }

    /**
     * Polls until the instance runs. Not the SDK's waiter: {@code onProgress} hears every poll, so a
     * cancel (which it signals by throwing) takes effect within one poll rather than after the waiter's minutes.
     */
    Instance waitUntilRunning(String instanceId, Consumer<String> onProgress) {
        return waitUntilRunning(instanceId, onProgress, reason -> { });
    }

    /**
     * As the SDK's {@code waitUntilInstanceRunning} does, {@code InvalidInstanceID.NotFound} right after
     * RunInstances means "not visible yet" (EC2 is eventually consistent): asked again until the propagation deadline.
     */
    Instance waitUntilRunning(String instanceId, Consumer<String> onProgress, Consumer<String> onRetry) {
        long end = System.nanoTime() + settings.propagationDeadline().toNanos();
        long pause = Math.max(1, Math.min(settings.propagationPause().toMillis(), 1000));
        for (int attempt = 2; ; attempt++) {
            try {
                return poll(instanceId, "running", List.of("pending"), onProgress);
            } catch (CloudException e) {
                if (!"InvalidInstanceID.NotFound".equals(e.code()) || System.nanoTime() + pause * 1_000_000 > end) {
                    throw e;
                }
                onRetry.accept("instance " + instanceId + " not visible yet (InvalidInstanceID.NotFound); retrying in "
                        + dev.rolelab.cloud.Settling.words(java.time.Duration.ofMillis(pause)) + " (attempt " + attempt + ")");
                sleepFor(pause, "ec2:DescribeInstances");
                pause = Math.min(pause * 2, 5_000);
            }
        }
    }

    private Instance poll(String instanceId, String goal, List<String> onTheWay, Consumer<String> onProgress) {
        Duration pause = settings.waiterPoll() != null ? settings.waiterPoll() : Duration.ofSeconds(5);
        long end = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Instance i = describe(instanceId).orElseThrow(() -> new CloudException(CloudException.Kind.NOT_FOUND,
                    "InvalidInstanceID.NotFound", "ec2:DescribeInstances", "instance " + instanceId + " has disappeared", "", null));
            onProgress.accept(i.state());
            if (goal.equals(i.state())) {
                return i;
            }
            if (!onTheWay.contains(i.state())) {
                throw new CloudException(CloudException.Kind.OTHER, "IncorrectInstanceState", "ec2:DescribeInstances",
                        "instance " + instanceId + " is " + i.state() + " instead of " + goal, "look at it in the EC2 console", null);
            }
            if (System.nanoTime() > end) {
                throw new CloudException(CloudException.Kind.OTHER, "Timeout", "ec2:DescribeInstances",
                        "instance " + instanceId + " is still " + i.state() + " after 10 minutes", "look at it in the EC2 console", null);
            }
            sleepFor(pause.toMillis(), "ec2:DescribeInstances");
        }
    }

    Optional<Instance> describe(String instanceId) {
        return first(AwsCall.call("ec2:DescribeInstances", () -> ec2.get().describeInstances(r -> r.instanceIds(instanceId))));
    }

    private static Optional<Instance> first(DescribeInstancesResponse r) {
        return r.reservations().stream().map(Reservation::instances).flatMap(List::stream).findFirst()
                .map(i -> new Instance(i.instanceId(), i.state().nameAsString(), i.publicIpAddress(),
                        i.placement() == null ? null : i.placement().availabilityZone()));
    }

    void terminate(String instanceId) {
        AwsCall.delete("ec2:TerminateInstances", () -> ec2.get().terminateInstances(r -> r.instanceIds(instanceId)), "InvalidInstanceID.NotFound");
    }

    void waitUntilTerminated(String instanceId, Consumer<String> onProgress) {
        try {
            poll(instanceId, "terminated", List.of("pending", "running", "stopping", "stopped", "shutting-down"), onProgress);
        } catch (CloudException e) {
            if (!"InvalidInstanceID.NotFound".equals(e.code())) {
                throw e;
            }
        }
    }

    void deleteSecurityGroup(String groupId) {
        AwsCall.delete("ec2:DeleteSecurityGroup", () -> ec2.get().deleteSecurityGroup(r -> r.groupId(groupId)), "InvalidGroup.NotFound");
    }

    void deleteKeyPair(String name) {
        AwsCall.delete("ec2:DeleteKeyPair", () -> ec2.get().deleteKeyPair(r -> r.keyName(name)), "InvalidKeyPair.NotFound");
    }

    /**
     * GetConsoleOutput. {@code Latest=true} (the live buffer) works only on Nitro instances; older types
     * answer UnsupportedOperation, and then the buffered output is asked for instead.
     */
    String consoleOutput(String instanceId) {
        String b64;
        try {
            b64 = AwsCall.call("ec2:GetConsoleOutput", () -> ec2.get().getConsoleOutput(r -> r.instanceId(instanceId).latest(true)).output());
        } catch (CloudException e) {
            if (!"UnsupportedOperation".equals(e.code()) && e.kind() != CloudException.Kind.INVALID) {
                throw e;
            }
            b64 = AwsCall.call("ec2:GetConsoleOutput", () -> ec2.get().getConsoleOutput(r -> r.instanceId(instanceId)).output());
        }
        return b64 == null ? "" : new String(java.util.Base64.getMimeDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8);
    }

    List<TaggedResource> tagged() {
        List<TaggedResource> out = new ArrayList<>();
        Filter tagged = filter("tag-key", Tags.LAB);
        AwsCall.call("ec2:DescribeInstances", () -> ec2.get().describeInstancesPaginator(r -> r.filters(tagged,
                filter("instance-state-name", LIVE_STATES.toArray(String[]::new)))).reservations()).forEach(res -> res.instances().forEach(i ->
                labOf(i.tags()).ifPresent(lab -> out.add(new TaggedResource(ResourceKind.INSTANCE, nameOf(i.tags(), i.instanceId()), i.instanceId(), lab)))));
        AwsCall.call("ec2:DescribeSecurityGroups", () -> ec2.get().describeSecurityGroups(r -> r.filters(tagged)).securityGroups()).forEach(g ->
                labOf(g.tags()).ifPresent(lab -> out.add(new TaggedResource(ResourceKind.SECURITY_GROUP, g.groupName(), g.groupId(), lab))));
        AwsCall.call("ec2:DescribeKeyPairs", () -> ec2.get().describeKeyPairs(r -> r.filters(tagged)).keyPairs()).forEach(k ->
                labOf(k.tags()).ifPresent(lab -> out.add(new TaggedResource(ResourceKind.KEY_PAIR, k.keyName(), k.keyPairId(), lab))));
        return out;
    }

    private static Optional<String> labOf(List<Tag> tags) {
        return tags.stream().filter(t -> Tags.LAB.equals(t.key())).map(Tag::value).findFirst();
    }

    private static String nameOf(List<Tag> tags, String fallback) {
        return tags.stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(fallback);
    }

    private static void sleepFor(long millis, String operation) {
        try {
            Thread.sleep(millis); // a named, bounded wait: IAM propagation or an instance changing state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(CloudException.Kind.OTHER, null, operation, "interrupted while waiting", "", e);
        }
    }
}
