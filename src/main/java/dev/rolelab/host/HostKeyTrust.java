package dev.rolelab.host;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which host keys to accept: those the instance vouched for on its console; if it vouched for none,
 * whatever the user confirms by fingerprint. A key that differs from vouched ones is always refused.
 *
 * @param vouched fingerprints ({@code SHA256:…}) from the console output; may be empty
 * @param ask     asked with the presented key's fingerprint when {@code vouched} is empty
 */
public record HostKeyTrust(Set<String> vouched, Predicate<String> ask) {

    public enum Verdict { TRUSTED, MISMATCH, REFUSED }

    public Verdict judge(String fingerprint) {
        if (!vouched.isEmpty()) {
            return vouched.contains(fingerprint) ? Verdict.TRUSTED : Verdict.MISMATCH;
        }
        return ask.test(fingerprint) ? Verdict.TRUSTED : Verdict.REFUSED;
    }
}
