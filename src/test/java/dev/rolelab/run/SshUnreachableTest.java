package dev.rolelab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.Hosts;
import dev.rolelab.lab.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When SSH cannot connect, the failure shows the rule's address beside today's, and the usual causes. */
class SshUnreachableTest {

    @TempDir
    Path tmp;

    /** SSH that never answers, as on a network that blocks port 22. */
    static final class Silent implements Hosts {
        @Override
        public void awaitSsh(String address, int port, Duration deadline, Consumer<String> progress, BooleanSupplier cancelled) {
            throw new HostException(HostException.Kind.UNREACHABLE, "SSH on " + address + ":" + port + " did not answer within 5 s (timeout)", null);
        }

        @Override
        public Host open(Target target) {
            throw new AssertionError("never reached");
        }
    }

    private BuildAndPush.Result run(PracticeFixture f, String cidr) {
        Ledger ledger = f.store.create(PracticeFixture.spec().toBuilder().sshCidr(cidr).build(), null, null, true);
        Provisioner.Result p = f.provisioner.provision(ledger, new Cancel(), Events.NONE, true);
        return new BuildAndPush(f.cloud, new Silent(), PracticeTutorialTest.FAST).run(ledger.spec(),
                new BuildAndPush.Target(p.lab().instanceId(), p.lab().publicIp(), p.lab().privateKey(), p.lab().account(), p.lab().roleArn()),
                0, fp -> false, new Cancel(), Events.NONE);
    }

    @Test
    void aChangedAddressIsShownBesideTheRule() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            BuildAndPush.Result r = run(f, "198.51.100.7/32");
            assertEquals(BuildAndPush.Outcome.HOST_FAILED, r.outcome());
            assertTrue(r.failure().contains("allows SSH from 198.51.100.7/32; this computer's public IPv4 address is now 203.0.113.10"), r.failure());
            assertTrue(r.failure().contains("port 22 is blocked on this network") && r.failure().contains("your address changed"), r.failure());
            assertTrue(r.failure().contains("--cidr 203.0.113.10/32"), r.failure());
        }
    }

    @Test
    void theSameAddressLeavesTheBlockedPortAsTheCause() {
        try (PracticeFixture f = new PracticeFixture(tmp)) {
            BuildAndPush.Result r = run(f, "203.0.113.10/32");
            assertTrue(r.failure().contains("203.0.113.10, which the rule allows") && r.failure().contains("port 22 is blocked"), r.failure());
            assertTrue(!r.failure().contains("address changed"), r.failure());
        }
    }
}
