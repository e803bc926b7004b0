package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rolelab.cloud.aws.AwsWire.ec2Error;
import static dev.rolelab.cloud.aws.AwsWire.ecr;
import static dev.rolelab.cloud.aws.AwsWire.iamError;
import static dev.rolelab.cloud.aws.AwsWire.json;
import static dev.rolelab.cloud.aws.AwsWire.jsonError;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.CloudErrors;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.LaunchRequest;
import dev.rolelab.lab.Architecture;
import dev.rolelab.lab.ResourceKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The refusals a new, limited or misconfigured account meets, each with AWS's real code and message: worded
 * as what it is, with the action to take, and sent exactly once (retrying cannot help any of them).
 */
class RefusalsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<AwsCloud> clouds = new ArrayList<>();

    @AfterEach
    void tearDown() {
        clouds.forEach(AwsCloud::close);
    }

    private AwsCloud cloudIn(String region) {
        AwsCloud c = new AwsCloud(new AwsSettings(region, null, URI.create(wm.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                true, Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofMillis(10), URI.create(wm.baseUrl() + "/checkip")));
        clouds.add(c);
        return c;
    }

    private static CloudException refused(Executable call) {
        CloudException e = assertThrows(CloudException.class, call);
        wm.verify(1, postRequestedFor(urlEqualTo("/")));
        assertFalse(e.describe().contains("java."), e.describe());
        assertFalse(e.describe().contains("Exception:"), e.describe());
        return e;
    }

    private static LaunchRequest launch(String type) {
        return new LaunchRequest("ec2-ecr-test", "lab-1", "ami-0abcdef1234567890", type, "subnet-0a1b2c3d",
                "sg-0a1b2c3d4e5f67890", "rolelab-ec2-ecr-test", "containerise");
    }

    @Test
    void authFailureInAnOptInRegionSaysEnableTheRegionNotSignInAgain() {
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials")));
        CloudException e = refused(() -> cloudIn("af-south-1").exists(ResourceKind.KEY_PAIR, "rolelab-ec2-ecr-test"));
        // EC2 sends AuthFailure as a 401, whose body the url-connection client cannot read: the status is the code
        assertEquals("HTTP 401", e.code());
        assertEquals(CloudException.Kind.ACCOUNT, e.kind());
        assertTrue(e.getMessage().contains("af-south-1 is an opt-in region"), e.getMessage());
        assertTrue(e.hint().contains("enable the region in your account settings"), e.hint());
        assertTrue(e.hint().contains("aws account enable-region --region-name af-south-1"), e.hint());
        assertFalse(e.hint().contains("aws login"), e.hint());
    }

    @Test
    void invalidClientTokenIdFromStsInAnOptInRegionSaysEnableTheRegion() {
        wm.stubFor(query("GetCallerIdentity").willReturn(iamError(403, "InvalidClientTokenId", "The security token included in the request is invalid.")));
        CloudException e = refused(() -> cloudIn("ap-east-1").identity());
        assertEquals("InvalidClientTokenId", e.code());
        assertEquals(CloudException.Kind.ACCOUNT, e.kind());
        assertTrue(e.hint().contains("enable the region in your account settings"), e.hint());
    }

    @Test
    void unrecognizedClientFromEcrInAnOptInRegionSaysEnableTheRegion() {
        wm.stubFor(ecr("DescribeRepositories").willReturn(jsonError(400, "UnrecognizedClientException", "The security token included in the request is invalid.")));
        CloudException e = refused(() -> cloudIn("me-central-1").exists(ResourceKind.REPOSITORY, "ec2-ecr-test"));
        assertEquals("UnrecognizedClientException", e.code());
        assertTrue(e.hint().contains("enable the region"), e.hint());
    }

    @Test
    void authFailureInARegionEnabledByDefaultIsACredentialProblemWithTheWaysToSignIn() {
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials")));
        CloudException e = refused(() -> cloudIn("us-east-1").exists(ResourceKind.KEY_PAIR, "rolelab-ec2-ecr-test"));
        assertEquals(CloudException.Kind.CREDENTIALS, e.kind());
        assertEquals("HTTP 401", e.code());
        assertTrue(e.getMessage().contains("AuthFailure") && e.getMessage().contains("OptInRequired"), e.getMessage());
        assertTrue(e.hint().startsWith(CloudErrors.SIGN_IN), e.hint());
    }

    @Test
    void unrecognizedClientFromEcrInARegionEnabledByDefaultMeansSignIn() {
        wm.stubFor(ecr("CreateRepository").willReturn(jsonError(400, "UnrecognizedClientException", "The security token included in the request is invalid.")));
        CloudException e = refused(() -> cloudIn("us-east-1").createRepository("ec2-ecr-test", "lab-1"));
        assertEquals(CloudException.Kind.CREDENTIALS, e.kind());
        assertTrue(e.hint().startsWith("sign in with `aws login`"), e.hint());
    }

    @Test
    void expiredTokenFromEcrSaysTheSignInExpired() {
        wm.stubFor(ecr("CreateRepository").willReturn(jsonError(400, "ExpiredTokenException", "The security token included in the request is expired")));
        CloudException e = refused(() -> cloudIn("us-east-1").createRepository("ec2-ecr-test", "lab-1"));
        assertEquals("ExpiredTokenException", e.code());
        assertTrue(e.getMessage().startsWith("your AWS sign-in has expired"), e.getMessage());
        assertEquals(CloudErrors.SIGN_IN, e.hint());
    }

    @Test
    void accessDeniedFromEcrNamesTheActionAndResourceAwsNamed() {
        wm.stubFor(ecr("CreateRepository").willReturn(jsonError(400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: ecr:CreateRepository on resource: "
                        + "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test because no identity-based policy allows the ecr:CreateRepository action")));
        CloudException e = refused(() -> cloudIn("us-east-1").createRepository("ec2-ecr-test", "lab-1"));
        assertEquals("AccessDeniedException", e.code());
        assertEquals(CloudException.Kind.ACCESS_DENIED, e.kind());
        assertTrue(e.hint().startsWith("allow ecr:CreateRepository on arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test "), e.hint());
    }

    @Test
    void unauthorizedOperationNamesThePassRoleAwsRefusedAndHowToDecodeTheReason() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/bob is not authorized to perform: "
                        + "iam:PassRole on resource: arn:aws:iam::123456789012:role/rolelab/containerise because no identity-based policy "
                        + "allows the iam:PassRole action. Encoded authorization failure message: 4gBSZVDEHEXAMPLEencodedEXAMPLE")));
        CloudException e = refused(() -> cloudIn("us-east-1").launch(launch("t3.micro"), m -> { }));
        assertEquals("UnauthorizedOperation", e.code());
        assertTrue(e.getMessage().contains("not allowed iam:PassRole on arn:aws:iam::123456789012:role/rolelab/containerise, which ec2:RunInstances needs"),
                e.getMessage());
        assertTrue(e.hint().startsWith("allow iam:PassRole on arn:aws:iam::123456789012:role/rolelab/containerise"), e.hint());
        assertTrue(e.hint().contains("aws sts decode-authorization-message --encoded-message"), e.hint());
        assertFalse(e.describe().contains("4gBSZVDEH"), "the encoded blob stays in the log: " + e.describe());
    }

    @Test
    void unauthorizedOperationWithoutANamedActionSaysWhichOthersTheCallNeeds() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation. Encoded authorization failure message: 4gBSZVDEHEXAMPLE")));
        CloudException e = refused(() -> cloudIn("us-east-1").launch(launch("t3.micro"), m -> { }));
        assertTrue(e.hint().startsWith("allow ec2:RunInstances"), e.hint());
        assertTrue(e.hint().contains("iam:PassRole") && e.hint().contains("ec2:CreateTags"), e.hint());
        assertTrue(e.hint().contains("decode-authorization-message"), e.hint());
    }

    @Test
    void pendingVerificationSaysWaitForTheEmailAndIsNotRetried() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "PendingVerification",
                "Your request for accessing resources in this region is being validated, and you will not be able to launch additional "
                        + "resources in this region until the validation is complete. We will notify you by email once your request has been "
                        + "validated. While normally resolved within minutes, please allow up to 4 hours for this process to complete. If the "
                        + "issue still persists, please let us know by writing to aws-verification@amazon.com for further assistance.")));
        CloudException e = refused(() -> cloudIn("us-east-1").launch(launch("t3.micro"), m -> { }));
        assertEquals("PendingVerification", e.code());
        assertEquals(CloudException.Kind.ACCOUNT, e.kind());
        assertTrue(e.getMessage().startsWith("AWS is still verifying your account"), e.getMessage());
        assertTrue(e.hint().contains("up to 4 hours") && e.hint().contains("aws-verification@amazon.com"), e.hint());
    }

    @Test
    void freePlanRefusalNamesTheEligibleTypes() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "InvalidParameterCombination",
                "The specified instance type is not eligible for Free Tier. For a list of Free Tier instance types, run "
                        + "'describe-instance-types' with the filter 'free-tier-eligible=true'.")));
        CloudException e = refused(() -> cloudIn("us-east-1").launch(launch("t2.micro"), m -> { }));
        assertEquals("InvalidParameterCombination", e.code());
        assertEquals(CloudException.Kind.ACCOUNT, e.kind());
        assertTrue(e.getMessage().startsWith("your AWS account is on the free plan"), e.getMessage());
        assertTrue(e.hint().contains("t3.micro") && e.hint().contains("free-tier-eligible"), e.hint());
    }

    @Test
    void requestExpiredIsRetriedOnlyByTheSdkWhichCorrectsItsClockFromAwsDate() {
        // the one refusal a retry can cure: the SDK moves its clock to AWS's Date header and signs again
        wm.stubFor(query("DescribeKeyPairs").inScenario("skew").whenScenarioStateIs("Started").willSetStateTo("corrected")
                .willReturn(ec2Error(400, "RequestExpired", "Request has expired.")
                        .withHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(1)))));
        wm.stubFor(query("DescribeKeyPairs").inScenario("skew").whenScenarioStateIs("corrected")
                .willReturn(AwsWire.ec2("DescribeKeyPairs", "<keySet/>")));
        assertFalse(cloudIn("us-east-1").exists(ResourceKind.KEY_PAIR, "rolelab-ec2-ecr-test"));
        wm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void requestExpiredThatPersistsSaysTheClockIsOff() {
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2Error(400, "RequestExpired", "Request has expired.")));
        CloudException e = assertThrows(CloudException.class, () -> cloudIn("us-east-1").exists(ResourceKind.KEY_PAIR, "rolelab-ec2-ecr-test"));
        // the SDK's attempts (5 in tests, 3 by default), none added by RoleLab
        wm.verify(5, postRequestedFor(urlEqualTo("/")));
        assertEquals("RequestExpired", e.code());
        assertEquals(CloudException.Kind.CLOCK, e.kind());
        assertTrue(e.getMessage().contains("clock is off"), e.getMessage());
        assertTrue(e.hint().contains("set the clock right"), e.hint());
    }

    @Test
    void iamLimitExceededIsAQuotaNotAConflict() {
        wm.stubFor(query("CreateRole").willReturn(iamError(409, "LimitExceeded", "Cannot exceed quota for RolesPerAccount: 1000")));
        CloudException e = refused(() -> cloudIn("us-east-1").createRole("containerise", "{}", "lab-1"));
        assertEquals("LimitExceeded", e.code());
        assertEquals(CloudException.Kind.QUOTA, e.kind());
        assertTrue(e.getMessage().startsWith("an AWS quota is reached"), e.getMessage());
        assertTrue(e.hint().contains("Service Quotas"), e.hint());
    }

    @Test
    void aSecondRoleInAnInstanceProfileIsNamedAsSuch() {
        wm.stubFor(query("AddRoleToInstanceProfile").willReturn(iamError(409, "LimitExceeded",
                "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")));
        CloudException e = refused(() -> cloudIn("us-east-1").addRoleToInstanceProfile("containerise", "containerise"));
        assertEquals(CloudException.Kind.QUOTA, e.kind());
        assertTrue(e.getMessage().startsWith("the instance profile already holds a role"), e.getMessage());
    }

    @Test
    void optInRequiredSaysFinishTheSignUp() {
        wm.stubFor(query("DescribeKeyPairs").willReturn(ec2Error(401, "OptInRequired",
                "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.")));
        CloudException e = refused(() -> cloudIn("us-east-1").exists(ResourceKind.KEY_PAIR, "rolelab-ec2-ecr-test"));
        assertEquals("HTTP 401", e.code()); // EC2's 401: the body (and its code) is not readable, both causes are named
        assertTrue(e.hint().contains("finish its sign-up"), e.hint());
        CloudException read = CloudErrors.of("OptInRequired", "You are not subscribed to this service.", "ec2:RunInstances", null);
        assertEquals(CloudException.Kind.ACCOUNT, read.kind());
        assertTrue(read.hint().startsWith("finish the account's sign-up"), read.hint());
    }

    @Test
    void blockedSaysContactSupport() {
        wm.stubFor(query("RunInstances").willReturn(ec2Error(400, "Blocked",
                "This account is currently blocked and not recognized as a valid account. Please contact "
                        + "https://support.console.aws.amazon.com/support/home if you have questions.")));
        CloudException e = refused(() -> cloudIn("us-east-1").launch(launch("t3.micro"), m -> { }));
        assertEquals("Blocked", e.code());
        assertEquals(CloudException.Kind.ACCOUNT, e.kind());
        assertTrue(e.getMessage().startsWith("AWS has blocked this account"), e.getMessage());
        assertTrue(e.hint().contains("AWS Support"), e.hint());
    }

    @Test
    void parameterNotFoundSaysTheImageIsNotPublishedThere() {
        wm.stubFor(json("AmazonSSM.GetParameter").willReturn(jsonError(400, "ParameterNotFound", "")));
        CloudException e = refused(() -> cloudIn("us-east-1").latestAmi(Architecture.ARM64));
        assertEquals("ParameterNotFound", e.code());
        assertTrue(e.getMessage().contains("Amazon Linux 2023 image is not published in this region"), e.getMessage());
        assertTrue(e.hint().startsWith("choose another region"), e.hint());
    }

    @Test
    void imageNotFoundIsNoImageAndIsAskedOnce() {
        wm.stubFor(ecr("DescribeImages").willReturn(jsonError(400, "ImageNotFoundException",
                "The image with imageId {imageDigest:'null', imageTag:'v1'} does not exist within the repository with name "
                        + "'ec2-ecr-test' in the registry with id '123456789012'")));
        assertTrue(cloudIn("us-east-1").image("ec2-ecr-test", "v1").isEmpty());
        wm.verify(1, postRequestedFor(urlEqualTo("/")));
        CloudException e = CloudErrors.of("ImageNotFoundException", "The image with imageId {imageDigest:'null', imageTag:'v1'} does not exist",
                "ecr:BatchGetImage", null);
        assertEquals(CloudException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.hint().contains("run the build-and-push step again"), e.hint());
    }
}
