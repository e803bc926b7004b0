package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** AWS's wire formats, as WireMock stubs: query protocol + XML for IAM, EC2, STS; JSON 1.1 for ECR and SSM. */
final class AwsWire {
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private AwsWire() { }

    /** AwsCloud pointed at WireMock, with every wait shortened and AWS's documented example keys. */
    static AwsSettings settings(String baseUrl) {
        return new AwsSettings("us-east-1", null, URI.create(baseUrl),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                true, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofMillis(10), URI.create(baseUrl + "/checkip"));
    }

    /** A query-protocol call (IAM, EC2, STS). */
    static MappingBuilder query(String action) {
        return post(urlEqualTo("/")).withFormParam("Action", equalTo(action));
    }

    /** A JSON-protocol call (ECR, SSM). */
    static MappingBuilder json(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    static MappingBuilder ecr(String operation) {
        return json("AmazonEC2ContainerRegistry_V20150921." + operation);
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    static ResponseDefinitionBuilder jsonBody(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder iam(String action, String result) {
        return xml("<" + action + "Response xmlns=\"" + IAM_NS + "\"><" + action + "Result>" + result + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></" + action + "Response>");
    }

    static ResponseDefinitionBuilder iamEmpty(String action) {
        return xml("<" + action + "Response xmlns=\"" + IAM_NS + "\"><ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></" + action + "Response>");
    }

    static ResponseDefinitionBuilder iamError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error><RequestId>4c3b0c4e-8a4f-4b2b-9c2c-EXAMPLE</RequestId></ErrorResponse>");
    }

    static ResponseDefinitionBuilder ec2(String action, String body) {
        return xml("<" + action + "Response xmlns=\"" + EC2_NS + "\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>" + body + "</" + action + "Response>");
    }

    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error></Errors>"
                        + "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>");
    }

    static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    static ResponseDefinitionBuilder instances(String state, String ip) {
        return ec2("DescribeInstances", "<reservationSet><item><reservationId>r-0abc</reservationId><ownerId>123456789012</ownerId>"
                + "<instancesSet><item><instanceId>i-0abc123def4567890</instanceId><instanceState><code>"
                + ("running".equals(state) ? 16 : "terminated".equals(state) ? 48 : 0) + "</code><name>" + state + "</name></instanceState>"
                + (ip == null ? "" : "<ipAddress>" + ip + "</ipAddress>")
                + "<placement><availabilityZone>us-east-1b</availabilityZone></placement>"
                + "<tagSet><item><key>rolelab:lab</key><value>lab-test</value></item><item><key>Name</key><value>ec2-ecr-test</value></item></tagSet>"
                + "</item></instancesSet></item></reservationSet>");
    }
}
