package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.rolelab.cloud.aws.AwsWire.ec2;
import static dev.rolelab.cloud.aws.AwsWire.ec2Error;
import static dev.rolelab.cloud.aws.AwsWire.iamEmpty;
import static dev.rolelab.cloud.aws.AwsWire.iamError;
import static dev.rolelab.cloud.aws.AwsWire.instances;
import static dev.rolelab.cloud.aws.AwsWire.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.Step;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Event;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import dev.rolelab.run.Teardown;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's eventual consistency over the wire (WireMock scenarios): each "not visible yet" answer is retried
 * by the engine, the call succeeds on exactly the retried attempt, and the retry line names the AWS code.
 */
class EventualConsistencyTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path tmp;

    private final ExecutorService executor = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** {@code action} answers {@code error} once, then {@code ok}. */
    private static void onceThen(String action, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error,
                                 com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok) {
        wm.stubFor(query(action).inScenario(action).whenScenarioStateIs(STARTED).willSetStateTo("visible").willReturn(error));
        wm.stubFor(query(action).inScenario(action).whenScenarioStateIs("visible").willReturn(ok));
    }

    private static long count(List<String> calls, String action) {
        return Collections.frequency(calls, action);
    }

    private static String retryLine(List<Event> events, Step step) {
        return events.stream().filter(e -> e.type() == Event.Type.RETRYING && e.subject().equals(step.name()))
                .map(Event::message).findFirst().orElse("(no retry for " + step + ": " + events + ")");
    }

    private Ledger ledger() {
        return new LedgerStore(tmp).create(LabSpec.builder().sshCidr("203.0.113.7/32").key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(),
                null, wm.baseUrl(), false);
    }

    @Test
    void everyNotVisibleYetIsRetriedByCodeUntilTheCallSucceeds() {
        AwsLabStubs.stubAccount(wm);
        onceThen("AttachRolePolicy", iamError(404, "NoSuchEntity", "Policy arn:aws:iam::123456789012:policy/rolelab/ECRContainerise"
                + " does not exist or is not attachable."), iamEmpty("AttachRolePolicy"));
        onceThen("AddRoleToInstanceProfile", iamError(404, "NoSuchEntity", "Instance Profile containerise cannot be found."),
                iamEmpty("AddRoleToInstanceProfile"));
        onceThen("AuthorizeSecurityGroupIngress", ec2Error(400, "InvalidGroup.NotFound", "The security group 'sg-0123' does not exist"),
                ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"));
        // DescribeInstances right after RunInstances: not found once, then running (in the "life" scenario teardown uses too)
        wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs(STARTED).willSetStateTo("seen")
                .willReturn(ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID 'i-0abc123def4567890' does not exist")));
        wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs("seen").willReturn(instances("running", "54.210.167.204")));
        wm.stubFor(query("TerminateInstances").inScenario("life").willSetStateTo("terminating").willReturn(ec2("TerminateInstances",
                "<instancesSet><item><instanceId>i-0abc123def4567890</instanceId></item></instancesSet>")));
        List<Event> events = new CopyOnWriteArrayList<>();
        try (AwsCloud cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()))) {
            Ledger ledger = ledger();
            Provisioner.Result r = new Provisioner(cloud, tmp.resolve("keys"), executor).provision(ledger, new Cancel(), events::add, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome(), r.failure());
            assertEquals("54.210.167.204", r.lab().publicIp());

            List<String> calls = AwsLabStubs.calls(wm);
            for (String action : List.of("AttachRolePolicy", "AddRoleToInstanceProfile", "AuthorizeSecurityGroupIngress", "DescribeInstances")) {
                assertEquals(2, count(calls, action), action + " is asked exactly twice: " + calls);
            }
            assertEquals(1, count(calls, "RunInstances"), "the launch itself is not repeated");
            assertTrue(retryLine(events, Step.POLICY_ATTACHMENT).startsWith("role containerise or policy ECRContainerise not visible yet (NoSuchEntity); retrying in"),
                    retryLine(events, Step.POLICY_ATTACHMENT));
            assertTrue(retryLine(events, Step.ROLE_IN_PROFILE).startsWith("instance profile containerise or role containerise not visible yet (NoSuchEntity)"),
                    retryLine(events, Step.ROLE_IN_PROFILE));
            assertTrue(retryLine(events, Step.SECURITY_GROUP).startsWith("security group sg-0123 not visible yet (InvalidGroup.NotFound)"),
                    retryLine(events, Step.SECURITY_GROUP));
            assertEquals("instance i-0abc123def4567890 not visible yet (InvalidInstanceID.NotFound); retrying in 10 ms (attempt 2)",
                    retryLine(events, Step.INSTANCE));
        }
    }

    @Test
    void aNotFoundIsNotRetriedWhereItCannotBeConsistency() {
        AwsLabStubs.stubAccount(wm);
        wm.stubFor(query("AttachRolePolicy").willReturn(iamError(403, "AccessDenied", "User is not authorized to perform: iam:AttachRolePolicy")));
        try (AwsCloud cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()))) {
            Provisioner.Result r = new Provisioner(cloud, tmp.resolve("keys"), executor).provision(ledger(), new Cancel(), Events.NONE, false);
            assertEquals(Provisioner.Outcome.FAILED, r.outcome());
            assertEquals(1, count(AwsLabStubs.calls(wm), "AttachRolePolicy"), "a refusal is not retried");
        }
    }

    /** After `up --keep`, each named resource was deleted and re-created by someone else: `down` leaves every one. */
    @Test
    void teardownLeavesSameNamedReplacementsUntaggedOrMadeLater() {
        for (boolean tagged : List.of(false, true)) {
            wm.resetAll();
            AwsLabStubs.stubAccount(wm);
            try (AwsCloud cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()))) {
                Ledger ledger = ledger();
                assertEquals(Provisioner.Outcome.READY, new Provisioner(cloud, tmp.resolve("keys-" + tagged), executor)
                        .provision(ledger, new Cancel(), Events.NONE, true).outcome());
                if (tagged) { // the replacements even carry this lab's tag, but were made an hour after the ledger's
                    AwsLabStubs.stubOwned(wm, ledger.labId(), java.time.Instant.now().plus(java.time.Duration.ofHours(1)));
                } else {
                    AwsLabStubs.stubOwned(wm, "lab-someoneelse");
                }
                wm.resetRequests();
                List<Event> events = new CopyOnWriteArrayList<>();
                assertTrue(new Teardown(cloud, executor).run(ledger, new Teardown.Options(true), events::add).clean());
                List<String> calls = AwsLabStubs.calls(wm);
                for (String delete : List.of("DeleteRepository", "DeleteRole", "DeleteInstanceProfile", "DeletePolicy", "DeleteKeyPair")) {
                    assertEquals(0, count(calls, delete), (tagged ? "tagged: " : "untagged: ") + delete + " in " + calls);
                }
                assertTrue(calls.contains("TerminateInstances") && calls.contains("DeleteSecurityGroup"), "the lab's own (by id) still go: " + calls);
                assertEquals(5, events.stream().filter(e -> e.message().contains("same-named replacement, left alone")).count(), events.toString());
            }
        }
    }

    @Test
    void teardownDoesNotWriteOffAJustLaunchedInstanceThatDescribeDoesNotFindYet() {
        AwsLabStubs.stubAccount(wm);
        List<Event> events = new CopyOnWriteArrayList<>();
        try (AwsCloud cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()))) {
            Ledger ledger = ledger();
            assertEquals(Provisioner.Outcome.READY, new Provisioner(cloud, tmp.resolve("keys"), executor)
                    .provision(ledger, new Cancel(), Events.NONE, true).outcome());
            AwsLabStubs.stubOwned(wm, ledger.labId());
            // the instance was launched a moment ago: by id and by tag EC2 does not show it once, then does
            wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs(STARTED).willSetStateTo("seen")
                    .willReturn(ec2Error(400, "InvalidInstanceID.NotFound", "The instance ID 'i-0abc123def4567890' does not exist")));
            wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs("seen").willSetStateTo("seen-by-tag")
                    .willReturn(ec2("DescribeInstances", "<reservationSet/>")));
            wm.stubFor(query("DescribeInstances").inScenario("life").whenScenarioStateIs("seen-by-tag").willReturn(instances("running", "54.210.167.204")));
            wm.resetRequests();
            Teardown.Result t = new Teardown(cloud, executor).run(ledger, new Teardown.Options(true), events::add);
            assertTrue(t.clean(), t.failures().toString());
            assertEquals(1, count(AwsLabStubs.calls(wm), "TerminateInstances"), AwsLabStubs.calls(wm).toString());
            assertTrue(events.stream().anyMatch(e -> e.type() == Event.Type.RETRYING && e.subject().equals("INSTANCE")
                    && e.message().contains("not visible yet") && e.message().contains("(InvalidInstanceID.NotFound); retrying in")), events.toString());
        }
    }
}
