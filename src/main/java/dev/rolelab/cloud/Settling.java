package dev.rolelab.cloud;

import java.time.Duration;

/**
 * How a cloud settles after a change (eventual consistency): for how long after a create a "not found" may
 * only mean "not visible yet", and how long to pause before asking again.
 */
public record Settling(Duration window, Duration pause) {
    /** AWS: propagation is usually seconds, and IAM's is bounded at about two minutes in practice (Terraform waits that long). */
    public static final Settling AWS = new Settling(Duration.ofMinutes(2), Duration.ofSeconds(1));

    /** A pause as a retry line says it: "1 s", "250 ms". */
    public static String words(Duration pause) {
        long ms = pause.toMillis();
        return ms >= 1000 && ms % 1000 == 0 ? ms / 1000 + " s" : ms >= 10_000 ? Math.round(ms / 1000.0) + " s" : ms + " ms";
    }
}
