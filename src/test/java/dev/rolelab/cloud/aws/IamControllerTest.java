package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.iam;
import static dev.rolelab.cloud.aws.AwsWire.iamEmpty;
import static dev.rolelab.cloud.aws.AwsWire.iamError;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Ownership;
import dev.rolelab.lab.ResourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IamControllerTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    AwsCloud cloud;

    @BeforeEach
    void setUp() {
        cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()));
    }

    @AfterEach
    void tearDown() {
        cloud.close();
    }

    static String role(String name, String tags) {
        return "<Role><Path>/rolelab/</Path><Arn>arn:aws:iam::123456789012:role/rolelab/" + name + "</Arn><RoleName>" + name
                + "</RoleName><RoleId>AROADBQP57FF2AEXAMPLE</RoleId><CreateDate>2026-11-29T08:00:00Z</CreateDate>"
                + "<AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument>" + tags + "</Role>";
    }

    @Test
    void createRoleSendsTrustPolicyPathAndTagAndReturnsTheArn() {
        wm.stubFor(query("CreateRole").willReturn(iam("CreateRole", role("containerise", ""))));
        String arn = cloud.createRole("containerise", "{\"Version\":\"2012-10-17\"}", "lab-1");
        assertEquals("arn:aws:iam::123456789012:role/rolelab/containerise", arn);
        wm.verify(postRequestedFor(urlEqualTo("/"))
                .withFormParam("RoleName", equalTo("containerise"))
                .withFormParam("Path", equalTo("/rolelab/"))
                .withFormParam("AssumeRolePolicyDocument", equalTo("{\"Version\":\"2012-10-17\"}"))
                .withFormParam("Tags.member.1.Key", equalTo("rolelab:lab"))
                .withFormParam("Tags.member.1.Value", equalTo("lab-1")));
    }

    @Test
    void aTakenRoleNameIsAClashWithAHint() {
        wm.stubFor(query("CreateRole").willReturn(iamError(409, "EntityAlreadyExists", "Role with name containerise already exists.")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.createRole("containerise", "{}", "lab-1"));
        assertEquals(CloudException.Kind.CLASH, e.kind());
        assertEquals("EntityAlreadyExists", e.code());
        assertTrue(e.hint().contains("another name"), e.hint());
    }

    @Test
    void accessDeniedNamesTheMissingActionAndTheCall() {
        wm.stubFor(query("CreatePolicy").willReturn(iamError(403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreatePolicy")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.createPolicy("ECRContainerise", "{}", "lab-1"));
        assertEquals(CloudException.Kind.ACCESS_DENIED, e.kind());
        assertTrue(e.describe().contains("iam:CreatePolicy"), e.describe());
        assertTrue(e.hint().contains("allow iam:CreatePolicy"), e.hint());
    }

    @Test
    void expiredCredentialsSayHowToSignIn() {
        wm.stubFor(query("CreateInstanceProfile").willReturn(iamError(403, "ExpiredToken", "The security token included in the request is expired")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.createInstanceProfile("containerise", "lab-1"));
        assertEquals(CloudException.Kind.CREDENTIALS, e.kind());
        assertTrue(e.hint().contains("aws sso login"), e.hint());
        assertTrue(e.hint().contains("aws configure"), e.hint());
    }

    @Test
    void instanceProfileIsCreatedThenTheRoleAdded() {
        wm.stubFor(query("CreateInstanceProfile").willReturn(iam("CreateInstanceProfile",
                "<InstanceProfile><InstanceProfileId>AIPAD5ARO2C5EXAMPLE3</InstanceProfileId><Roles/><InstanceProfileName>containerise</InstanceProfileName>"
                        + "<Path>/rolelab/</Path><Arn>arn:aws:iam::123456789012:instance-profile/rolelab/containerise</Arn>"
                        + "<CreateDate>2026-11-29T08:00:00Z</CreateDate></InstanceProfile>")));
        wm.stubFor(query("AddRoleToInstanceProfile").willReturn(iamEmpty("AddRoleToInstanceProfile")));
        assertEquals("arn:aws:iam::123456789012:instance-profile/rolelab/containerise", cloud.createInstanceProfile("containerise", "lab-1"));
        cloud.addRoleToInstanceProfile("containerise", "containerise");
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("AddRoleToInstanceProfile"))
                .withFormParam("InstanceProfileName", equalTo("containerise")).withFormParam("RoleName", equalTo("containerise")));
    }

    @Test
    void policyIsCreatedUnderTheRoleLabPathAndAttached() {
        wm.stubFor(query("CreatePolicy").willReturn(iam("CreatePolicy",
                "<Policy><PolicyName>ECRContainerise</PolicyName><Arn>arn:aws:iam::123456789012:policy/rolelab/ECRContainerise</Arn>"
                        + "<Path>/rolelab/</Path><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>0</AttachmentCount></Policy>")));
        wm.stubFor(query("AttachRolePolicy").willReturn(iamEmpty("AttachRolePolicy")));
        String arn = cloud.createPolicy("ECRContainerise", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "lab-1");
        cloud.attachRolePolicy("containerise", arn);
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("CreatePolicy"))
                .withFormParam("Path", equalTo("/rolelab/")).withFormParam("PolicyDocument", containing("2012-10-17")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("AttachRolePolicy"))
                .withFormParam("PolicyArn", equalTo("arn:aws:iam::123456789012:policy/rolelab/ECRContainerise")));
    }

    @Test
    void deletingWhatIsAlreadyGoneIsDone() {
        wm.stubFor(query("DeleteRole").willReturn(iamError(404, "NoSuchEntity", "The role with name containerise cannot be found.")));
        wm.stubFor(query("DeleteInstanceProfile").willReturn(iamError(404, "NoSuchEntity", "Instance Profile containerise cannot be found.")));
        wm.stubFor(query("DeletePolicy").willReturn(iamError(404, "NoSuchEntity", "Policy does not exist.")));
        wm.stubFor(query("DetachRolePolicy").willReturn(iamError(404, "NoSuchEntity", "Policy is not attached.")));
        wm.stubFor(query("RemoveRoleFromInstanceProfile").willReturn(iamError(404, "NoSuchEntity", "Role is not in the profile.")));
        cloud.removeRoleFromInstanceProfile("containerise", "containerise");
        cloud.deleteInstanceProfile("containerise");
        cloud.detachRolePolicy("containerise", "arn:aws:iam::123456789012:policy/rolelab/ECRContainerise");
        cloud.deleteRole("containerise");
        cloud.deletePolicy("arn:aws:iam::123456789012:policy/rolelab/ECRContainerise");
        assertEquals(5, wm.getAllServeEvents().size());
    }

    @Test
    void aRoleStillInAProfileIsAConflictToRetry() {
        wm.stubFor(query("DeleteRole").willReturn(iamError(409, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.deleteRole("containerise"));
        assertEquals(CloudException.Kind.CONFLICT, e.kind());
    }

    @Test
    void ownershipReadsTheLabTag() {
        wm.stubFor(query("GetRole").withFormParam("RoleName", equalTo("mine")).willReturn(iam("GetRole",
                role("mine", "<Tags><member><Key>rolelab:lab</Key><Value>lab-1</Value></member></Tags>"))));
        wm.stubFor(query("GetRole").withFormParam("RoleName", equalTo("theirs")).willReturn(iam("GetRole",
                role("theirs", "<Tags><member><Key>team</Key><Value>payments</Value></member></Tags>"))));
        wm.stubFor(query("GetRole").withFormParam("RoleName", equalTo("nobody")).willReturn(iamError(404, "NoSuchEntity", "cannot be found")));
        assertEquals(Ownership.State.OURS, cloud.ownership(ResourceKind.ROLE, "mine", "lab-1").state());
        assertEquals(Ownership.State.NOT_OURS, cloud.ownership(ResourceKind.ROLE, "theirs", "lab-1").state());
        assertEquals(Ownership.State.NOT_OURS, cloud.ownership(ResourceKind.ROLE, "mine", "lab-2").state());
        assertEquals(Ownership.State.ABSENT, cloud.ownership(ResourceKind.ROLE, "nobody", "lab-1").state());
        assertTrue(cloud.exists(ResourceKind.ROLE, "theirs"));
    }

    @Test
    void aPolicyClashIsFoundByNameWhateverItsPath() {
        wm.stubFor(query("ListPolicies").willReturn(iam("ListPolicies", "<IsTruncated>false</IsTruncated><Policies>"
                + "<member><PolicyName>ECRContainerise</PolicyName><Arn>arn:aws:iam::123456789012:policy/ECRContainerise</Arn><Path>/</Path></member>"
                + "</Policies>")));
        assertTrue(cloud.exists(ResourceKind.POLICY, "ECRContainerise"));
        assertTrue(!cloud.exists(ResourceKind.POLICY, "ECRContainerise-2"));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Scope", equalTo("Local")));
    }

    @Test
    void throttlingIsRetried() {
        wm.stubFor(query("CreateRole").inScenario("throttle").whenScenarioStateIs("Started")
                .willReturn(iamError(400, "Throttling", "Rate exceeded")).willSetStateTo("second"));
        wm.stubFor(query("CreateRole").inScenario("throttle").whenScenarioStateIs("second")
                .willReturn(iam("CreateRole", role("containerise", ""))));
        assertEquals("arn:aws:iam::123456789012:role/rolelab/containerise", cloud.createRole("containerise", "{}", "lab-1"));
        assertEquals(2, wm.getAllServeEvents().size());
    }
}
