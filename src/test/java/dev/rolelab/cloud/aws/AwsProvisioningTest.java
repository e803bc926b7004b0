package dev.rolelab.cloud.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.run.Cancel;
import dev.rolelab.run.Events;
import dev.rolelab.run.Provisioner;
import dev.rolelab.run.Teardown;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The workflows on the real SDK clients, over the wire to WireMock: provisioning, then teardown in dependency order. */
class AwsProvisioningTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path tmp;

    @Test
    void provisionsOverTheWireThenTearsDownInDependencyOrder() {
        AwsLabStubs.stubAccount(wm);
        ExecutorService executor = Executors.newFixedThreadPool(6);
        try (AwsCloud cloud = new AwsCloud(AwsWire.settings(wm.baseUrl()))) {
            LedgerStore store = new LedgerStore(tmp);
            Ledger ledger = store.create(LabSpec.builder().sshCidr("203.0.113.7/32").key(KeyChoice.generate("rolelab-ec2-ecr-test")).build(),
                    null, wm.baseUrl(), false);
            Provisioner.Result r = new Provisioner(cloud, tmp.resolve("keys"), executor).provision(ledger, new Cancel(), Events.NONE, true);
            assertEquals(Provisioner.Outcome.READY, r.outcome(), r.failure());
            assertEquals("54.210.167.204", r.lab().publicIp());
            assertEquals("i-0abc123def4567890", r.lab().instanceId());
            List<String> provisioning = AwsLabStubs.calls(wm);
            assertTrue(provisioning.indexOf("AddRoleToInstanceProfile") < provisioning.indexOf("RunInstances"));
            assertTrue(provisioning.indexOf("CreateSecurityGroup") < provisioning.indexOf("AuthorizeSecurityGroupIngress"));
            wm.resetRequests();
            AwsLabStubs.stubOwned(wm, ledger.labId());

            Teardown.Result t = new Teardown(cloud, executor).run(ledger, new Teardown.Options(true), Events.NONE);
            assertTrue(t.clean(), t.failures().toString());
            List<String> calls = AwsLabStubs.calls(wm);
            // the instance is described (confirmed) before it is terminated, and waited for after
            assertTrue(calls.indexOf("DescribeInstances") < calls.indexOf("TerminateInstances"), calls.toString());
            assertTrue(calls.lastIndexOf("DescribeInstances") > calls.indexOf("TerminateInstances"), calls.toString());
            before(calls, "DescribeInstances", "DeleteSecurityGroup");
            before(calls, "DescribeInstances", "RemoveRoleFromInstanceProfile");
            before(calls, "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile");
            before(calls, "RemoveRoleFromInstanceProfile", "DeleteRole");
            before(calls, "DetachRolePolicy", "DeleteRole");
            before(calls, "DetachRolePolicy", "DeletePolicy");
            assertTrue(calls.containsAll(List.of("DeleteKeyPair", "DeleteRepository")), calls.toString());
            assertEquals(List.of(), ledger.live());
        } finally {
            executor.shutdownNow();
        }
    }

    private static void before(List<String> calls, String first, String then) {
        assertTrue(calls.contains(first) && calls.contains(then), calls.toString());
        assertTrue(calls.lastIndexOf(first) < calls.indexOf(then), first + " must come before " + then + ": " + calls);
    }
}
