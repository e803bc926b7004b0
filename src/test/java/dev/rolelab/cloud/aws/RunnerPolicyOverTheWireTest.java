package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.ec2;
import static dev.rolelab.cloud.aws.AwsWire.ecr;
import static dev.rolelab.cloud.aws.AwsWire.iam;
import static dev.rolelab.cloud.aws.AwsWire.iamError;
import static dev.rolelab.cloud.aws.AwsWire.jsonBody;
import static dev.rolelab.cloud.aws.AwsWire.jsonError;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.aws.IamEvaluation.Decision;
import dev.rolelab.cloud.aws.IamEvaluation.Request;
import dev.rolelab.cloud.Tags;
import dev.rolelab.host.ssh.LocalSshd;
import dev.rolelab.host.ssh.RemoteSequenceTest;
import dev.rolelab.host.ssh.SshHosts;
import dev.rolelab.host.ssh.StandIns;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.RunnerPolicy;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Preflight;
import dev.rolelab.run.Provisioner;
import dev.rolelab.run.Sweep;
import dev.rolelab.run.Teardown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's policy judged the way AWS will use it: a whole lab (pre-flight, up with the remote
 * steps and the proof, down, then sweep of the same lab found by its tags) on the real SDK clients
 * over WireMock and JSch over a local SSH server; every call in WireMock's journal mapped to the
 * authorizations AWS makes for it and held against the printed policy. Then what it must refuse.
 */
class RunnerPolicyOverTheWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String ACCOUNT = "123456789012";

    @TempDir
    Path tmp;

    LocalSshd sshd;
    ExecutorService executor;

    @BeforeEach
    void start() throws Exception {
        Path ssh = Files.createDirectories(tmp.resolve("ssh"));
        sshd = new LocalSshd(ssh);
        StandIns.install(sshd, ssh);
        executor = Executors.newFixedThreadPool(6);
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        sshd.close();
    }

    private static JsonNode policy() {
        return RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("us-east-1"), ACCOUNT);
    }

    /** Pre-flight: every name is free. */
    private static void stubNamesAreFree() {
        for (String a : List.of("GetRole", "GetInstanceProfile")) {
            wm.stubFor(query(a).willReturn(iamError(404, "NoSuchEntity", "The role with name containerise cannot be found.")));
        }
        wm.stubFor(query("ListPolicies").willReturn(iam("ListPolicies", "<IsTruncated>false</IsTruncated><Policies/>")));
        wm.stubFor(ecr("DescribeRepositories").willReturn(jsonError(400, "RepositoryNotFoundException", "does not exist")));
        wm.stubFor(query("DescribeSecurityGroups").willReturn(ec2("DescribeSecurityGroups", "<securityGroupInfo/>")));
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2("DescribeKeyPairs", "<keySet/>")));
        wm.stubFor(query("CreateDefaultVpc").willReturn(ec2("CreateDefaultVpc", "<vpc><vpcId>vpc-0def</vpcId><isDefault>true</isDefault></vpc>")));
        wm.stubFor(get("/checkip").willReturn(aResponse().withBody("203.0.113.7\n")));
    }

    private static String ec2Tags(String lab) {
        return "<tagSet><item><key>rolelab:lab</key><value>" + lab + "</value></item></tagSet>";
    }

    private static String iamTags(String lab) {
        return "<IsTruncated>false</IsTruncated><Tags><member><Key>rolelab:lab</Key><Value>" + lab + "</Value></member></Tags>";
    }

    /** The same lab as another computer sees it: found by its tag, with no ledger here. */
    private static void stubTheLabFoundByItsTags(String lab) {
        String arn = "arn:aws:iam::" + ACCOUNT + ":";
        wm.stubFor(query("DescribeInstances").withFormParam("Filter.1.Name", com.github.tomakehurst.wiremock.client.WireMock.equalTo("tag-key"))
                .willReturn(ec2("DescribeInstances", "<reservationSet><item><reservationId>r-0abc</reservationId><instancesSet><item>"
                        + "<instanceId>i-0abc123def4567890</instanceId><instanceState><code>16</code><name>running</name></instanceState>"
                        + ec2Tags(lab) + "</item></instancesSet></item></reservationSet>")));
        wm.stubFor(query("DescribeSecurityGroups").willReturn(ec2("DescribeSecurityGroups", "<securityGroupInfo><item><groupId>sg-0123</groupId>"
                + "<groupName>ec2-ecr-test</groupName>" + ec2Tags(lab) + "</item></securityGroupInfo>")));
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2("DescribeKeyPairs", "<keySet><item><keyName>rolelab-ec2-ecr-test</keyName>"
                + "<keyPairId>key-0abc</keyPairId>" + ec2Tags(lab) + "</item></keySet>")));
        wm.stubFor(query("ListRoles").willReturn(iam("ListRoles", "<IsTruncated>false</IsTruncated><Roles><member><Path>/rolelab/</Path>"
                + "<RoleName>containerise</RoleName><Arn>" + arn + "role/rolelab/containerise</Arn><RoleId>AROAEXAMPLE</RoleId></member></Roles>")));
        wm.stubFor(query("ListPolicies").willReturn(iam("ListPolicies", "<IsTruncated>false</IsTruncated><Policies><member><Path>/rolelab/</Path>"
                + "<PolicyName>ECRContainerise</PolicyName><Arn>" + arn + "policy/rolelab/ECRContainerise</Arn></member></Policies>")));
        wm.stubFor(query("ListInstanceProfiles").willReturn(iam("ListInstanceProfiles", "<IsTruncated>false</IsTruncated><InstanceProfiles><member>"
                + "<Path>/rolelab/</Path><InstanceProfileName>containerise</InstanceProfileName><Arn>" + arn + "instance-profile/rolelab/containerise</Arn>"
                + "<Roles/></member></InstanceProfiles>")));
        for (String a : List.of("ListRoleTags", "ListPolicyTags", "ListInstanceProfileTags")) {
            wm.stubFor(query(a).willReturn(iam(a, iamTags(lab))));
        }
        wm.stubFor(ecr("DescribeRepositories").willReturn(jsonBody("{\"repositories\":[{\"repositoryArn\":\"arn:aws:ecr:us-east-1:" + ACCOUNT
                + ":repository/ec2-ecr-test\",\"repositoryName\":\"ec2-ecr-test\",\"registryId\":\"" + ACCOUNT + "\"}]}")));
        wm.stubFor(ecr("ListTagsForResource").willReturn(jsonBody("{\"tags\":[{\"Key\":\"rolelab:lab\",\"Value\":\"" + lab + "\"}]}")));
    }

    /** Pre-flight, up (with --create-default-vpc, the remote steps and the proof), down, then sweep: the journal of it all. */
    private WireAuthorizations wholeLab(Map<String, List<Request>> out) throws Exception {
        AwsLabStubs.stubAccount(wm);
        RemoteSequenceTest.stubAws(wm, sshd);
        stubNamesAreFree();
        try (AwsCloud cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()))) {
            String account = cloud.identity().account();
            assertEquals("203.0.113.7", cloud.publicIp());
            cloud.createDefaultVpc();
            LabSpec spec = LabSpec.builder().sshCidr("203.0.113.7/32").key(KeyChoice.generate("rolelab-ec2-ecr-test")).build();
            assertEquals(List.of(), new Preflight(cloud, executor).check(spec));

            LedgerStore store = new LedgerStore(tmp.resolve("data"));
            Ledger ledger = store.create(spec, null, wm.baseUrl(), false);
            Provisioner.Result up = new Provisioner(cloud, tmp.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, up.outcome(), up.failure());
            // the local SSH server knows its own client key, not the one the lab generated; the AWS calls are the same
            BuildAndPush.Result remote = new BuildAndPush(cloud, new SshHosts(Duration.ofMillis(10)),
                    new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(5)))
                    .run(spec, new BuildAndPush.Target(up.lab().instanceId(), "127.0.0.1", sshd.port(), sshd.clientKey, account, up.lab().roleArn()),
                            0, f -> false, new Cancel(), e -> { });
            assertEquals(BuildAndPush.Outcome.DONE, remote.outcome(), remote.failure());
            assertTrue(remote.proof().pushAllowedOnlyHere());

            // down first reads each resource back (id, tag, creation date) before deleting it
            AwsLabStubs.stubOwned(wm, ledger.labId());
            Teardown.Result down = new Teardown(cloud, executor).run(ledger, new Teardown.Options(true), Events.NONE);
            assertTrue(down.clean(), down.failures().toString());

            wm.resetScenarios();
            stubTheLabFoundByItsTags(ledger.labId());
            Sweep sweep = new Sweep(cloud, new LedgerStore(tmp.resolve("another-computer")), executor);
            Sweep.Found found = sweep.scan();
            assertEquals(7, found.byLab().get(ledger.labId()).size(), found.toString());
            assertEquals(List.of(), sweep.remove(found, "us-east-1", false, Teardown.Options.STANDARD, Events.NONE));

            // down from a ledger a crash left with intents only: each name is looked up, and its tag read, before any delete
            Ledger crashed = store.create(spec, null, wm.baseUrl(), false);
            for (ResourceKind kind : List.of(ResourceKind.REPOSITORY, ResourceKind.POLICY, ResourceKind.ROLE, ResourceKind.INSTANCE_PROFILE,
                    ResourceKind.SECURITY_GROUP, ResourceKind.KEY_PAIR, ResourceKind.INSTANCE)) {
                crashed.intend(kind, spec.names().of(kind));
            }
            Teardown.Result intents = new Teardown(cloud, executor).run(crashed, new Teardown.Options(true), Events.NONE);
            assertTrue(crashed.entries().stream().anyMatch(e -> e.state() == dev.rolelab.lab.LedgerEntry.State.NOT_OURS),
                    "another lab's resources are left alone: " + crashed.entries() + " " + intents.failures());
        }
        WireAuthorizations wire = new WireAuthorizations("us-east-1", ACCOUNT, "ec2.amazonaws.com");
        out.putAll(wire.of(wm.getAllServeEvents()));
        return wire;
    }

    @Test
    void everyCallOfAWholeLabIsAllowed() throws Exception {
        Map<String, List<Request>> calls = new java.util.LinkedHashMap<>();
        wholeLab(calls);
        IamEvaluation iamJudge = new IamEvaluation(policy());
        List<String> denied = new ArrayList<>();
        TreeSet<String> actions = new TreeSet<>();
        int checks = 0;
        for (Map.Entry<String, List<Request>> call : calls.entrySet()) {
            assertFalse(call.getValue().isEmpty(), call.getKey() + " maps to no authorization");
            for (Request r : call.getValue()) {
                checks++;
                actions.add(r.action());
                Decision d = iamJudge.decide(r);
                if (d != Decision.ALLOWED) {
                    denied.add(call.getKey() + ": " + r + " -> " + d);
                }
            }
        }
        assertEquals(List.of(), denied, "calls the policy refuses");
        // the run really went through every kind of call the policy is for
        for (String a : List.of("ec2:RunInstances", "ec2:CreateTags", "iam:PassRole", "iam:TagRole", "iam:TagPolicy", "iam:TagInstanceProfile",
                "ecr:TagResource", "ec2:TerminateInstances", "ec2:DeleteSecurityGroup", "ec2:DeleteKeyPair", "ecr:DeleteRepository",
                "iam:DeleteRole", "iam:DeletePolicy", "iam:DeleteInstanceProfile", "iam:DetachRolePolicy", "iam:RemoveRoleFromInstanceProfile",
                "ec2:GetConsoleOutput", "iam:SimulatePrincipalPolicy", "ecr:DescribeImages", "ssm:GetParameter", "ec2:CreateDefaultVpc", "iam:GetInstanceProfile",
                "iam:ListRoleTags", "iam:ListPolicyTags", "iam:ListInstanceProfileTags", "ecr:ListTagsForResource", "iam:GetRole")) {
            assertTrue(actions.contains(a), a + " never happened: " + actions);
        }
        System.out.println("RunnerPolicyOverTheWireTest: " + calls.size() + " AWS calls, " + checks + " authorizations, "
                + actions.size() + " distinct IAM actions, all allowed");
    }

    @Test
    void whatALabDoesNotNeedIsRefused() throws Exception {
        WireAuthorizations wire = wholeLab(new java.util.LinkedHashMap<>());
        IamEvaluation judge = new IamEvaluation(policy());
        String runInstances = "Action=RunInstances&Version=2016-11-15&ImageId=ami-0al2023&InstanceType=t3.micro&KeyName=rolelab-ec2-ecr-test"
                + "&MinCount=1&MaxCount=1&IamInstanceProfile.Name=containerise&NetworkInterface.1.DeviceIndex=0"
                + "&NetworkInterface.1.SubnetId=subnet-0bbb&NetworkInterface.1.SecurityGroupId.1=sg-0123&MetadataOptions.HttpTokens=required"
                + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=rolelab%3Alab&TagSpecification.1.Tag.1.Value=lab-x"
                + "&TagSpecification.2.ResourceType=volume&TagSpecification.2.Tag.1.Key=rolelab%3Alab&TagSpecification.2.Tag.1.Value=lab-x";
        assertTrue(allowed(judge, wire.query(runInstances)), "the lab's own launch, as a control");

        Map<String, List<Request>> refused = new java.util.LinkedHashMap<>();
        refused.put("attach AdministratorAccess to the lab role", wire.query("Action=AttachRolePolicy&Version=2010-05-08&RoleName=containerise"
                + "&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAdministratorAccess"));
        refused.put("pass a role outside /rolelab/", List.of(new Request("iam:PassRole", wire.iamArn("role/admin"),
                Map.of("iam:PassedToService", List.of("ec2.amazonaws.com")))));
        refused.put("put a role outside /rolelab/ in the lab's profile", wire.query("Action=AddRoleToInstanceProfile&Version=2010-05-08"
                + "&InstanceProfileName=containerise&RoleName=admin").subList(1, 2));
        refused.put("pass the lab role to Lambda", List.of(new Request("iam:PassRole", wire.iamArn("role/rolelab/containerise"),
                Map.of("iam:PassedToService", List.of("lambda.amazonaws.com")))));
        refused.put("terminate an instance without the lab tag", wire.query("Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-0someoneelse"));
        refused.put("launch an m5.large", wire.query(runInstances.replace("t3.micro", "m5.large")));
        refused.put("launch without IMDSv2", wire.query(runInstances.replace("&MetadataOptions.HttpTokens=required", "")));
        refused.put("launch an image that is not Amazon's", wire.query(runInstances.replace("ami-0al2023", "ami-0somebodys")));
        refused.put("launch with an instance profile outside /rolelab/", wire.query(runInstances.replace("IamInstanceProfile.Name=containerise",
                "IamInstanceProfile.Name=admin")).subList(0, 1));
        refused.put("launch without the lab tag", wire.query(runInstances.replaceAll("&TagSpecification[^&]*", "")).subList(0, 1));
        refused.put("tag an existing instance", wire.query("Action=CreateTags&Version=2016-11-15&ResourceId.1=i-0someoneelse"
                + "&Tag.1.Key=rolelab%3Alab&Tag.1.Value=lab-x"));
        refused.put("delete a repository without the lab tag", wire.json("ecr", "DeleteRepository", "{\"repositoryName\":\"their-repo\",\"force\":true}"));
        refused.put("delete a security group without the lab tag", wire.query("Action=DeleteSecurityGroup&Version=2016-11-15&GroupId=sg-0theirs"));
        refused.put("create a role without the lab tag", wire.query("Action=CreateRole&Version=2010-05-08&RoleName=x&Path=%2Frolelab%2F"));
        refused.put("create a role outside /rolelab/", wire.query("Action=CreateRole&Version=2010-05-08&RoleName=x&Path=%2F"
                + "&Tags.member.1.Key=rolelab%3Alab&Tags.member.1.Value=lab-x").subList(0, 1));
        refused.put("delete a role without the lab tag", wire.query("Action=DeleteRole&Version=2010-05-08&RoleName=someone"));

        List<String> wronglyAllowed = new ArrayList<>();
        refused.forEach((what, requests) -> {
            assertFalse(requests.isEmpty(), what);
            if (allowed(judge, requests)) {
                wronglyAllowed.add(what + ": " + requests);
            }
        });
        assertEquals(List.of(), wronglyAllowed, "the policy allows what a lab does not need");
    }

    /** A call succeeds only if every authorization it needs is allowed. */
    private static boolean allowed(IamEvaluation judge, List<Request> requests) {
        return requests.stream().allMatch(r -> judge.decide(r) == Decision.ALLOWED);
    }

    @Test
    void theEvaluatorRefusesWhatTheReadmePolicyOfOldAllowed() {
        // the hand-written policy the README showed before `rolelab permissions`: attaching any policy to a /rolelab/ role
        JsonNode old = dev.rolelab.lab.Json.MAPPER.createObjectNode().set("Statement", dev.rolelab.lab.Json.MAPPER.createArrayNode()
                .add(dev.rolelab.lab.Json.MAPPER.createObjectNode().put("Effect", "Allow").put("Action", "iam:AttachRolePolicy")
                        .put("Resource", "arn:aws:iam::" + ACCOUNT + ":role/rolelab/*")));
        Request admin = new Request("iam:AttachRolePolicy", "arn:aws:iam::" + ACCOUNT + ":role/rolelab/containerise",
                Map.of("iam:PolicyARN", List.of("arn:aws:iam::aws:policy/AdministratorAccess"), "aws:ResourceTag/rolelab:lab", List.of("lab-x")));
        assertEquals(Decision.ALLOWED, new IamEvaluation(old).decide(admin), "the old policy let AdministratorAccess through");
        assertEquals(Decision.IMPLICIT_DENY, new IamEvaluation(policy()).decide(admin));
        assertEquals(Tags.LAB, RunnerPolicy.LAB_TAG);
        assertEquals(Tags.IAM_PATH, RunnerPolicy.IAM_PATH);
    }
}
