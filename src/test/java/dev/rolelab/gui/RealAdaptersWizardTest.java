package dev.rolelab.gui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.cloud.aws.AwsCloud;
import dev.rolelab.cloud.aws.AwsLabStubs;
import dev.rolelab.cloud.aws.AwsTestSettings;
import dev.rolelab.gui.util.FxTaskExecutor;
import dev.rolelab.host.Host;
import dev.rolelab.host.Hosts;
import dev.rolelab.host.ssh.LocalSshd;
import dev.rolelab.host.ssh.RemoteSequenceTest;
import dev.rolelab.host.ssh.SshHosts;
import dev.rolelab.host.ssh.StandIns;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.run.BuildAndPush;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * One run of the wizard on the real adapters: the AWS SDK against WireMock stubs, JSch against MINA
 * SSHD running /bin/sh with stand-in programs. Clicked through like the practice run.
 */
@ExtendWith(ApplicationExtension.class)
class RealAdaptersWizardTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path tmp;

    WizardWindow window;
    Services services;
    LocalSshd sshd;

    /** SSH goes to port 22 in production; here, to the local server's port. */
    record LocalPort(Hosts ssh, int port) implements Hosts {
        @Override
        public void awaitSsh(String address, int p, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
            ssh.awaitSsh("127.0.0.1", port, deadline, progress, cancelled);
        }

        @Override
        public Host open(Target t) {
            return ssh.open(new Target("127.0.0.1", port, t.user(), t.privateKey(), t.trust()));
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "run");
        sshd = new LocalSshd(dir);
        StandIns.install(sshd, dir);
        Path data = dir.resolve("data");
        services = new Services(data, new LedgerStore(data), new FxTaskExecutor(6),
                (practice, region, profile) -> new AwsCloud(AwsTestSettings.forWireMock(wm.baseUrl())),
                cloud -> new LocalPort(new SshHosts(Duration.ofMillis(10)), sshd.port()),
                cloud -> new BuildAndPush.Waits(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(5)),
                AwsCloud::regionNames, Map::of, () -> true);
        window = new WizardWindow(stage, services);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        services.executor().shutdown();
        sshd.close();
    }

    private static void stubPreflight() {
        String iam = "https://iam.amazonaws.com/doc/2010-05-08/";
        for (String a : List.of("GetRole", "GetInstanceProfile")) {
            wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo(a)).willReturn(aResponse().withStatus(404).withBody(
                    "<ErrorResponse xmlns=\"" + iam + "\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>not found</Message></Error></ErrorResponse>")));
        }
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("ListPolicies")).willReturn(aResponse().withBody(
                "<ListPoliciesResponse xmlns=\"" + iam + "\"><ListPoliciesResult><IsTruncated>false</IsTruncated><Policies/></ListPoliciesResult></ListPoliciesResponse>")));
        wm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"does not exist\"}")));
        String ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";
        wm.stubFor(post(urlEqualTo("/")).withFormParam("Action", equalTo("DescribeSecurityGroups")).willReturn(aResponse().withBody(
                "<DescribeSecurityGroupsResponse xmlns=\"" + ec2 + "\"><securityGroupInfo/></DescribeSecurityGroupsResponse>")));
        wm.stubFor(get("/checkip").willReturn(aResponse().withBody("198.51.100.23\n")));
    }

    @Test
    void theWholeTutorialOnTheSdkAndJsch(FxRobot robot) throws Exception {
        AwsLabStubs.stubAccount(wm);
        RemoteSequenceTest.stubAws(wm, sshd);
        stubPreflight();
        WizardRobot w = new WizardRobot(robot, window);
        assertTrue(((javafx.scene.control.ToggleButton) w.find("#choose-aws")).isSelected(), "credentials found: the account is chosen");
        w.next(5);
        w.waitUntil("the identity", 15, () -> w.text("#identity").contains("Account 123456789012 as arn:aws:iam::123456789012:user/alice"));
        assertFalse(robot.lookup(".practice-banner").query().isVisible(), "no simulation label on a real run");
        w.next(10);
        w.waitUntil("the detected IP", 15, () -> w.text("#cidr").equals("198.51.100.23/32"));
        w.waitUntil("the default VPC", 15, () -> w.text("#vpc-status").contains("subnet-0bbb in us-east-1b"));
        w.next(10);
        w.click("#key-existing");
        w.type("#key-name", "my-laptop");
        w.type("#key-file", sshd.clientKey.toString());
        w.next(10);
        w.waitUntil("names checked against the account", 15, w::nextEnabled);
        w.next(10);
        w.next(10);
        w.waitUntil("provisioning over the SDK", 30, w::nextEnabled);
        w.next(5);
        w.waitUntil("build and push over SSH", 30, w::nextEnabled);
        String terminal = ((TerminalView) w.find("#terminal")).text();
        assertTrue(terminal.contains("Login Succeeded") && terminal.contains("hello"), terminal);
        assertFalse(terminal.contains(StandIns.ECR_PASSWORD) || terminal.contains(StandIns.SECRET_KEY) || terminal.contains(StandIns.SESSION_TOKEN));
        w.next(5);
        w.waitUntil("the verdict", 5, () -> w.text("#verdict").startsWith("Least privilege holds"));
        w.next(5);
        // teardown checks each resource is still the lab's own (its rolelab:lab tag) before deleting it by name
        AwsLabStubs.stubOwned(wm, services.ledgers().all().get(0).labId());
        w.click("#remove-everything");
        w.waitUntil("teardown over the SDK", 30, () -> w.text("#cleanup-status").startsWith("Everything is removed"));
        List<String> calls = AwsLabStubs.calls(wm);
        assertTrue(calls.containsAll(List.of("RunInstances", "TerminateInstances", "DeleteRole", "DeletePolicy", "DeleteRepository",
                "DeleteSecurityGroup", "SimulatePrincipalPolicy", "DescribeImages", "GetConsoleOutput")), calls.toString());
        assertFalse(calls.contains("ImportKeyPair") || calls.contains("DeleteKeyPair"), "the user's own key pair is neither made nor deleted");
    }
}
