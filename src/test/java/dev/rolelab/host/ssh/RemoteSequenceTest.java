package dev.rolelab.host.ssh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.aws.AwsCloud;
import dev.rolelab.cloud.aws.AwsTestSettings;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.run.BuildAndPush;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole remote sequence on the real adapters: JSch against MINA SSHD running real /bin/sh with
 * stand-in programs, and the AWS SDK against WireMock for the console output and the proof.
 */
public class RemoteSequenceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    public static final String REPO_ARN = "arn:aws:ecr:us-east-1:123456789012:repository/ec2-ecr-test";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/rolelab/containerise";

    @TempDir
    Path tmp;

    LocalSshd sshd;

    @BeforeEach
    void start() throws Exception {
        sshd = new LocalSshd(tmp);
        StandIns.install(sshd, tmp);
    }

    @AfterEach
    void stop() throws Exception {
        sshd.close();
    }

    public static String console(String hostKeyLine) {
        String text = "[   10.59] cloud-init[1630]: -----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n"
                + "[   10.60] cloud-init[1630]: -----END SSH HOST KEY FINGERPRINTS-----\r\n"
                + "-----BEGIN SSH HOST KEY KEYS-----\r\n" + hostKeyLine + " \r\n-----END SSH HOST KEY KEYS-----\r\n";
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String simulation(String resource, List<String> actions, String decision) {
        StringBuilder members = new StringBuilder();
        for (String a : actions) {
            members.append("<member><EvalActionName>").append(a).append("</EvalActionName><EvalResourceName>").append(resource)
                    .append("</EvalResourceName><EvalDecision>").append(decision).append("</EvalDecision><MatchedStatements/><MissingContextValues/>")
                    .append("<ResourceSpecificResults><member><EvalResourceName>").append(resource).append("</EvalResourceName><EvalResourceDecision>")
                    .append(decision).append("</EvalResourceDecision></member></ResourceSpecificResults></member>");
        }
        return "<SimulatePrincipalPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><SimulatePrincipalPolicyResult>"
                + "<IsTruncated>false</IsTruncated><EvaluationResults>" + members + "</EvaluationResults></SimulatePrincipalPolicyResult>"
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>";
    }

    private void stubAws() {
        stubAws(wm, sshd);
    }

    /** Console output with the server's host key, DescribeImages, and the simulator's answers. */
    public static void stubAws(WireMockExtension wm, LocalSshd sshd) {
        String ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
        // first poll: cloud-init has not printed the keys yet; then it has
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("GetConsoleOutput")).inScenario("boot").whenScenarioStateIs("Started")
                .willSetStateTo("printed").willReturn(aResponse().withBody("<GetConsoleOutputResponse xmlns=\"" + ec2 + "\"><requestId>r</requestId>"
                        + "<instanceId>i-0abc123def4567890</instanceId><timestamp>2026-11-29T08:41:00Z</timestamp><output></output></GetConsoleOutputResponse>")));
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("GetConsoleOutput")).inScenario("boot").whenScenarioStateIs("printed")
                .willReturn(aResponse().withBody("<GetConsoleOutputResponse xmlns=\"" + ec2 + "\"><requestId>r</requestId>"
                        + "<instanceId>i-0abc123def4567890</instanceId><timestamp>2026-11-29T08:41:30Z</timestamp><output>" + console(sshd.hostKeyLine)
                        + "</output></GetConsoleOutputResponse>")));
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerRegistry_V20150921.DescribeImages"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{\"imageDetails\":[{\"registryId\":\"123456789012\","
                        + "\"repositoryName\":\"ec2-ecr-test\",\"imageDigest\":\"sha256:4f5e6d\",\"imageTags\":[\"v1\"],\"imageSizeInBytes\":3647891,"
                        + "\"imagePushedAt\":1.7644056E9}]}")));
        List<String> push = dev.rolelab.lab.PolicyDocuments.PUSH_ACTIONS;
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("SimulatePrincipalPolicy")).withFormParam("ResourceArns.member.1", equalTo(REPO_ARN))
                .willReturn(aResponse().withBody(simulation(REPO_ARN, push, "allowed"))));
        String other = "arn:aws:ecr:us-east-1:123456789012:repository/some-other-repository";
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("SimulatePrincipalPolicy")).withFormParam("ResourceArns.member.1", equalTo(other))
                .willReturn(aResponse().withBody(simulation(other, push, "implicitDeny"))));
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("SimulatePrincipalPolicy")).withFormParam("ResourceArns.member.1", equalTo("*"))
                .willReturn(aResponse().withBody(simulation("*", List.of("ecr:GetAuthorizationToken"), "allowed"))));
    }

    @Test
    void theWholeSequenceRunsTheExactCommandsAndNoSecretReachesTheDesktop() throws Exception {
        stubAws();
        List<Event> events = new CopyOnWriteArrayList<>();
        BuildAndPush.Result r;
        try (AwsCloud cloud = new AwsCloud(AwsTestSettings.forWireMock(wm.baseUrl()))) {
            BuildAndPush remote = new BuildAndPush(cloud, new SshHosts(Duration.ofMillis(10)),
                    new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(5)));
            LabSpec spec = LabSpec.builder().sshCidr("203.0.113.7/32").build();
            r = remote.run(spec, new BuildAndPush.Target("i-0abc123def4567890", "127.0.0.1", sshd.port(), sshd.clientKey, "123456789012", ROLE_ARN),
                    0, f -> false, new Cancel(), events::add);
        }
        assertEquals(BuildAndPush.Outcome.DONE, r.outcome(), r.failure() + " " + events);

        List<String> calls = new ArrayList<>(Files.readAllLines(tmp.resolve("calls.log")));
        // the two sides of the login pipe start together; either may log first
        int login = calls.indexOf("aws ecr get-login-password --region us-east-1");
        if (login > 0 && calls.get(login - 1).startsWith("docker login")) {
            calls.add(login - 1, calls.remove(login));
        }
        String registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        assertEquals(List.of(
                "sudo dnf install -y docker", "dnf install -y docker",
                "sudo systemctl enable --now docker", "systemctl enable --now docker",
                "sudo usermod -aG docker ec2-user", "usermod -aG docker ec2-user",
                "docker ps",
                "docker build --tag hello-test .",
                "docker run --rm hello-test",
                "aws --version",
                "aws ecr get-login-password --region us-east-1",
                "docker login --username AWS --password-stdin " + registry,
                "docker tag hello-test " + registry + "/ec2-ecr-test:v1",
                "docker push " + registry + "/ec2-ecr-test:v1",
                "curl -sS -X PUT http://169.254.169.254/latest/api/token -H X-aws-ec2-metadata-token-ttl-seconds: 60",
                "curl -sS -H X-aws-ec2-metadata-token: IMDSTOKEN http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "curl -sS -H X-aws-ec2-metadata-token: IMDSTOKEN http://169.254.169.254/latest/meta-data/iam/security-credentials/containerise",
                "aws sts get-caller-identity"), calls);

        assertEquals(LabSpec.TUTORIAL_DOCKERFILE, Files.readString(sshd.home.resolve("rolelab/Dockerfile")));
        assertEquals(StandIns.ECR_PASSWORD, Files.readString(tmp.resolve("docker-login.stdin")), "the password went through stdin");
        assertTrue(calls.stream().noneMatch(c -> c.contains(StandIns.ECR_PASSWORD)), "the password was on a command line");

        String seen = String.join("\n", events.stream().map(e -> e.title() + " " + e.message()).toList());
        for (String secret : List.of(StandIns.ECR_PASSWORD, StandIns.SECRET_KEY, StandIns.SESSION_TOKEN, StandIns.ACCESS_KEY_ID)) {
            assertFalse(seen.contains(secret), "a secret reached the desktop: " + secret);
        }
        assertTrue(seen.contains("hello"));
        assertTrue(seen.contains("layer 1/2\rlayer 2/2"), "carriage-return progress is kept for the terminal view");

        BuildAndPush.Proof proof = r.proof();
        assertNotNull(proof);
        assertEquals("ASIA...ABCD", proof.accessKeyId());
        assertEquals("2026-11-29T15:02:11Z", proof.expiration());
        assertEquals("arn:aws:sts::123456789012:assumed-role/containerise/i-0abc123def4567890", proof.assumedRoleArn());
        assertEquals("sha256:4f5e6d", proof.image().digest());
        assertEquals(3647891, proof.image().sizeBytes());
        assertTrue(proof.pushAllowedOnlyHere(), proof.toString());
        assertEquals("implicitDeny", proof.onAnotherRepository().get("ecr:PutImage"));
    }

    @Test
    void aFailingStepReportsItsStatusAndLastLinesAndARetryResumesThere() throws Exception {
        stubAws();
        sshd.standIn("docker", "case \"$1\" in build) echo 'Step 1/2 : FROM alpine'; echo 'toomanyrequests: rate limit' >&2; exit 1 ;; *) ;; esac\n");
        LabSpec spec = LabSpec.builder().sshCidr("203.0.113.7/32").build();
        try (AwsCloud cloud = new AwsCloud(AwsTestSettings.forWireMock(wm.baseUrl()))) {
            BuildAndPush remote = new BuildAndPush(cloud, new SshHosts(Duration.ofMillis(10)),
                    new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(5)));
            BuildAndPush.Target target = new BuildAndPush.Target("i-0abc123def4567890", "127.0.0.1", sshd.port(), sshd.clientKey, "123456789012", ROLE_ARN);
            BuildAndPush.Result failed = remote.run(spec, target, 0, f -> false, new Cancel(), e -> { });
            assertEquals(BuildAndPush.Outcome.STEP_FAILED, failed.outcome());
            assertEquals("build", failed.failed().step().id());
            assertEquals(1, failed.failed().exitStatus());
            // stdout and stderr travel apart: their relative order is not defined
            assertEquals(java.util.Set.of("Step 1/2 : FROM alpine", "toomanyrequests: rate limit"), java.util.Set.copyOf(failed.failed().lastLines()));

            StandIns.install(sshd, tmp); // the registry's rate limit has passed
            Files.deleteIfExists(tmp.resolve("calls.log"));
            BuildAndPush.Result retried = remote.run(spec, target, failed.nextStep(), f -> false, new Cancel(), e -> { });
            assertEquals(BuildAndPush.Outcome.DONE, retried.outcome(), retried.failure());
            assertEquals("docker build --tag hello-test .", Files.readAllLines(tmp.resolve("calls.log")).get(0));
        }
    }
}
