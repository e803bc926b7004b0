package dev.rolelab.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** vCPUs as EC2 counts them against the Running On-Demand instances quota. */
class AccountStateTest {

    @Test
    void sizesCountTheirVcpus() {
        assertEquals(1, AccountState.vcpus("t2.micro"));
        assertEquals(2, AccountState.vcpus("t3.micro"));
        assertEquals(2, AccountState.vcpus("m5.large"));
        assertEquals(4, AccountState.vcpus("m5.xlarge"));
        assertEquals(96, AccountState.vcpus("m5.24xlarge"));
        // a metal size is a whole host, not a small instance
        assertEquals(96, AccountState.vcpus("m5.metal"));
        assertEquals(96, AccountState.vcpus("c7i.metal-24xl"));
        assertEquals(192, AccountState.vcpus("c7i.metal-48xl"));
    }
}
