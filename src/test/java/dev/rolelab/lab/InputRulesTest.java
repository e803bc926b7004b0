package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile input at the rules: wide ranges, stored forms, invisible characters, lengths as AWS counts them. */
class InputRulesTest {

    @Test
    void theConsentRuleIsPrefixesShorterThanSlash8OrSlash32() {
        assertTrue(LabRules.cidr("0.0.0.0/1", false).get(0).isError());
        assertTrue(LabRules.cidr("10.0.0.0/7", false).get(0).isError());
        assertFalse(LabRules.cidr("10.0.0.0/8", false).get(0).isError());
        assertTrue(LabRules.cidr("::/1", false).get(0).isError());
        assertTrue(LabRules.cidr("2001:d00::/31", false).get(0).isError());
        assertFalse(LabRules.cidr("2001:db8::/32", false).get(0).isError());
        assertFalse(LabRules.cidr("0.0.0.0/1", true).get(0).isError(), "consented: a warning");
        assertTrue(LabRules.cidr("0.0.0.0/1", false).get(0).message().contains("2147483648 addresses"));
    }

    @Test
    void aCidrIsStoredCanonically() {
        assertEquals("203.0.113.7/32", Cidr.normalise(" 203.0.113.7/032\n"));
        assertEquals("2001:db8::1/128", Cidr.normalise("2001:DB8:0:0:0:0:0:1/128\r\n"));
        assertEquals("nonsense", Cidr.normalise(" nonsense\n"));
    }

    @Test
    void anInvalidCidrIsShownWithoutItsControlCharacters() {
        String m = LabRules.cidr("1.2.3.4/32\u001b[2J\nfake line", false).get(0).message();
        assertFalse(m.contains("\u001b") || m.contains("\n"), m);
        assertTrue(m.contains("\\u001b") && m.contains("\\u000a"), m);
    }

    @Test
    void shownQuotesEscapesAndCuts() {
        assertEquals("'plain'", LabRules.shown("plain"));
        assertEquals("'a\\u000ab'", LabRules.shown("a\nb"));
        assertEquals("'x\\u202ey'", LabRules.shown("x\u202Ey"));
        assertEquals("'" + "\uD83D\uDE00".repeat(80) + "…'", LabRules.shown("\uD83D\uDE00".repeat(81)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok\nno", "ok\u0000", "ok\u001b[0m", "ok\u2028", "ok\u200b", "\u0085next"})
    void anInstanceNameWithInvisibleCharactersIsRefused(String name) {
        assertTrue(LabRules.instanceName(name).isPresent());
    }

    @Test
    void anInstanceNameMayUseAnyVisibleCharacterUpTo256CodePoints() {
        assertTrue(LabRules.instanceName("Übung – Rolle 🙂").isEmpty());
        assertTrue(LabRules.instanceName("🙂".repeat(256)).isEmpty());
        assertTrue(LabRules.instanceName("🙂".repeat(257)).get().message().contains("(it is 257)"));
        assertEquals(3, LabRules.length("a🙂b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"subnet-0a1b2c3d", "subnet-0a1b2c3d4e5f67890"})
    void goodSubnets(String s) {
        assertTrue(LabRules.subnet(s).isEmpty());
        assertTrue(LabRules.subnet(null).isEmpty(), "no subnet: the default VPC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"subnet-", "subnet-0A1B2C3D", "subnet-0a1b2c3d4", "vpc-0a1b2c3d", " subnet-0a1b2c3d", ""})
    void badSubnets(String s) {
        assertEquals("subnet", LabRules.subnet(s).get().field());
    }

    @Test
    void aRegionIdIsCheckedByShapeThenAgainstTheKnownOnes() {
        LabRules rules = new LabRules(Set.of("us-east-1", "us-gov-west-1"));
        assertTrue(rules.region("us-gov-west-1").isEmpty());
        assertTrue(rules.region("us-east-1\n").get().message().contains("\\u000a"));
        assertTrue(rules.region("ap-southeast-7").get().message().contains("this version of RoleLab knows"));
        assertTrue(rules.region(null).isPresent());
    }
}
