package dev.rolelab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostKeysTest {

    static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIHbVPmMNaBAWW7OlhlCDlHp9Tbm9WGf8WbyDQEcqZ+aR";
    static final String ECDSA = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBK6YYXCDLxqhTcZXponZo2rNsBHJ2bMYJmdwE4I18R8SEB8JvwU3oKKjMNdA74wcwC+bD8fdInvWqKzvZergtBg=";
    /** What `ssh-keygen -l` prints for the two keys above (computed with OpenSSH, not with the code under test). */
    static final String ED25519_FP = "SHA256:yWBQd16JQoweMGs4d9Z/IdCisR18wQyD3ewbzqgC2rc";
    static final String ECDSA_FP = "SHA256:ASMlyBwBS2pOQHbHy/R0N7k4JoxI8yqnpdE2ZnY4MgE";
    /** An attacker's key and its fingerprint. */
    static final String EVIL = "AAAAC3NzaC1lZDI1NTE5AAAAIH22cYYqtnHs72ho6U4+5gqqEbK/jjYYlnQkbWBnbGSD";
    static final String EVIL_FP = "SHA256:KNLPXk/osB7zhDTR0FU7V8AxfZOf493OMpsnGB208SQ";

    static final String P = "[   10.59] cloud-init[1630]: ";
    static final String HASHES = "#############################################################";

    static String fingerprintsBlock(String prefix, String... lines) {
        StringBuilder b = new StringBuilder(prefix + HASHES + "\r\n" + prefix + "-----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n");
        for (String l : lines) {
            b.append(prefix).append(l).append("\r\n");
        }
        return b.append(prefix).append("-----END SSH HOST KEY FINGERPRINTS-----\r\n").append(prefix).append(HASHES).append("\r\n").toString();
    }

    static String keysBlock(String prefix, String... lines) {
        StringBuilder b = new StringBuilder(prefix + "-----BEGIN SSH HOST KEY KEYS-----\r\n");
        for (String l : lines) {
            b.append(prefix).append(l).append("\r\n");
        }
        return b.append(prefix).append("-----END SSH HOST KEY KEYS-----\r\n").toString();
    }

    static final String REAL_FINGERPRINTS = fingerprintsBlock(P,
            "256 " + ECDSA_FP + " root@ip-172-31-22-5.ec2.internal (ECDSA)",
            "256 " + ED25519_FP + " root@ip-172-31-22-5.ec2.internal (ED25519)");
    static final String REAL_KEYS = keysBlock("", "ecdsa-sha2-nistp256 " + ECDSA + " root@ip-172-31-22-5.ec2.internal",
            "ssh-ed25519 " + ED25519 + " root@ip-172-31-22-5.ec2.internal");

    /** What an AL2023 instance (cloud-init 22.2.2) prints on its serial console at first boot (abridged). */
    static final String AL2023 = "[    0.000000] Linux version 6.1.115-126.197.amzn2023.x86_64 (mockbuild@ip-10-0-52-247) #1 SMP PREEMPT_DYNAMIC\r\n"
            + "[   10.129114] cloud-init[1593]: Cloud-init v. 22.2.2 running 'modules:config' at Fri, 29 Nov 2026 08:41:12 +0000.\r\n"
            + REAL_FINGERPRINTS + REAL_KEYS
            + "[   10.621780] cloud-init[1630]: Cloud-init v. 22.2.2 finished at Fri, 29 Nov 2026 08:41:13 +0000. Up 10.60 seconds\r\n";

    static void assertRefused(String console) {
        HostException e = assertThrows(HostException.class, () -> HostKeys.trusted(console));
        assertEquals(HostException.Kind.HOST_KEY_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("rolelab down"), e.getMessage());
        assertEquals(List.of(), HostKeys.parse(console));
    }

    static void assertVouchesForNothing(String console) {
        assertEquals(Set.of(), HostKeys.trusted(console));
    }

    @Test
    void readsBothKeysOfAnAl2023Console() {
        assertEquals(List.of(new HostKeys.Key("ecdsa-sha2-nistp256", ECDSA), new HostKeys.Key("ssh-ed25519", ED25519)), HostKeys.parse(AL2023));
        assertEquals(Set.of(ECDSA_FP, ED25519_FP), HostKeys.fingerprints(AL2023));
        assertEquals(Set.of(ECDSA_FP, ED25519_FP), HostKeys.trusted(AL2023));
    }

    @Test
    void olderCloudInitWithTheEc2TagAndSyslogHeaders() {
        String ec2 = "ec2: \r\n" + fingerprintsBlock("ec2: ", "256 " + ED25519_FP + " /etc/ssh/ssh_host_ed25519_key.pub (ED25519)")
                + keysBlock("ec2: ", "ssh-ed25519 " + ED25519 + " root@host");
        assertEquals(Set.of(ED25519_FP), HostKeys.trusted(ec2));
        String syslog = fingerprintsBlock("<14>Nov 29 08:41:12 cloud-init: ", "256 " + ED25519_FP + " root@host (ED25519)");
        assertEquals(Set.of(ED25519_FP), HostKeys.trusted(syslog));
    }

    @Test
    void fingerprintIsOpenSshs() {
        assertEquals(ED25519_FP, new HostKeys.Key("ssh-ed25519", ED25519).fingerprint());
        assertEquals(ECDSA_FP, new HostKeys.Key("ecdsa-sha2-nistp256", ECDSA).fingerprint());
    }

    @Test
    void noBlockNoKeys() {
        assertEquals(List.of(), HostKeys.parse("[    0.000000] Linux version 6.1\r\n[    3.2] systemd[1]: Started sshd\r\n"));
        assertEquals(List.of(), HostKeys.parse(""));
        assertEquals(List.of(), HostKeys.parse(null));
    }

    @Test
    void theSameBlockTwiceAfterARebootIsFine() {
        assertEquals(Set.of(ECDSA_FP, ED25519_FP), HostKeys.trusted(AL2023 + AL2023));
    }

    // The crafted consoles: each one made the old parser trust EVIL.

    @Test
    void craftedALaterKeysBlockIsRefusedNotTaken() {
        assertRefused(AL2023 + keysBlock("", "ssh-ed25519 " + EVIL + " root@evil"));
    }

    @Test
    void craftedABlockBeforeCloudInitsIsRefusedNotTaken() {
        assertRefused(keysBlock("", "ssh-ed25519 " + EVIL + " root@evil") + AL2023);
        assertRefused(fingerprintsBlock(P, "256 " + EVIL_FP + " root@evil (ED25519)") + AL2023);
    }

    @Test
    void craftedKeysThatDisagreeWithTheFingerprintsAreRefusedNotMerged() {
        String console = REAL_FINGERPRINTS + keysBlock("", "ssh-ed25519 " + EVIL + " root@evil");
        assertRefused(console);
        // one key more than cloud-init fingerprinted is a disagreement too
        assertRefused(REAL_FINGERPRINTS + keysBlock("", "ecdsa-sha2-nistp256 " + ECDSA, "ssh-ed25519 " + ED25519, "ssh-ed25519 " + EVIL));
    }

    @Test
    void craftedAStraySha256LineBetweenTheMarkersCountsForNothing() {
        String stray = P + HASHES + "\r\n" + P + "-----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n"
                + "[   10.60] evil[666]: look: " + EVIL_FP + "\r\n"
                + P + "-----END SSH HOST KEY FINGERPRINTS-----\r\n" + P + HASHES + "\r\n";
        assertVouchesForNothing(stray);
        String inText = fingerprintsBlock(P, "see " + EVIL_FP + " for details");
        assertVouchesForNothing(inText);
    }

    @Test
    void craftedALineFromAnotherProcessInsideCloudInitsBlockSpoilsTheBlock() {
        String interleaved = fingerprintsBlock(P, "256 " + ED25519_FP + " root@host (ED25519)",
                "256 " + EVIL_FP + " root@evil (ED25519)").replace(P + "256 " + EVIL_FP, "[   10.60] cloud-init[9999]: 256 " + EVIL_FP);
        assertVouchesForNothing(interleaved);
        String keys = keysBlock(P, "ssh-ed25519 " + ED25519).replace(P + "-----END", "[   10.61] sshd[777]: ssh-ed25519 " + EVIL + "\r\n" + P + "-----END");
        assertVouchesForNothing(keys);
    }

    @Test
    void craftedAWrongTagIsNotCloudInits() {
        assertVouchesForNothing(fingerprintsBlock("[   10.59] evil[666]: ", "256 " + EVIL_FP + " root@evil (ED25519)"));
        assertVouchesForNothing(keysBlock("evil: ", "ssh-ed25519 " + EVIL));
        assertVouchesForNothing(keysBlock("cloud-init-evil: ", "ssh-ed25519 " + EVIL));
        // fingerprints go through logger and always carry cloud-init's tag
        assertVouchesForNothing(fingerprintsBlock("", "256 " + EVIL_FP + " root@evil (ED25519)"));
    }

    @Test
    void craftedAMissingEndMarkerCountsForNothingAndDoesNotSwallowTheNextBlock() {
        String cut = "-----BEGIN SSH HOST KEY KEYS-----\r\nssh-ed25519 " + EVIL + "\r\n";
        assertVouchesForNothing(cut);
        // the attacker's open block, then cloud-init's: only cloud-init's well-formed block counts, the keys are not merged
        assertEquals(Set.of(ECDSA_FP, ED25519_FP), HostKeys.trusted(cut + AL2023));
        assertFalse(HostKeys.read(cut + AL2023).ignored().isEmpty());
    }

    @Test
    void craftedMarkersInsideALineAreNotMarkers() {
        String inline = "[   10.60] evil[666]: -----BEGIN SSH HOST KEY KEYS----- ssh-ed25519 " + EVIL + " -----END SSH HOST KEY KEYS-----\r\n";
        assertVouchesForNothing(inline);
    }

    @Test
    void craftedAFingerprintsBlockWithoutItsFramesCountsForNothing() {
        String bare = P + "-----BEGIN SSH HOST KEY FINGERPRINTS-----\r\n" + P + "256 " + EVIL_FP + " root@evil (ED25519)\r\n"
                + P + "-----END SSH HOST KEY FINGERPRINTS-----\r\n";
        assertVouchesForNothing(bare);
    }

    @Test
    void craftedAKeyWhoseBlobIsAnotherTypeOrGarbageSpoilsTheBlock() {
        assertVouchesForNothing(keysBlock("", "ecdsa-sha2-nistp256 " + ED25519));
        String garbled = "-----BEGIN SSH HOST KEY KEYS-----\n\u0000\u00ff@@ ssh-ed25519 !!!notbase64\nssh-ed25519 " + EVIL + "\n-----END SSH HOST KEY KEYS-----";
        assertVouchesForNothing(garbled);
    }

    @Test
    void craftedTwoDifferentFingerprintBlocksAreRefused() {
        assertRefused(REAL_FINGERPRINTS + fingerprintsBlock(P, "256 " + EVIL_FP + " root@evil (ED25519)"));
    }

    @Test
    void aSpoiledBlockIsReportedForTheLog() {
        HostKeys.Reading r = HostKeys.read(keysBlock("", "ssh-ed25519 " + ED25519, "hello " + EVIL));
        assertEquals(Set.of(), r.vouched());
        assertNotNull(r.ignored().get(0));
        assertTrue(r.ignored().get(0).contains("KEYS"), r.ignored().toString());
    }

    @Test
    void trustJudgesAgainstVouchedKeysOrAsks() {
        HostKeyTrust vouched = new HostKeyTrust(Set.of("SHA256:a"), f -> true);
        assertEquals(HostKeyTrust.Verdict.TRUSTED, vouched.judge("SHA256:a"));
        assertEquals(HostKeyTrust.Verdict.MISMATCH, vouched.judge("SHA256:b"));
        assertEquals(HostKeyTrust.Verdict.REFUSED, new HostKeyTrust(Set.of(), f -> false).judge("SHA256:b"));
    }
}
