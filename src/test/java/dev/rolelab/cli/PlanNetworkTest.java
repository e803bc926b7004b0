package dev.rolelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `plan` says about the network: Xen types verify host keys slowly; an IPv6 rule is refused with the reason. */
class PlanNetworkTest {

    @TempDir
    Path home;

    @Test
    void aXenTypeIsToldThatHostKeyVerificationCanTakeMinutes() {
        CliRun xen = CliRun.run(home, "plan", "--practice", "--cidr", "203.0.113.10/32", "--instance-type", "t2.micro");
        assertEquals(0, xen.exit(), xen.err());
        assertTrue(xen.out().contains("t2.micro is a Xen (non-Nitro) type") && xen.out().contains("many minutes"), xen.out());
        CliRun nitro = CliRun.run(home, "plan", "--practice", "--cidr", "203.0.113.10/32");
        assertFalse(nitro.out().contains("non-Nitro"), nitro.out());
    }

    @Test
    void anIpv6CidrIsRefusedAtPlanTime() {
        CliRun r = CliRun.run(home, "plan", "--practice", "--cidr", "2001:db8::7/128");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--cidr") && r.err().contains("only a public IPv4 address"), r.err());
    }
}
