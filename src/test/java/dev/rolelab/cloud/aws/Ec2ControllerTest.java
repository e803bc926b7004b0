package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.ec2;
import static dev.rolelab.cloud.aws.AwsWire.ec2Error;
import static dev.rolelab.cloud.aws.AwsWire.instances;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Instance;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.cloud.Network;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Ec2ControllerTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final LaunchRequest LAUNCH = new LaunchRequest("ec2-ecr-test", "lab-1", "ami-0abcdef1234567890", "t3.micro",
            "subnet-0bbb", "sg-0123", "rolelab-ec2-ecr-test", "containerise");

    static final String RUN_OK = "<reservationId>r-0abc</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>"
            + "<instanceId>i-0abc123def4567890</instanceId><imageId>ami-0abcdef1234567890</imageId>"
            + "<instanceState><code>0</code><name>pending</name></instanceState></item></instancesSet>";

    AwsCloud cloud;

    @BeforeEach
    void setUp() {
        cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()));
    }

    @AfterEach
    void tearDown() {
        cloud.close();
    }

    private void defaultVpc() {
        wm.stubFor(query("DescribeVpcs").willReturn(ec2("DescribeVpcs",
                "<vpcSet><item><vpcId>vpc-0def</vpcId><state>available</state><cidrBlock>172.31.0.0/16</cidrBlock><isDefault>true</isDefault></item></vpcSet>")));
    }

    @Test
    void picksTheDefaultVpcSubnetInAZoneThatOffersTheType() {
        defaultVpc();
        wm.stubFor(query("DescribeInstanceTypeOfferings").willReturn(ec2("DescribeInstanceTypeOfferings",
                "<instanceTypeOfferingSet><item><instanceType>t3.micro</instanceType><locationType>availability-zone</locationType><location>us-east-1c</location></item>"
                        + "<item><instanceType>t3.micro</instanceType><locationType>availability-zone</locationType><location>us-east-1b</location></item></instanceTypeOfferingSet>")));
        wm.stubFor(query("DescribeSubnets").willReturn(ec2("DescribeSubnets", "<subnetSet>"
                + "<item><subnetId>subnet-0aaa</subnetId><vpcId>vpc-0def</vpcId><availabilityZone>us-east-1e</availabilityZone><defaultForAz>true</defaultForAz></item>"
                + "<item><subnetId>subnet-0ccc</subnetId><vpcId>vpc-0def</vpcId><availabilityZone>us-east-1c</availabilityZone><defaultForAz>true</defaultForAz></item>"
                + "<item><subnetId>subnet-0bbb</subnetId><vpcId>vpc-0def</vpcId><availabilityZone>us-east-1b</availabilityZone><defaultForAz>true</defaultForAz></item>"
                + "</subnetSet>")));
        Network n = cloud.network("t3.micro", null);
        assertEquals(new Network("vpc-0def", "subnet-0bbb", "us-east-1b"), n);
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeVpcs"))
                .withFormParam("Filter.1.Name", equalTo("isDefault")).withFormParam("Filter.1.Value.1", equalTo("true")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeInstanceTypeOfferings"))
                .withFormParam("LocationType", equalTo("availability-zone")).withFormParam("Filter.1.Value.1", equalTo("t3.micro")));
    }

    @Test
    void noDefaultVpcNamesTheRemedies() {
        wm.stubFor(query("DescribeVpcs").willReturn(ec2("DescribeVpcs", "<vpcSet/>")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.network("t3.micro", null));
        assertEquals(CloudException.Kind.NO_DEFAULT_VPC, e.kind());
        assertTrue(e.hint().contains("create-default-vpc") && e.hint().contains("--subnet"), e.hint());
    }

    /** DescribeSubnets answers an id the account does not have with an error, not an empty list: worded, and nothing more is asked. */
    @Test
    void anUnknownSubnetIsNotFoundInAwsWordsWithWhatToDo() {
        wm.stubFor(query("DescribeSubnets").willReturn(ec2Error(400, "InvalidSubnetID.NotFound", "The subnet ID 'subnet-0a1b2c3d' does not exist")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.network("t3.micro", "subnet-0a1b2c3d"));
        assertEquals(CloudException.Kind.NOT_FOUND, e.kind());
        assertEquals("InvalidSubnetID.NotFound", e.code());
        assertEquals("ec2:DescribeSubnets", e.operation());
        assertTrue(e.getMessage().contains("no subnet subnet-0a1b2c3d in this region")
                && e.getMessage().contains("The subnet ID 'subnet-0a1b2c3d' does not exist"), e.getMessage());
        assertTrue(e.hint().contains("aws ec2 describe-subnets") && e.hint().contains("default VPC"), e.hint());
        assertFalse(e.describe().contains("Exception"), e.describe());
        // the practice cloud says exactly this (PracticeCloudStrictnessTest compares with the same wording)
        assertEquals(CloudErrors.of("InvalidSubnetID.NotFound", "The subnet ID 'subnet-0a1b2c3d' does not exist", "ec2:DescribeSubnets", null).describe(),
                e.describe());
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeSubnets"))
                .withFormParam("SubnetId.1", equalTo("subnet-0a1b2c3d")));
        assertEquals(1, wm.getAllServeEvents().size(), "no offerings are asked with a subnet chosen");
    }

    /** A type EC2 does not have: DescribeInstanceTypeOfferings filtered by it is empty, and the refusal is the one practice gives. */
    @Test
    void aTypeOfferedInNoZoneIsUnsupportedInTheSentencePracticeUses() {
        defaultVpc();
        wm.stubFor(query("DescribeInstanceTypeOfferings").willReturn(ec2("DescribeInstanceTypeOfferings", "<instanceTypeOfferingSet/>")));
        wm.stubFor(query("DescribeSubnets").willReturn(ec2("DescribeSubnets", "<subnetSet><item><subnetId>subnet-0bbb</subnetId><vpcId>vpc-0def</vpcId>"
                + "<availabilityZone>us-east-1b</availabilityZone><defaultForAz>true</defaultForAz></item></subnetSet>")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.network("t9.huge", null));
        assertEquals(CloudException.Kind.CAPACITY, e.kind());
        assertEquals("Unsupported", e.code());
        assertEquals("t9.huge is not offered in any availability zone of the default VPC in us-east-1", e.getMessage());
        assertEquals("choose another instance type (t3.micro, t3.small, t4g.micro) or another region", e.hint());
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeInstanceTypeOfferings"))
                .withFormParam("Filter.1.Value.1", equalTo("t9.huge")));
    }

    /** With a subnet chosen nothing asks for offerings: RunInstances refuses the type, and the person reads which type and what to do. */
    @Test
    void runInstancesRefusingAnUnknownTypeNamesItAndWhatToDo() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "InvalidParameterValue", "Invalid value 't9.huge' for InstanceType.")));
        List<String> retries = new ArrayList<>();
        CloudException e = assertThrows(CloudException.class, () -> cloud.launch(new LaunchRequest("ec2-ecr-test", "lab-1", "ami-0abcdef1234567890",
                "t9.huge", "subnet-0bbb", "sg-0123", "rolelab-ec2-ecr-test", "containerise"), retries::add));
        assertEquals(CloudException.Kind.INVALID, e.kind());
        assertEquals("InvalidParameterValue", e.code());
        assertTrue(e.getMessage().startsWith("EC2 has no instance type t9.huge")
                && e.getMessage().contains("Invalid value 't9.huge' for InstanceType."), e.getMessage());
        assertTrue(e.hint().contains("t3.micro") && e.hint().contains("describe-instance-type-offerings"), e.hint());
        assertFalse(e.describe().contains("Exception") || e.describe().contains("java."), e.describe());
        assertEquals(List.of(), retries, "not taken for the instance profile propagating");
        assertEquals(1, wm.getAllServeEvents().size());
    }

    /** The practice catalogue invents nothing: every type it offers is one the SDK's EC2 model names. */
    @Test
    void everyPracticeTypeIsAnInstanceTypeEc2Has() {
        assertTrue(dev.rolelab.practice.PracticeCatalogue.types().size() > 100, "t2 to r7i, with their sizes");
        for (String type : dev.rolelab.practice.PracticeCatalogue.types()) {
            assertTrue(software.amazon.awssdk.services.ec2.model.InstanceType.fromValue(type)
                    != software.amazon.awssdk.services.ec2.model.InstanceType.UNKNOWN_TO_SDK_VERSION, type);
        }
        assertEquals(software.amazon.awssdk.services.ec2.model.InstanceType.UNKNOWN_TO_SDK_VERSION,
                software.amazon.awssdk.services.ec2.model.InstanceType.fromValue("t9.huge"));
    }

    @Test
    void securityGroupIsTaggedAndAllowsSshFromOneAddress() {
        wm.stubFor(query("CreateSecurityGroup").willReturn(ec2("CreateSecurityGroup", "<return>true</return><groupId>sg-0123</groupId>")));
        wm.stubFor(query("AuthorizeSecurityGroupIngress").willReturn(ec2("AuthorizeSecurityGroupIngress", "<return>true</return>")));
        assertEquals("sg-0123", cloud.createSecurityGroup("ec2-ecr-test", "RoleLab", "vpc-0def", "lab-1"));
        cloud.allowSsh("sg-0123", "203.0.113.7/32");
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("CreateSecurityGroup"))
                .withFormParam("GroupName", equalTo("ec2-ecr-test")).withFormParam("VpcId", equalTo("vpc-0def"))
                .withFormParam("TagSpecification.1.ResourceType", equalTo("security-group"))
                .withFormParam("TagSpecification.1.Tag.1.Key", equalTo("rolelab:lab"))
                .withFormParam("TagSpecification.1.Tag.1.Value", equalTo("lab-1")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("AuthorizeSecurityGroupIngress"))
                .withFormParam("GroupId", equalTo("sg-0123"))
                .withFormParam("IpPermissions.1.IpProtocol", equalTo("tcp"))
                .withFormParam("IpPermissions.1.FromPort", equalTo("22"))
                .withFormParam("IpPermissions.1.ToPort", equalTo("22"))
                .withFormParam("IpPermissions.1.IpRanges.1.CidrIp", equalTo("203.0.113.7/32")));
    }

    @Test
    void aTakenGroupNameIsAClash() {
        wm.stubFor(query("CreateSecurityGroup").willReturn(ec2Error(400, "InvalidGroup.Duplicate",
                "The security group 'ec2-ecr-test' already exists for VPC 'vpc-0def'")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.createSecurityGroup("ec2-ecr-test", "d", "vpc-0def", "lab-1"));
        assertEquals(CloudException.Kind.CLASH, e.kind());
        assertTrue(e.getMessage().contains("security group"), e.getMessage());
    }

    @Test
    void runInstancesAsksForImdsV2StandardCreditsPublicIpAndTheProfile() {
        wm.stubFor(query("RunInstances").willReturn(ec2("RunInstances", RUN_OK)));
        assertEquals("i-0abc123def4567890", cloud.launch(LAUNCH, r -> { }));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("RunInstances"))
                .withFormParam("ImageId", equalTo("ami-0abcdef1234567890"))
                .withFormParam("InstanceType", equalTo("t3.micro"))
                .withFormParam("KeyName", equalTo("rolelab-ec2-ecr-test"))
                .withFormParam("IamInstanceProfile.Name", equalTo("containerise"))
                .withFormParam("MetadataOptions.HttpTokens", equalTo("required"))
                .withFormParam("MetadataOptions.HttpPutResponseHopLimit", equalTo("2"))
                .withFormParam("CreditSpecification.CpuCredits", equalTo("standard"))
                .withFormParam("NetworkInterface.1.AssociatePublicIpAddress", equalTo("true"))
                .withFormParam("NetworkInterface.1.SubnetId", equalTo("subnet-0bbb"))
                .withFormParam("NetworkInterface.1.SecurityGroupId.1", equalTo("sg-0123"))
                .withFormParam("TagSpecification.1.ResourceType", equalTo("instance"))
                .withFormParam("TagSpecification.1.Tag.1.Value", equalTo("lab-1")));
    }

    @Test
    void onlyBurstableFamiliesAreAskedForCredits() {
        wm.stubFor(query("RunInstances").willReturn(ec2("RunInstances", RUN_OK)));
        // trn1 starts with a t but earns no CPU credits: EC2 refuses a CreditSpecification for it
        cloud.launch(new LaunchRequest("ec2-ecr-test", "lab-1", "ami-0abcdef1234567890", "trn1.2xlarge",
                "subnet-0bbb", "sg-0123", "rolelab-ec2-ecr-test", "containerise"), r -> { });
        cloud.launch(new LaunchRequest("ec2-ecr-test", "lab-1", "ami-0abcdef1234567890", "t4g.micro",
                "subnet-0bbb", "sg-0123", "rolelab-ec2-ecr-test", "containerise"), r -> { });
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("InstanceType", equalTo("trn1.2xlarge"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("CreditSpecification")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("InstanceType", equalTo("t4g.micro"))
                .withFormParam("CreditSpecification.CpuCredits", equalTo("standard")));
    }

    @Test
    void runInstancesIsRetriedWhileTheInstanceProfilePropagates() {
        wm.stubFor(query("RunInstances").inScenario("iam").whenScenarioStateIs("Started").willSetStateTo("2")
                .willReturn(ec2Error(400, "InvalidParameterValue", "Value (containerise) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name")));
        wm.stubFor(query("RunInstances").inScenario("iam").whenScenarioStateIs("2").willSetStateTo("3")
                .willReturn(ec2Error(400, "InvalidParameterValue", "The instance profile containerise has no associated IAM Roles")));
        wm.stubFor(query("RunInstances").inScenario("iam").whenScenarioStateIs("3")
                .willReturn(ec2("RunInstances", RUN_OK)));
        List<String> retries = new ArrayList<>();
        assertEquals("i-0abc123def4567890", cloud.launch(LAUNCH, retries::add));
        assertEquals(2, retries.size());
        assertTrue(retries.get(0).contains("propagation"), retries.get(0));
        // like every other retry line: the AWS error code it retries on, and the pause in words
        assertTrue(retries.get(0).contains("(InvalidParameterValue") && retries.get(0).contains("retrying in 10 ms"), retries.get(0));
        // and which attempt comes next, as the other retries say it
        assertTrue(retries.get(0).endsWith(" (attempt 2)") && retries.get(1).endsWith(" (attempt 3)"), retries.toString());
        assertEquals(3, wm.getAllServeEvents().size());
    }

    @Test
    void otherInvalidParametersAreNotRetried() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "InvalidParameterValue", "Invalid value for ImageId")));
        List<String> retries = new ArrayList<>();
        CloudException e = assertThrows(CloudException.class, () -> cloud.launch(LAUNCH, retries::add));
        assertEquals("InvalidParameterValue", e.code());
        assertEquals(0, retries.size());
        assertEquals(1, wm.getAllServeEvents().size());
    }

    @Test
    void propagationRetriesStopAtTheDeadline() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "InvalidParameterValue", "Invalid IAM Instance Profile name")));
        long t0 = System.nanoTime();
        assertThrows(CloudException.class, () -> cloud.launch(LAUNCH, r -> { }));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, "gave up after " + seconds + " s with a 2 s deadline");
        assertTrue(wm.getAllServeEvents().size() > 3);
    }

    @Test
    void aVcpuLimitIsAQuotaWithAnotherTypeOrAnIncreaseAsTheWayOut() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "VcpuLimitExceeded", "You have requested more vCPU capacity than your current vCPU limit of 0 allows")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.launch(LAUNCH, r -> { }));
        assertEquals(CloudException.Kind.QUOTA, e.kind());
        assertTrue(e.hint().contains("Service Quotas"), e.hint());
        assertTrue(e.hint().contains("another instance type"), e.hint());
    }

    @Test
    void theRunningWaiterPollsUntilRunningAndReturnsThePublicIp() {
        wm.stubFor(query("DescribeInstances").inScenario("boot").whenScenarioStateIs("Started").willSetStateTo("up")
                .willReturn(instances("pending", null)));
        wm.stubFor(query("DescribeInstances").inScenario("boot").whenScenarioStateIs("up")
                .willReturn(instances("running", "54.210.167.204")));
        List<String> states = new ArrayList<>();
        Instance i = cloud.waitUntilRunning("i-0abc123def4567890", states::add);
        assertEquals("54.210.167.204", i.publicIp());
        assertEquals("running", i.state());
        assertEquals(List.of("pending", "running"), states);
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void throttlingIsRetriedBySdk() {
        wm.stubFor(query("CreateSecurityGroup").inScenario("t").whenScenarioStateIs("Started").willSetStateTo("ok")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        wm.stubFor(query("CreateSecurityGroup").inScenario("t").whenScenarioStateIs("ok")
                .willReturn(ec2("CreateSecurityGroup", "<return>true</return><groupId>sg-0123</groupId>")));
        assertEquals("sg-0123", cloud.createSecurityGroup("ec2-ecr-test", "d", "vpc-0def", "lab-1"));
    }

    @Test
    void teardownCallsTreatNotFoundAsDone() {
        wm.stubFor(query("TerminateInstances").willReturn(ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID 'i-0abc' does not exist")));
        wm.stubFor(query("DeleteSecurityGroup").willReturn(ec2Error(400, "InvalidGroup.NotFound", "The security group 'sg-0123' does not exist")));
        wm.stubFor(query("DeleteKeyPair").willReturn(ec2("DeleteKeyPair", "<return>true</return>")));
        cloud.terminate("i-0abc");
        cloud.deleteSecurityGroup("sg-0123");
        cloud.deleteKeyPair("rolelab-ec2-ecr-test");
        assertEquals(3, wm.getAllServeEvents().size());
    }

    @Test
    void aGroupStillInUseIsAConflict() {
        wm.stubFor(query("DeleteSecurityGroup").willReturn(ec2Error(400, "DependencyViolation", "resource sg-0123 has a dependent object")));
        assertEquals(CloudException.Kind.CONFLICT, assertThrows(CloudException.class, () -> cloud.deleteSecurityGroup("sg-0123")).kind());
    }

    @Test
    void consoleOutputAsksForTheLatestAndFallsBackWhereTheTypeCannot() {
        String text = "-----BEGIN SSH HOST KEY KEYS-----\r\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbVPmMNaBAWW7OlhlCDlHp9Tbm9WGf8WbyDQEcqZ+aR\r\n-----END SSH HOST KEY KEYS-----\r\n";
        String b64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        wm.stubFor(query("GetConsoleOutput").atPriority(1).withFormParam("Latest", equalTo("true"))
                .willReturn(ec2Error(400, "UnsupportedOperation", "The instance type t2.micro does not support retrieving the latest console logs")));
        wm.stubFor(query("GetConsoleOutput").atPriority(5).willReturn(ec2("GetConsoleOutput",
                "<instanceId>i-0abc</instanceId><timestamp>2026-11-29T08:41:30Z</timestamp><output>" + b64 + "</output>")));
        assertEquals(text, cloud.consoleOutput("i-0abc"));
        assertEquals(2, wm.getAllServeEvents().size());
    }

    @Test
    void importsTheGeneratedPublicKeyWithTheTag() {
        wm.stubFor(query("ImportKeyPair").willReturn(ec2("ImportKeyPair",
                "<keyFingerprint>x</keyFingerprint><keyName>rolelab-ec2-ecr-test</keyName><keyPairId>key-0abc</keyPairId>")));
        assertEquals("key-0abc", cloud.importKeyPair("rolelab-ec2-ecr-test", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI rolelab", "lab-1"));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("ImportKeyPair"))
                .withFormParam("KeyName", equalTo("rolelab-ec2-ecr-test"))
                .withFormParam("TagSpecification.1.ResourceType", equalTo("key-pair")));
    }
}
