package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shape of the runner's policy; what it allows and denies is judged over the wire in RunnerPolicyOverTheWireTest. */
class RunnerPolicyTest {

    private static JsonNode statement(ObjectNode doc, String sid) {
        for (JsonNode s : doc.path("Statement")) {
            if (sid.equals(s.path("Sid").asText())) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + doc);
    }

    @Test
    void fitsAManagedPolicyWithUniqueAlphanumericSidsAndOnlyAllows() {
        ObjectNode doc = RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("us-east-1"), "123456789012");
        assertEquals("2012-10-17", doc.path("Version").asText());
        Set<String> sids = new HashSet<>();
        for (JsonNode s : doc.path("Statement")) {
            assertTrue(s.path("Sid").asText().matches("[A-Za-z0-9]+"), s.toString());
            assertTrue(sids.add(s.path("Sid").asText()), "duplicate Sid " + s.path("Sid"));
            assertEquals("Allow", s.path("Effect").asText());
            assertFalse(s.has("NotAction") || s.has("NotResource") || s.has("Principal"), s.toString());
            for (JsonNode a : s.path("Action")) {
                assertFalse(a.asText().contains("*"), "no wildcard actions: " + a);
            }
        }
        // IAM's limit for a customer managed policy: 6,144 characters, whitespace not counted
        int size = Json.compact(doc).replaceAll("\\s", "").length();
        assertTrue(size <= 6144, size + " characters");
    }

    @Test
    void theArnsAndTheEc2PrincipalFollowThePartition() {
        ObjectNode cn = RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("cn-north-1"), "123456789012");
        String text = Json.compact(cn);
        assertFalse(text.contains("arn:aws:"), text);
        assertTrue(text.contains("arn:aws-cn:iam::123456789012:role/rolelab/*"), text);
        assertEquals("ec2.amazonaws.com.cn", statement(cn, "HandTheLabRoleToEc2Only").path("Condition").path("StringEquals")
                .path("iam:PassedToService").asText());
        ObjectNode gov = RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("us-gov-west-1"), "123456789012");
        assertTrue(Json.compact(gov).contains("arn:aws-us-gov:ec2:*:123456789012:instance/*"));
        assertEquals("ec2.amazonaws.com", statement(gov, "HandTheLabRoleToEc2Only").path("Condition").path("StringEquals")
                .path("iam:PassedToService").asText());
    }

    @Test
    void launchesOnlyTheOfferedTypes() {
        JsonNode types = statement(RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("eu-west-1"), "210987654321"), "LaunchOfferedTypesTaggedWithTheLabProfile")
                .path("Condition").path("StringEquals").path("ec2:InstanceType");
        assertEquals(RunnerPolicy.INSTANCE_TYPES.toString(), Json.MAPPER.convertValue(types, java.util.List.class).toString());
        assertTrue(RunnerPolicy.INSTANCE_TYPES.contains(LabSpec.DEFAULT_INSTANCE_TYPE));
    }

    @Test
    void refusesAnAccountThatIsNotTwelveDigits() {
        assertThrows(IllegalArgumentException.class, () -> RunnerPolicy.document(dev.rolelab.cloud.aws.SdkRegions.CATALOGUE.partition("us-east-1"), "12345"));
    }
}
