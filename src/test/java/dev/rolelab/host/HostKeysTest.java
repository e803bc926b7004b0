package dev.rolelab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostKeysTest {

    static final String ED25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIHbVPmMNaBAWW7OlhlCDlHp9Tbm9WGf8WbyDQEcqZ+aR";
    static final String ECDSA = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHNUX3F5Mk8Sf7R+gmzbk8IeHqMbB1ynMR0K4JvuEuM0p8hlxnTHONxPgb1jqE4xjfQUBnzkOWEdvH8k+wyL/Gk=";

    /** What an AL2023 instance prints on its serial console at first boot (abridged), CRLF and kernel prefixes included. */
    static final String AL2023 = String.join("\r\n",
            "[    0.000000] Linux version 6.1.115-126.197.amzn2023.x86_64 (mockbuild@ip-10-0-52-247) #1 SMP PREEMPT_DYNAMIC",
            "[   10.129114] cloud-init[1593]: Cloud-init v. 22.2.2 running 'modules:config' at Fri, 29 Nov 2026 08:41:12 +0000.",
            "[   10.591866] cloud-init[1630]: #############################################################",
            "[   10.592431] cloud-init[1630]: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
            "[   10.593152] cloud-init[1630]: 256 SHA256:tCu2m2tOLK0sbU1K6gWYp2zRJ3ZMJcHf+5Pv2c8CbsY root@ip-172-31-22-5.ec2.internal (ECDSA)",
            "[   10.593899] cloud-init[1630]: 256 SHA256:mkGvk4TtGmsUfNZUL0vCiRkxk1JZe8XYkAfFv2iHT7U root@ip-172-31-22-5.ec2.internal (ED25519)",
            "[   10.594567] cloud-init[1630]: -----END SSH HOST KEY FINGERPRINTS-----",
            "[   10.595231] cloud-init[1630]: #############################################################",
            "-----BEGIN SSH HOST KEY KEYS-----",
            "ecdsa-sha2-nistp256 " + ECDSA + " ",
            "ssh-ed25519 " + ED25519 + " ",
            "-----END SSH HOST KEY KEYS-----",
            "[   10.621780] cloud-init[1630]: Cloud-init v. 22.2.2 finished at Fri, 29 Nov 2026 08:41:13 +0000. Up 10.60 seconds",
            "");

    @Test
    void readsBothKeysOfAnAl2023Console() {
        List<HostKeys.Key> keys = HostKeys.parse(AL2023);
        assertEquals(List.of(new HostKeys.Key("ecdsa-sha2-nistp256", ECDSA), new HostKeys.Key("ssh-ed25519", ED25519)), keys);
        assertEquals(Set.of("SHA256:tCu2m2tOLK0sbU1K6gWYp2zRJ3ZMJcHf+5Pv2c8CbsY", "SHA256:mkGvk4TtGmsUfNZUL0vCiRkxk1JZe8XYkAfFv2iHT7U"),
                HostKeys.fingerprints(AL2023));
        assertEquals(4, HostKeys.trusted(AL2023).size());
    }

    @Test
    void keysWithSyslogPrefixesInsideTheBlockAreFound() {
        String prefixed = "ec2: -----BEGIN SSH HOST KEY KEYS-----\r\nec2: ssh-ed25519 " + ED25519 + " root@host\r\nec2: -----END SSH HOST KEY KEYS-----\r\n";
        assertEquals(List.of(new HostKeys.Key("ssh-ed25519", ED25519)), HostKeys.parse(prefixed));
    }

    @Test
    void fingerprintIsOpenSshs() {
        // the well-known form: SHA256 of the blob, base64 without padding
        String fp = new HostKeys.Key("ssh-ed25519", ED25519).fingerprint();
        assertTrue(fp.matches("SHA256:[A-Za-z0-9+/]{43}"), fp);
    }

    @Test
    void noBlockNoKeys() {
        assertEquals(List.of(), HostKeys.parse("[    0.000000] Linux version 6.1\r\n[    3.2] systemd[1]: Started sshd\r\n"));
        assertEquals(List.of(), HostKeys.parse(""));
        assertEquals(List.of(), HostKeys.parse(null));
        assertEquals(Set.of(), HostKeys.trusted("-----BEGIN SSH HOST KEY KEYS-----\r\nssh-ed25519 " + ED25519 + "\r\n(console cut here)"));
    }

    @Test
    void garbageInTheBlockIsIgnored() {
        String garbled = "-----BEGIN SSH HOST KEY KEYS-----\n\u0000\u00ff@@ ssh-ed25519 !!!notbase64\nssh-rsa AAAA=B==\nssh-ed25519 " + ED25519
                + "\n-----END SSH HOST KEY KEYS-----";
        assertEquals(List.of(new HostKeys.Key("ssh-ed25519", ED25519)), HostKeys.parse(garbled));
    }

    @Test
    void theLatestBlockWinsAfterAReboot() {
        String twice = "-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 " + ED25519 + "\n-----END SSH HOST KEY KEYS-----\n"
                + "-----BEGIN SSH HOST KEY KEYS-----\necdsa-sha2-nistp256 " + ECDSA + "\n-----END SSH HOST KEY KEYS-----\n";
        assertEquals(List.of(new HostKeys.Key("ecdsa-sha2-nistp256", ECDSA)), HostKeys.parse(twice));
    }

    @Test
    void trustJudgesAgainstVouchedKeysOrAsks() {
        HostKeyTrust vouched = new HostKeyTrust(Set.of("SHA256:a"), f -> true);
        assertEquals(HostKeyTrust.Verdict.TRUSTED, vouched.judge("SHA256:a"));
        assertEquals(HostKeyTrust.Verdict.MISMATCH, vouched.judge("SHA256:b"));
        assertEquals(HostKeyTrust.Verdict.REFUSED, new HostKeyTrust(Set.of(), f -> false).judge("SHA256:b"));
    }
}
