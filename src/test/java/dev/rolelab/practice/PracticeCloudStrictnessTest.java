package dev.rolelab.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.lab.Architecture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The practice cloud is as strict as AWS: eventual consistency from a seed, account states and quotas, in AWS's words. */
class PracticeCloudStrictnessTest {

    private static final String LAB = "lab-0000beef";
    /** Long enough that a test's next call surely falls inside the invisible window. */
    private static final PracticeCloud.Consistency SLOW = new PracticeCloud.Consistency(0, Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2));

    /** A seed under which {@code what} stays invisible for at least {@code atLeast} ms of {@code max}. */
    private static PracticeCloud.Consistency invisibleFor(String what, PracticeCloud.Consistency base, Duration max, long atLeast) {
        for (long seed = 1; ; seed++) {
            PracticeCloud.Consistency c = new PracticeCloud.Consistency(seed, base.invisible(), base.simulatorLag(), base.interfaceRelease());
            if (c.delayMillis(what, max) >= atLeast) {
                return c;
            }
        }
    }

    private static PracticeCloud cloud(PracticeCloud.Consistency c, AccountState state) {
        return new PracticeCloud(null, "us-east-1", PracticeCloud.Timing.INSTANT, c, state);
    }

    @Test
    void oneSeedReplaysOneRunAndAnotherSeedDiffers() {
        PracticeCloud.Consistency a = PracticeCloud.Consistency.fast(7);
        PracticeCloud.Consistency b = PracticeCloud.Consistency.fast(7);
        List<Long> first = new ArrayList<>();
        List<Long> again = new ArrayList<>();
        List<Long> other = new ArrayList<>();
        for (String what : List.of("role:containerise", "policy:ECRContainerise", "instance-profile:containerise", "security-group:x", "instance:l:n")) {
            first.add(a.delayMillis(what, a.invisible()));
            again.add(b.delayMillis(what, b.invisible()));
            other.add(PracticeCloud.Consistency.fast(8).delayMillis(what, a.invisible()));
        }
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.stream().allMatch(d -> d >= 0 && d <= 40), first.toString());
    }

    @Test
    void aNewRoleIsNotFoundByAttachRolePolicyForAWhile() {
        PracticeCloud c = cloud(invisibleFor("role:containerise", SLOW, SLOW.invisible(), 1000), AccountState.ACTIVE);
        c.createRole("containerise", "{}", LAB);
        String policy = c.createPolicy("other", "{}", LAB);
        c.account().policies.get(policy).visibleAt = 0; // only the role is new here
        CloudException e = assertThrows(CloudException.class, () -> c.attachRolePolicy("containerise", policy));
        assertEquals("NoSuchEntity", e.code());
        c.account().roles.get("containerise").visibleAt = 0; // time passes
        c.attachRolePolicy("containerise", policy);
        assertEquals(List.of(policy), c.account().roles.get("containerise").attached);
    }

    @Test
    void aNewProfileIsNotFoundByAddRoleToInstanceProfile() {
        PracticeCloud c = cloud(invisibleFor("instance-profile:containerise", SLOW, SLOW.invisible(), 1000), AccountState.ACTIVE);
        c.createRole("containerise", "{}", LAB);
        c.account().roles.get("containerise").visibleAt = 0;
        c.createInstanceProfile("containerise", LAB);
        assertEquals("NoSuchEntity", assertThrows(CloudException.class, () -> c.addRoleToInstanceProfile("containerise", "containerise")).code());
        c.account().profiles.get("containerise").visibleAt = 0;
        c.addRoleToInstanceProfile("containerise", "containerise");
    }

    @Test
    void aNewGroupIsNotFoundByAuthorizeIngress() {
        PracticeCloud c = cloud(invisibleFor("security-group:g", SLOW, SLOW.invisible(), 1000), AccountState.ACTIVE);
        String id = c.createSecurityGroup("g", "d", "vpc-1", LAB);
        CloudException e = assertThrows(CloudException.class, () -> c.allowSsh(id, "203.0.113.7/32"));
        assertEquals("InvalidGroup.NotFound", e.code());
        assertTrue(e.describe().contains("InvalidGroup.NotFound"), e.describe());
    }

    /** While the instance profile propagates, practice answers RunInstances as EC2 does, and the retry line names that code. */
    @Test
    void aLaunchRightAfterTheProfileGotItsRoleIsRetriedNamingEc2sCode() {
        PracticeCloud c = new PracticeCloud(null, "us-east-1", new PracticeCloud.Timing(Duration.ZERO, Duration.ZERO, Duration.ofMillis(300),
                Duration.ZERO, Duration.ofMillis(50)), PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        c.createRole("r", "{}", LAB);
        c.createInstanceProfile("p", LAB);
        c.addRoleToInstanceProfile("p", "r");
        String group = c.createSecurityGroup("g", "d", "vpc-1", LAB);
        c.importKeyPair("k", "ssh-ed25519 AAAA", LAB);
        java.util.List<String> retries = new java.util.ArrayList<>();
        c.launch(new LaunchRequest("n", LAB, c.latestAmi(Architecture.X86_64), "t3.micro", c.network("t3.micro", null).subnetId(), group, "k", "p"), retries::add);
        assertTrue(!retries.isEmpty(), "the profile was 0 ms old: EC2 does not see it yet");
        assertTrue(retries.get(0).contains("(InvalidParameterValue"), retries.get(0));
    }

    private static String launch(PracticeCloud c, String type) {
        c.createRole("r", "{}", LAB);
        c.account().roles.get("r").visibleAt = 0;
        c.createInstanceProfile("p", LAB);
        c.account().profiles.get("p").visibleAt = 0;
        c.addRoleToInstanceProfile("p", "r");
        String group = c.createSecurityGroup("g", "d", "vpc-1", LAB);
        c.importKeyPair("k", "ssh-ed25519 AAAA", LAB);
        return c.launch(new LaunchRequest("n", LAB, c.latestAmi(Architecture.X86_64), type, c.network("t3.micro", null).subnetId(), group, "k", "p"), r -> { });
    }

    @Test
    void aNewInstanceIsNotFoundThenTheWaitAcceptsThatAsTheSdkWaiterDoes() {
        PracticeCloud c = cloud(invisibleFor("instance:" + LAB + ":n", PracticeCloud.Consistency.fast(0),
                PracticeCloud.Consistency.fast(0).invisible(), 15), AccountState.ACTIVE);
        String id = launch(c, "t3.micro");
        assertEquals("InvalidInstanceID.NotFound", assertThrows(CloudException.class, () -> c.instance(id)).code());
        List<String> retries = new ArrayList<>();
        assertEquals("running", c.waitUntilRunning(id, s -> { }, retries::add).state());
        assertTrue(!retries.isEmpty() && retries.get(0).equals("instance " + id + " not visible yet (InvalidInstanceID.NotFound); retrying in 12 ms (attempt 2)"),
                retries.toString());
    }

    @Test
    void theSimulatorAnswersImplicitDenyJustAfterTheAttach() {
        PracticeCloud c = cloud(invisibleFor("simulator:r", SLOW, SLOW.simulatorLag(), 1000), AccountState.ACTIVE);
        String role = c.createRole("r", "{}", LAB);
        c.account().roles.get("r").visibleAt = 0;
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:PutImage\",\"Resource\":\"*\"}]}";
        String policy = c.createPolicy("p", doc, LAB);
        c.account().policies.get(policy).visibleAt = 0;
        c.attachRolePolicy("r", policy);
        assertEquals(Map.of("ecr:PutImage", "implicitDeny"), c.simulate(role, List.of("ecr:PutImage"), "arn:aws:ecr:us-east-1:123456789012:repository/x"));
        c.account().roles.get("r").simulatorSeesAt.put(policy, 0L);
        assertEquals(Map.of("ecr:PutImage", "allowed"), c.simulate(role, List.of("ecr:PutImage"), "arn:aws:ecr:us-east-1:123456789012:repository/x"));
    }

    @Test
    void aTerminatedInstancesInterfaceHoldsItsGroupForAWhile() {
        PracticeCloud c = cloud(invisibleFor("interface:" + LAB + ":n", SLOW, SLOW.interfaceRelease(), 1000), AccountState.ACTIVE);
        String id = launch(c, "t3.micro");
        c.account().instances.get(id).visibleAt = 0;
        c.terminate(id);
        c.waitUntilTerminated(id, s -> { });
        String group = c.account().instances.get(id).group;
        CloudException e = assertThrows(CloudException.class, () -> c.deleteSecurityGroup(group));
        assertEquals("DependencyViolation", e.code());
        c.account().instances.get(id).interfaceReleasedAt = 0;
        c.deleteSecurityGroup(group);
        assertTrue(c.account().groups.isEmpty());
    }

    @Test
    void anAccountBeingVerifiedCannotLaunch() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE.withStanding(AccountState.Standing.PENDING_VERIFICATION));
        CloudException e = assertThrows(CloudException.class, () -> launch(c, "t3.micro"));
        assertEquals("PendingVerification", e.code());
        assertTrue(e.getMessage().contains("is being validated"), e.getMessage());
        assertTrue(c.account().instances.isEmpty());
    }

    @Test
    void aFreePlanAccountLaunchesOnlyFreeTierTypes() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE.withStanding(AccountState.Standing.FREE_PLAN));
        CloudException e = assertThrows(CloudException.class, () -> launch(c, "t3.medium"));
        assertEquals("InvalidParameterCombination", e.code());
        assertTrue(e.getMessage().contains("not eligible for Free Tier"), e.getMessage());
        PracticeCloud ok = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE.withStanding(AccountState.Standing.FREE_PLAN));
        assertTrue(launch(ok, "t4g.micro").startsWith("i-"));
    }

    @Test
    void theVcpuQuotaCountsRunningInstances() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE.withVcpuLimit(3));
        String first = launch(c, "t3.micro");
        String group = c.account().instances.get(first).group;
        String subnet = c.network("t3.micro", null).subnetId();
        CloudException e = assertThrows(CloudException.class, () -> c.launch(new LaunchRequest("n2", LAB, "ami-1", "t3.micro", subnet,
                group, "k", "p"), r -> { }));
        assertEquals("VcpuLimitExceeded", e.code());
        assertTrue(e.getMessage().contains("current vCPU limit of 3"), e.getMessage());
        c.terminate(first);
        assertTrue(c.launch(new LaunchRequest("n2", LAB, "ami-1", "t3.micro", subnet, group, "k", "p"), r -> { }).startsWith("i-"));
    }

    /** DescribeSubnets with an id the account does not have: AWS's code and words, worded as the engine words them. */
    @Test
    void anUnknownSubnetIsRefusedAsDescribeSubnetsRefusesIt() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        CloudException e = assertThrows(CloudException.class, () -> c.network("t3.micro", "subnet-0a1b2c3d"));
        assertEquals(CloudException.Kind.NOT_FOUND, e.kind());
        assertEquals("InvalidSubnetID.NotFound", e.code());
        assertEquals("ec2:DescribeSubnets", e.operation());
        assertTrue(e.getMessage().contains("The subnet ID 'subnet-0a1b2c3d' does not exist"), e.getMessage());
        CloudException engine = dev.rolelab.cloud.CloudErrors.of("InvalidSubnetID.NotFound",
                "The subnet ID 'subnet-0a1b2c3d' does not exist", "ec2:DescribeSubnets", null);
        assertEquals(engine.describe(), e.describe());
    }

    /** One default subnet per zone: a chosen one gives its own VPC and zone; none, once the default VPC is gone. */
    @Test
    void aDefaultSubnetGivesItsVpcAndZoneUntilTheDefaultVpcIsDeleted() {
        PracticeCloud c = new PracticeCloud(null, "eu-west-1", PracticeCloud.Timing.INSTANT, PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        dev.rolelab.cloud.Network byDefault = c.network("t3.micro", null);
        assertEquals("eu-west-1a", byDefault.availabilityZone());
        assertTrue(byDefault.subnetId().matches("subnet-[0-9a-f]{17}"), "a subnet id --subnet accepts: " + byDefault.subnetId());
        String b = byDefault.subnetId().substring(0, byDefault.subnetId().length() - 1) + "b";
        dev.rolelab.cloud.Network chosen = c.network("t9.huge", b); // with a subnet, no offerings are asked, as in the engine
        assertEquals(new dev.rolelab.cloud.Network(byDefault.vpcId(), b, "eu-west-1b"), chosen);

        c.removeDefaultVpc();
        assertEquals("InvalidSubnetID.NotFound", assertThrows(CloudException.class, () -> c.network("t3.micro", b)).code(),
                "deleting the default VPC deletes its subnets");
        String vpc = c.createDefaultVpc();
        assertNotEquals(byDefault.vpcId(), vpc, "a new default VPC has a new id");
        // one default VPC per region: EC2 refuses a second, as the engine must expect
        CloudException twice = assertThrows(CloudException.class, c::createDefaultVpc);
        assertEquals("DefaultVpcAlreadyExists", twice.code());
        assertEquals("ec2:CreateDefaultVpc", twice.operation());
        // and the remedy RoleLab offers takes that refusal as "there is one now" (another run or a second click made it)
        assertEquals(java.util.Optional.empty(), dev.rolelab.run.DefaultVpc.create(c));
        dev.rolelab.cloud.Network again = c.network("t3.micro", null);
        assertEquals(vpc, again.vpcId());
        assertNotEquals(byDefault.subnetId(), again.subnetId(), "and new subnets");
        assertEquals(again, c.network("t3.micro", again.subnetId()));
        assertEquals("InvalidSubnetID.NotFound", assertThrows(CloudException.class, () -> c.network("t3.micro", b)).code());
    }

    /** DescribeInstanceTypeOfferings filtered by a type nobody offers is empty: the engine's CAPACITY refusal, word for word. */
    @Test
    void aTypeThePracticeCatalogueDoesNotOfferIsRefusedAsTheEngineRefusesIt() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        CloudException e = assertThrows(CloudException.class, () -> c.network("t9.huge", null));
        assertEquals(CloudException.Kind.CAPACITY, e.kind());
        assertEquals("Unsupported", e.code());
        assertEquals("ec2:DescribeInstanceTypeOfferings", e.operation());
        assertEquals("t9.huge is not offered in any availability zone of the default VPC in us-east-1", e.getMessage());
        assertEquals("choose another instance type (t3.micro, t3.small, t4g.micro) or another region", e.hint());
        for (String real : List.of("t3.micro", "t4g.small", "m7i-flex.large", "c7i-flex.large", "m5.large", "r5.xlarge", "t2.micro")) {
            assertEquals("us-east-1a", c.network(real, null).availabilityZone(), real);
        }
    }

    /** With --subnet nothing asks for offerings: RunInstances refuses the type, as EC2 does, and nothing is launched. */
    @Test
    void runInstancesRefusesATypeThatDoesNotExist() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        CloudException e = assertThrows(CloudException.class, () -> launch(c, "t9.huge"));
        assertEquals("InvalidParameterValue", e.code());
        assertEquals("ec2:RunInstances", e.operation());
        assertTrue(e.getMessage().contains("Invalid value 't9.huge' for InstanceType."), e.getMessage());
        assertTrue(c.account().instances.isEmpty());
    }

    /** RunInstances into a subnet the account does not have is InvalidSubnetID.NotFound; into one it has, the instance is in that zone. */
    @Test
    void runInstancesRefusesAnUnknownSubnetAndPutsTheInstanceInItsSubnetsZone() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        String id = launch(c, "t3.micro");
        String group = c.account().instances.get(id).group;
        CloudException e = assertThrows(CloudException.class, () -> c.launch(new LaunchRequest("n2", LAB, "ami-1", "t3.micro", "subnet-0a1b2c3d",
                group, "k", "p"), r -> { }));
        assertEquals("InvalidSubnetID.NotFound", e.code());
        assertEquals("ec2:RunInstances", e.operation());
        assertTrue(e.getMessage().contains("The subnet ID 'subnet-0a1b2c3d' does not exist"), e.getMessage());
        String a = c.network("t3.micro", null).subnetId();
        String zoneC = a.substring(0, a.length() - 1) + "c";
        String inC = c.launch(new LaunchRequest("n2", LAB, "ami-1", "t3.micro", zoneC, group, "k", "p"), r -> { });
        assertEquals("us-east-1c", c.describe(inC).availabilityZone());
        assertEquals(2, c.account().instances.size());
    }

    @Test
    void theIamQuotaIsLimitExceeded() {
        PracticeCloud c = cloud(PracticeCloud.Consistency.OFF, AccountState.ACTIVE.withIamLimit(1));
        c.createRole("one", "{}", LAB);
        CloudException e = assertThrows(CloudException.class, () -> c.createRole("two", "{}", LAB));
        assertEquals("LimitExceeded", e.code());
        assertEquals("Cannot exceed quota for RolesPerAccount: 1", e.getMessage().substring(e.getMessage().indexOf("Cannot")).replaceAll("[)].*", ""));
        assertEquals(1, c.account().roles.size());
    }

    @Test
    void settingsComeFromTheEnvironmentOrSystemProperties() {
        try {
            System.setProperty("rolelab.practice.seed", "42");
            System.setProperty("rolelab.practice.consistency", "fast");
            System.setProperty("rolelab.practice.account", "free-plan");
            System.setProperty("rolelab.practice.vcpu-quota", "4");
            PracticeCloud c = PracticeCloud.inMemory(PracticeCloud.Timing.INSTANT);
            assertEquals(PracticeCloud.Consistency.fast(42), c.consistency());
            assertEquals(new AccountState(AccountState.Standing.FREE_PLAN, 4, 0), PracticeSettings.accountState());
            System.setProperty("rolelab.practice.consistency", "off");
            assertEquals(PracticeCloud.Consistency.OFF, PracticeSettings.consistency(PracticeCloud.Timing.REALISTIC));
            System.clearProperty("rolelab.practice.consistency");
            assertEquals(PracticeCloud.Consistency.realistic(42), PracticeSettings.consistency(PracticeCloud.Timing.REALISTIC),
                    "on by default at AWS's pace");
            assertEquals(PracticeCloud.Consistency.OFF, PracticeSettings.consistency(PracticeCloud.Timing.INSTANT));
        } finally {
            for (String p : List.of("seed", "consistency", "account", "vcpu-quota")) {
                System.clearProperty("rolelab.practice." + p);
            }
        }
    }
}
