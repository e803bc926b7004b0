package dev.rolelab.cloud.aws;

import static dev.rolelab.cloud.aws.AwsWire.ec2;
import static dev.rolelab.cloud.aws.AwsWire.ecr;
import static dev.rolelab.cloud.aws.AwsWire.iam;
import static dev.rolelab.cloud.aws.AwsWire.iamEmpty;
import static dev.rolelab.cloud.aws.AwsWire.instances;
import static dev.rolelab.cloud.aws.AwsWire.json;
import static dev.rolelab.cloud.aws.AwsWire.jsonBody;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static dev.rolelab.cloud.aws.AwsWire.xml;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A whole account's worth of AWS answers for one lab: enough for provisioning and teardown over the wire. */
public final class AwsLabStubs {
    private AwsLabStubs() { }

    public static void stubAccount(WireMockExtension wm) {
        wm.stubFor(query("GetCallerIdentity").willReturn(xml("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAEXAMPLE</UserId>"
                + "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")));
        wm.stubFor(query("DescribeVpcs").willReturn(ec2("DescribeVpcs", "<vpcSet><item><vpcId>vpc-0def</vpcId><isDefault>true</isDefault></item></vpcSet>")));
        wm.stubFor(query("DescribeInstanceTypeOfferings").willReturn(ec2("DescribeInstanceTypeOfferings",
                "<instanceTypeOfferingSet><item><instanceType>t3.micro</instanceType><location>us-east-1b</location></item></instanceTypeOfferingSet>")));
        wm.stubFor(query("DescribeSubnets").willReturn(ec2("DescribeSubnets", "<subnetSet><item><subnetId>subnet-0bbb</subnetId><vpcId>vpc-0def</vpcId>"
                + "<availabilityZone>us-east-1b</availabilityZone><defaultForAz>true</defaultForAz></item></subnetSet>")));
        wm.stubFor(json("AmazonSSM.GetParameter").willReturn(jsonBody("{\"Parameter\":{\"Name\":\"p\",\"Type\":\"String\",\"Value\":\"ami-0al2023\",\"Version\":1}}")));
        wm.stubFor(ecr("CreateRepository").willReturn(jsonBody("{\"repository\":{\"repositoryArn\":\"arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test\","
                + "\"repositoryName\":\"ec2-ecr-test\",\"registryId\":\"123456789012\"}}")));
        wm.stubFor(query("CreatePolicy").willReturn(iam("CreatePolicy", "<Policy><PolicyName>ECRContainerise</PolicyName>"
                + "<Arn>arn:aws:iam::123456789012:policy/rolelab/ECRContainerise</Arn></Policy>")));
        wm.stubFor(query("CreateRole").willReturn(iam("CreateRole", "<Role><Path>/rolelab/</Path><RoleName>containerise</RoleName>"
                + "<Arn>arn:aws:iam::123456789012:role/rolelab/containerise</Arn><RoleId>AROAEXAMPLE</RoleId></Role>")));
        wm.stubFor(query("AttachRolePolicy").willReturn(iamEmpty("AttachRolePolicy")));
        wm.stubFor(query("CreateInstanceProfile").willReturn(iam("CreateInstanceProfile", "<InstanceProfile><InstanceProfileName>containerise</InstanceProfileName>"
                + "<Arn>arn:aws:iam::123456789012:instance-profile/rolelab/containerise</Arn><Roles/></InstanceProfile>")));
        wm.stubFor(query("AddRoleToInstanceProfile").willReturn(iamEmpty("AddRoleToInstanceProfile")));
        wm.stubFor(query("CreateSecurityGroup").willReturn(ec2("CreateSecurityGroup", "<return>true</return><groupId>sg-0123</groupId>")));
        wm.stubFor(query("AuthorizeSecurityGroupIngress").willReturn(ec2("AuthorizeSecurityGroupIngress", "<return>true</return>")));
        wm.stubFor(query("ImportKeyPair").willReturn(ec2("ImportKeyPair", "<keyName>rolelab-ec2-ecr-test</keyName><keyPairId>key-0abc</keyPairId>")));
        wm.stubFor(query("RunInstances").willReturn(ec2("RunInstances", "<reservationId>r-0abc</reservationId><instancesSet><item>"
                + "<instanceId>i-0abc123def4567890</instanceId><instanceState><code>0</code><name>pending</name></instanceState></item></instancesSet>")));
        wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs("Started").willReturn(instances("running", "54.210.167.204")));
        wm.stubFor(query("TerminateInstances").inScenario("life").willSetStateTo("terminating").willReturn(ec2("TerminateInstances",
                "<instancesSet><item><instanceId>i-0abc123def4567890</instanceId><currentState><code>32</code><name>shutting-down</name></currentState></item></instancesSet>")));
        wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs("terminating").willReturn(instances("terminated", null)));
        wm.stubFor(query("DeleteSecurityGroup").willReturn(ec2("DeleteSecurityGroup", "<return>true</return>")));
        wm.stubFor(query("DeleteKeyPair").willReturn(ec2("DeleteKeyPair", "<return>true</return>")));
        for (String a : List.of("RemoveRoleFromInstanceProfile", "DeleteInstanceProfile", "DetachRolePolicy", "DeleteRole", "DeletePolicy")) {
            wm.stubFor(query(a).willReturn(iamEmpty(a)));
        }
        wm.stubFor(ecr("DeleteRepository").willReturn(jsonBody("{\"repository\":{\"repositoryName\":\"ec2-ecr-test\"}}")));
    }

    /**
     * What teardown looks up before deleting by name: the lab's repository, policy, role, instance profile
     * and key pair, each tagged {@code rolelab:lab=labId} and made before the lab's ledger recorded them.
     */
    public static void stubOwned(WireMockExtension wm, String labId) {
        stubOwned(wm, labId, java.time.Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** The same, each made at {@code created} (a later date than the ledger's: a same-named replacement). */
    public static void stubOwned(WireMockExtension wm, String labId, java.time.Instant created) {
        String made = created.toString();
        String tags = "<Tags><member><Key>rolelab:lab</Key><Value>" + labId + "</Value></member></Tags>";
        wm.stubFor(query("GetRole").willReturn(iam("GetRole", "<Role><Path>/rolelab/</Path><RoleName>containerise</RoleName>"
                + "<RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::123456789012:role/rolelab/containerise</Arn><CreateDate>" + made + "</CreateDate>"
                + tags + "</Role>")));
        wm.stubFor(query("ListPolicies").willReturn(iam("ListPolicies", "<IsTruncated>false</IsTruncated><Policies><member>"
                + "<PolicyName>ECRContainerise</PolicyName><Arn>arn:aws:iam::123456789012:policy/rolelab/ECRContainerise</Arn>"
                + "<CreateDate>" + made + "</CreateDate></member></Policies>")));
        wm.stubFor(query("ListPolicyTags").willReturn(iam("ListPolicyTags", "<IsTruncated>false</IsTruncated>" + tags)));
        wm.stubFor(query("GetInstanceProfile").willReturn(iam("GetInstanceProfile", "<InstanceProfile><InstanceProfileName>containerise"
                + "</InstanceProfileName><Path>/rolelab/</Path><Arn>arn:aws:iam::123456789012:instance-profile/rolelab/containerise</Arn>"
                + "<InstanceProfileId>AIPAEXAMPLE</InstanceProfileId><CreateDate>" + made + "</CreateDate><Roles/></InstanceProfile>")));
        wm.stubFor(query("ListInstanceProfileTags").willReturn(iam("ListInstanceProfileTags", "<IsTruncated>false</IsTruncated>" + tags)));
        wm.stubFor(ecr("DescribeRepositories").willReturn(jsonBody("{\"repositories\":[{\"repositoryArn\":"
                + "\"arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test\",\"repositoryName\":\"ec2-ecr-test\",\"createdAt\":" + created.getEpochSecond() + "}]}")));
        wm.stubFor(ecr("ListTagsForResource").willReturn(jsonBody("{\"tags\":[{\"Key\":\"rolelab:lab\",\"Value\":\"" + labId + "\"}]}")));
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2("DescribeKeyPairs", "<keySet><item><keyPairId>key-0abc</keyPairId>"
                + "<keyName>rolelab-ec2-ecr-test</keyName><createTime>" + made + "</createTime>"
                + "<tagSet><item><key>rolelab:lab</key><value>" + labId + "</value></item></tagSet></item></keySet>")));
    }

    /** The calls WireMock saw, oldest first, as "Action" or the JSON target's operation. */
    public static List<String> calls(WireMockExtension wm) {
        List<String> out = new ArrayList<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            String target = e.getRequest().getHeader("X-Amz-Target");
            if (target != null) {
                out.add(target.substring(target.indexOf('.') + 1));
            } else {
                String body = e.getRequest().getBodyAsString();
                int at = body.indexOf("Action=");
                out.add(at < 0 ? e.getRequest().getUrl() : body.substring(at + 7).split("&", 2)[0]);
            }
        }
        Collections.reverse(out);
        return out;
    }
}
