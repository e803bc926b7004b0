package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.ecr;
import static dev.rolelab.cloud.aws.AwsWire.json;
import static dev.rolelab.cloud.aws.AwsWire.jsonBody;
import static dev.rolelab.cloud.aws.AwsWire.jsonError;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static dev.rolelab.cloud.aws.AwsWire.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Identity;
import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.ResourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EcrSsmStsTest {

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

    @Test
    void createsTheRepositoryWithScanOnPushAndTheTag() {
        wm.stubFor(ecr("CreateRepository").willReturn(jsonBody("{\"repository\":{\"repositoryArn\":\"arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test\","
                + "\"registryId\":\"123456789012\",\"repositoryName\":\"ec2-ecr-test\",\"repositoryUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/ec2-ecr-test\"}}")));
        assertEquals("arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test", cloud.createRepository("ec2-ecr-test", "lab-1"));
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson(
                "{\"repositoryName\":\"ec2-ecr-test\",\"imageScanningConfiguration\":{\"scanOnPush\":true},"
                        + "\"imageTagMutability\":\"MUTABLE\",\"tags\":[{\"Key\":\"rolelab:lab\",\"Value\":\"lab-1\"}]}")));
    }

    @Test
    void aTakenRepositoryNameIsAClash() {
        wm.stubFor(ecr("CreateRepository").willReturn(jsonError(400, "RepositoryAlreadyExistsException",
                "The repository with name 'ec2-ecr-test' already exists in the registry with id '123456789012'")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.createRepository("ec2-ecr-test", "lab-1"));
        assertEquals(CloudException.Kind.CLASH, e.kind());
        assertTrue(e.getMessage().contains("repository"));
    }

    @Test
    void repositoryIsDeletedWithItsImagesAndGoneIsDone() {
        wm.stubFor(ecr("DeleteRepository").inScenario("d").whenScenarioStateIs("Started").willSetStateTo("gone")
                .willReturn(jsonBody("{\"repository\":{\"repositoryName\":\"ec2-ecr-test\"}}")));
        wm.stubFor(ecr("DeleteRepository").inScenario("d").whenScenarioStateIs("gone")
                .willReturn(jsonError(400, "RepositoryNotFoundException", "The repository with name 'ec2-ecr-test' does not exist")));
        cloud.deleteRepository("ec2-ecr-test");
        cloud.deleteRepository("ec2-ecr-test");
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"repositoryName\":\"ec2-ecr-test\",\"force\":true}")));
    }

    @Test
    void existenceOfARepository() {
        wm.stubFor(ecr("DescribeRepositories").willReturn(jsonError(400, "RepositoryNotFoundException", "does not exist")));
        assertFalse(cloud.exists(ResourceKind.REPOSITORY, "ec2-ecr-test"));
    }

    @Test
    void amiComesFromThePublicSsmParameterForTheArchitecture() {
        wm.stubFor(json("AmazonSSM.GetParameter").willReturn(jsonBody(
                "{\"Parameter\":{\"Name\":\"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64\",\"Type\":\"String\",\"Value\":\"ami-0arm64\",\"Version\":42}}")));
        assertEquals("ami-0arm64", cloud.latestAmi(Architecture.ARM64));
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson(
                "{\"Name\":\"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64\"}")));
    }

    @Test
    void identityFromSts() {
        wm.stubFor(query("GetCallerIdentity").willReturn(xml("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/Admin/alice</Arn><UserId>AROAEXAMPLE:alice</UserId>"
                + "<Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>")));
        assertEquals(new Identity("123456789012", "arn:aws:sts::123456789012:assumed-role/Admin/alice", "AROAEXAMPLE:alice"), cloud.identity());
        wm.verify(postRequestedFor(urlEqualTo("/")).withFormParam("Version", equalTo("2011-06-15")));
    }

    @Test
    void publicIpComesFromCheckIp() {
        wm.stubFor(get("/checkip").willReturn(aResponse().withBody("198.51.100.23\n")));
        assertEquals("198.51.100.23", cloud.publicIp());
    }

    @Test
    void publicIpFailureAsksTheUserToTypeIt() {
        wm.stubFor(get("/checkip").willReturn(aResponse().withStatus(500).withBody("oops")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.publicIp());
        assertEquals(CloudException.Kind.NETWORK, e.kind());
        assertTrue(e.hint().contains("type it"), e.hint());
    }

    @Test
    void anEndpointThatDoesNotAnswerIsNamedNotAws() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        try (AwsCloud nowhere = new AwsCloud(AwsWire.settings(url))) {
            CloudException e = assertThrows(CloudException.class, nowhere::identity);
            assertEquals(CloudException.Kind.NETWORK, e.kind());
            assertTrue(e.getMessage().startsWith("could not reach " + url + " (the endpoint given with --endpoint-url) for sts:GetCallerIdentity: "),
                    e.getMessage());
            assertTrue(e.hint().contains("leave out --endpoint-url"), e.hint());
        }
    }
}
