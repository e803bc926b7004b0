package dev.rolelab.run;

import dev.rolelab.cloud.CloudException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A retry with a named reason and a deadline: used where AWS needs a moment (a detaching network interface). */
public final class Retry {

    private final Duration deadline;
    private final Duration firstPause;

    public Retry(Duration deadline, Duration firstPause) {
        this.deadline = deadline;
        this.firstPause = firstPause;
    }

    public static Retry standard() {
        return new Retry(Duration.ofMinutes(3), Duration.ofSeconds(2));
    }

    /**
     * Calls {@code call}; while it fails with a {@link CloudException} that {@code retryable} accepts and the
     * deadline allows, pauses (doubling, at most 15 s) and tells {@code onRetry} why.
     */
    public <T> T call(Supplier<T> call, Predicate<CloudException> retryable, Consumer<String> onRetry) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = Math.max(1, firstPause.toMillis());
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (!retryable.test(e) || System.nanoTime() + pause * 1_000_000 > end) {
                    throw e;
                }
                onRetry.accept(e.getMessage() + " — trying again in " + pause + " ms (attempt " + (attempt + 1) + ")");
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(15_000, pause * 2);
            }
        }
    }
}
