package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.iam;
import static dev.rolelab.cloud.aws.AwsWire.iamError;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.EcrActions;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.run.PolicyCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IAM's policy simulator over the wire: SimulatePrincipalPolicy (the proof) and SimulateCustomPolicy (before anything exists). */
class IamSimulationTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String REPO = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
    static final String DOCUMENT = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecr:PutImage\", \"Resource\": \""
            + REPO + "\"}]\n}";

    AwsCloud cloud;

    @BeforeEach
    void setUp() {
        cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()));
    }

    @AfterEach
    void tearDown() {
        cloud.close();
    }

    /** One EvaluationResult per action, with its ResourceSpecificResults (IAM API reference, EvaluationResult). */
    static String results(String resource, Map<String, String> decisions) {
        StringBuilder members = new StringBuilder();
        decisions.forEach((action, decision) -> members.append("<member><EvalActionName>").append(action)
                .append("</EvalActionName><EvalResourceName>").append(resource).append("</EvalResourceName><EvalDecision>").append(decision)
                .append("</EvalDecision><MatchedStatements/><MissingContextValues/><EvalDecisionDetails/><ResourceSpecificResults><member>")
                .append("<EvalResourceName>").append(resource).append("</EvalResourceName><EvalResourceDecision>").append(decision)
                .append("</EvalResourceDecision><MatchedStatements/><MissingContextValues/></member></ResourceSpecificResults></member>"));
        return "<IsTruncated>false</IsTruncated><EvaluationResults>" + members + "</EvaluationResults>";
    }

    @Test
    void simulatePrincipalPolicySendsNoEmptyContextEntries() {
        wm.stubFor(query("SimulatePrincipalPolicy").willReturn(iam("SimulatePrincipalPolicy", results(REPO, Map.of("ecr:PutImage", "allowed")))));
        assertEquals(Map.of("ecr:PutImage", "allowed"), cloud.simulate("arn:aws:iam::123456789012:role/rolelab/containerise", List.of("ecr:PutImage"), REPO));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("SimulatePrincipalPolicy"))
                .withFormParam("PolicySourceArn", equalTo("arn:aws:iam::123456789012:role/rolelab/containerise"))
                .withRequestBody(notContaining("ContextEntries")));
    }

    @Test
    void simulateCustomPolicySendsTheDocumentTheActionsTheResourceAndTheContext() {
        Map<String, String> decisions = new LinkedHashMap<>();
        decisions.put("ecr:PutImage", "allowed");
        decisions.put("ecr:BatchDeleteImage", "implicitDeny");
        decisions.put("ecr:DeleteRepository", "explicitDeny");
        wm.stubFor(query("SimulateCustomPolicy").willReturn(iam("SimulateCustomPolicy", results(REPO, decisions))));
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:RequestedRegion", "us-east-1");
        context.put("aws:SecureTransport", "true");
        Map<String, String> answer = cloud.simulateCustomPolicy(DOCUMENT, List.copyOf(decisions.keySet()), REPO, context);
        assertEquals(decisions, answer);
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("SimulateCustomPolicy"))
                .withFormParam("PolicyInputList.member.1", equalTo(DOCUMENT))
                .withFormParam("ActionNames.member.1", equalTo("ecr:PutImage"))
                .withFormParam("ActionNames.member.3", equalTo("ecr:DeleteRepository"))
                .withFormParam("ResourceArns.member.1", equalTo(REPO))
                .withFormParam("ContextEntries.member.1.ContextKeyName", equalTo("aws:RequestedRegion"))
                .withFormParam("ContextEntries.member.1.ContextKeyType", equalTo("string"))
                .withFormParam("ContextEntries.member.1.ContextKeyValues.member.1", equalTo("us-east-1"))
                .withFormParam("ContextEntries.member.2.ContextKeyName", equalTo("aws:SecureTransport"))
                .withFormParam("ContextEntries.member.2.ContextKeyType", equalTo("boolean"))
                .withRequestBody(notContaining("PolicySourceArn")));
    }

    @Test
    void simulateCustomPolicyWithoutContextSendsNoContextEntries() {
        wm.stubFor(query("SimulateCustomPolicy").willReturn(iam("SimulateCustomPolicy", results("*", Map.of("ecr:GetAuthorizationToken", "allowed")))));
        assertEquals(Map.of("ecr:GetAuthorizationToken", "allowed"), cloud.simulateCustomPolicy(DOCUMENT, List.of("ecr:GetAuthorizationToken"), "*", Map.of()));
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("ResourceArns.member.1", equalTo("*"))
                .withRequestBody(containing("PolicyInputList.member.1")).withRequestBody(notContaining("ContextEntries")));
    }

    @Test
    void aDocumentIamRefusesIsACloudErrorWithItsCode() {
        wm.stubFor(query("SimulateCustomPolicy").willReturn(iamError(400, "MalformedPolicyDocument", "Syntax errors in policy.")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.simulateCustomPolicy("{}", List.of("ecr:PutImage"), REPO, Map.of()));
        assertEquals("MalformedPolicyDocument", e.code());
        assertEquals("iam:SimulateCustomPolicy", e.operation());
    }

    @Test
    void thePolicyCheckAsksIamThreeTimesWithTheDocumentAsItWillBeSent() {
        String elsewhere = "arn:aws:ecr:us-east-1:123456789012:repository/" + PolicyCheck.OTHER_REPOSITORY;
        Map<String, String> here = new LinkedHashMap<>();
        PolicyDocuments.PUSH_ACTIONS.forEach(a -> here.put(a, "allowed"));
        EcrActions.DESTRUCTIVE.forEach(a -> here.put(a, "implicitDeny"));
        Map<String, String> other = new LinkedHashMap<>();
        PolicyDocuments.PUSH_ACTIONS.forEach(a -> other.put(a, "implicitDeny"));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("ecr:GetAuthorizationToken", "allowed");
        PolicyCheck.DESTRUCTIVE_IAM.forEach(a -> all.put(a, "implicitDeny"));
        wm.stubFor(query("SimulateCustomPolicy").withFormParam("ResourceArns.member.1", equalTo(REPO))
                .willReturn(iam("SimulateCustomPolicy", results(REPO, here))));
        wm.stubFor(query("SimulateCustomPolicy").withFormParam("ResourceArns.member.1", equalTo(elsewhere))
                .willReturn(iam("SimulateCustomPolicy", results(elsewhere, other))));
        wm.stubFor(query("SimulateCustomPolicy").withFormParam("ResourceArns.member.1", equalTo("*"))
                .willReturn(iam("SimulateCustomPolicy", results("*", all))));
        LabSpec spec = LabSpec.builder().sshCidr("203.0.113.10/32").build();
        PolicyCheck.Table t = new PolicyCheck(cloud, false).check(spec, "123456789012", null);
        assertTrue(t.ok(), t.failures().toString());
        assertTrue(t.source().contains("iam:SimulateCustomPolicy"), t.source());
        String sent = Json.pretty(PolicyDocuments.permissions(SdkRegions.CATALOGUE.partition("us-east-1"), "us-east-1", "123456789012", "ec2-ecr-test"));
        wm.verify(3, postRequestedFor(urlEqualTo("/")).withFormParam("Action", equalTo("SimulateCustomPolicy"))
                .withFormParam("PolicyInputList.member.1", equalTo(sent))
                .withFormParam("ContextEntries.member.1.ContextKeyName", equalTo("aws:RequestedRegion")));
    }
}
