package dev.rolelab.practice;

import java.security.SecureRandom;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The practice cloud's settings for trainers and tests, read from the environment (or the matching
 * {@code rolelab.practice.*} system property, which wins):
 * <ul>
 *   <li>{@code ROLELAB_PRACTICE_SEED=N}: replays one run's eventual-consistency delays; without it a seed is
 *       picked and written to the log</li>
 *   <li>{@code ROLELAB_PRACTICE_CONSISTENCY=on|off|fast}: AWS's eventual consistency in seconds (on, the default
 *       in practice mode), none, or in milliseconds</li>
 *   <li>{@code ROLELAB_PRACTICE_ACCOUNT=active|pending-verification|free-plan}: the account's standing</li>
 *   <li>{@code ROLELAB_PRACTICE_VCPU_QUOTA=N}, {@code ROLELAB_PRACTICE_IAM_QUOTA=N}: quotas to run into</li>
 * </ul>
 */
public final class PracticeSettings {

    private static final Logger LOG = LoggerFactory.getLogger(PracticeSettings.class);

    private PracticeSettings() { }

    /** The setting {@code name} (e.g. "seed"): system property {@code rolelab.practice.seed}, else env {@code ROLELAB_PRACTICE_SEED}. */
    static String value(String name) {
        String p = System.getProperty("rolelab.practice." + name);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv("ROLELAB_PRACTICE_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        return e == null || e.isBlank() ? null : e.trim();
    }

    /** The seed asked for, or a new one (logged, so the run can be replayed). */
    public static long seed() {
        String s = value("seed");
        if (s != null) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                LOG.warn("ROLELAB_PRACTICE_SEED={} is not a whole number; picking a seed instead", s);
            }
        }
        long seed = new SecureRandom().nextInt(1_000_000);
        LOG.info("practice cloud: eventual-consistency seed {} (replay this run with ROLELAB_PRACTICE_SEED={})", seed, seed);
        return seed;
    }

    /**
     * How consistent the practice cloud is: as set, else on (in seconds) in practice mode as shipped
     * ({@link PracticeCloud.Timing#REALISTIC}), and off for any other pace (tests that count calls or time a cancel).
     */
    public static PracticeCloud.Consistency consistency(PracticeCloud.Timing timing) {
        String v = value("consistency");
        String mode = v == null ? (timing.equals(PracticeCloud.Timing.REALISTIC) ? "on" : "off") : v.toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "off" -> PracticeCloud.Consistency.OFF;
            case "fast" -> PracticeCloud.Consistency.fast(seed());
            case "on" -> PracticeCloud.Consistency.realistic(seed());
            default -> {
                LOG.warn("ROLELAB_PRACTICE_CONSISTENCY={} is not on, off or fast; using on", v);
                yield PracticeCloud.Consistency.realistic(seed());
            }
        };
    }

    /**
     * The settings that are set but not understood, each as "NAME=value is not …; using …": the same words the
     * log gets, for the console, so a mistyped setting does not silently run another account.
     */
    public static java.util.List<String> mistakes() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String seed = value("seed");
        if (seed != null && !whole(seed, Long.MAX_VALUE)) {
            out.add("ROLELAB_PRACTICE_SEED=" + seed + " is not a whole number; picking a seed instead");
        }
        String consistency = value("consistency");
        if (consistency != null && !java.util.Set.of("on", "off", "fast").contains(consistency.toLowerCase(Locale.ROOT))) {
            out.add("ROLELAB_PRACTICE_CONSISTENCY=" + consistency + " is not on, off or fast; using on");
        }
        String standing = value("account");
        if (standing != null && java.util.Arrays.stream(AccountState.Standing.values())
                .noneMatch(s -> s.name().equals(standing.toUpperCase(Locale.ROOT).replace('-', '_')))) {
            out.add("ROLELAB_PRACTICE_ACCOUNT=" + standing + " is not active, pending-verification or free-plan; using active");
        }
        for (String quota : java.util.List.of("vcpu-quota", "iam-quota")) {
            String v = value(quota);
            if (v != null && !whole(v, Integer.MAX_VALUE)) {
                out.add("ROLELAB_PRACTICE_" + quota.toUpperCase(Locale.ROOT).replace('-', '_') + "=" + v + " is not a whole number; ignored");
            }
        }
        return out;
    }

    /** Whether {@code v} is a whole number the setting's parser takes (a long for the seed, an int for a quota). */
    private static boolean whole(String v, long max) {
        try {
            long n = Long.parseLong(v);
            return n <= max && n >= -max - 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The account's standing and quotas, as set (AWS's defaults otherwise). */
    public static AccountState accountState() {
        AccountState state = AccountState.ACTIVE;
        String standing = value("account");
        if (standing != null) {
            try {
                state = state.withStanding(AccountState.Standing.valueOf(standing.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                LOG.warn("ROLELAB_PRACTICE_ACCOUNT={} is not active, pending-verification or free-plan; using active", standing);
            }
        }
        Integer vcpus = number("vcpu-quota");
        if (vcpus != null) {
            state = state.withVcpuLimit(vcpus);
        }
        Integer iam = number("iam-quota");
        if (iam != null) {
            state = state.withIamLimit(iam);
        }
        return state;
    }

    private static Integer number(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            LOG.warn("ROLELAB_PRACTICE_{}={} is not a whole number; ignored", name.toUpperCase(Locale.ROOT).replace('-', '_'), v);
            return null;
        }
    }
}
