package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void normalisesIpv6() {
        assertEquals("2001:db8::1/128", Cidr.parse("2001:0db8:0000:0000:0000:0000:0000:0001/128").cidr().toString());
        assertEquals("::/0", Cidr.parse("::/0").cidr().toString());
        assertEquals("fe80::/10", Cidr.parse("fe80::/10").cidr().toString());
        assertEquals("1:2:3:4:5:6:7:8/128", Cidr.parse("1:2:3:4:5:6:7:8/128").cidr().toString());
    }

    @Test
    void suggestsTheNetworkForHostBits() {
        assertEquals("2001:db8::/32", Cidr.parse("2001:db8::1/32").invalid().suggestion());
        assertEquals("10.1.0.0/16", Cidr.parse("10.1.2.3/16").invalid().suggestion());
        assertNull(Cidr.parse("10.1.2.3/16").cidr());
    }
}
