package dev.rolelab.run;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Settling;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A retry with a named reason and a deadline: used where AWS needs a moment (a detaching network interface,
 * a resource just created that the next call does not see yet). Every retry line names the AWS error code.
 */
public final class Retry {

    /** How long IAM linking waits for a new role, policy or profile to be visible: what Terraform's AWS provider settled on. */
    public static final Duration IAM_PROPAGATION = Duration.ofMinutes(2);

    private final Duration deadline;
    private final Duration firstPause;

    public Retry(Duration deadline, Duration firstPause) {
        this.deadline = deadline;
        this.firstPause = firstPause;
    }

    public static Retry standard() {
        return new Retry(Duration.ofMinutes(3), Duration.ofSeconds(2));
    }

    /** Until {@code deadline}, at the cloud's own pace. */
    public static Retry settling(Settling settling, Duration deadline) {
        return new Retry(deadline, settling.pause());
    }

    public Duration deadline() {
        return deadline;
    }

    /**
     * Calls {@code call}; while it fails with a {@link CloudException} that {@code retryable} accepts and the
     * deadline allows, pauses (doubling, at most 15 s) and tells {@code onRetry} why, with the AWS error code.
     */
    public <T> T call(Supplier<T> call, Predicate<CloudException> retryable, Consumer<String> onRetry) {
        return attempt(call, retryable, e -> e.getMessage() + (e.code() == null ? "" : " (" + e.code() + ")"), onRetry);
    }

    /**
     * Calls {@code call} while AWS has not caught up with a change: only on the error {@code codes} given
     * (eventual consistency), until the deadline. Each line reads "{@code what} not visible yet (CODE); retrying in 1 s".
     *
     * @param what what the call needs to see, in the user's words ("role containerise")
     */
    public <T> T whileSettling(Supplier<T> call, String what, Set<String> codes, Consumer<String> onRetry) {
        return attempt(call, e -> codes.contains(e.code()), e -> what + " not visible yet (" + e.code() + ")", onRetry);
    }

    /** {@link #whileSettling} for a call without a result. */
    public void whileSettling(Runnable call, String what, Set<String> codes, Consumer<String> onRetry) {
        whileSettling(() -> {
            call.run();
            return null;
        }, what, codes, onRetry);
    }

    /**
     * Calls {@code call} until {@code settled} accepts its answer or the deadline passes (then the last answer
     * stands): for an answer that is stale rather than an error, e.g. the policy simulator's implicitDeny just
     * after an attach.
     *
     * @param why the line told before each retry, e.g. "the simulator does not see the policy yet (implicitDeny)"
     */
    public <T> T until(Supplier<T> call, Predicate<T> settled, String why, Consumer<String> onRetry) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = Math.max(1, firstPause.toMillis());
        while (true) {
            T answer = call.get();
            if (settled.test(answer) || System.nanoTime() + pause * 1_000_000 > end) {
                return answer;
            }
            onRetry.accept(why + "; retrying in " + Settling.words(Duration.ofMillis(pause)));
            if (!sleep(pause)) {
                return answer;
            }
            pause = Math.min(15_000, pause * 2);
        }
    }

    private <T> T attempt(Supplier<T> call, Predicate<CloudException> retryable, java.util.function.Function<CloudException, String> reason,
                          Consumer<String> onRetry) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = Math.max(1, firstPause.toMillis());
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (!retryable.test(e) || System.nanoTime() + pause * 1_000_000 > end) {
                    throw e;
                }
                onRetry.accept(reason.apply(e) + "; retrying in " + Settling.words(Duration.ofMillis(pause)) + " (attempt " + (attempt + 1) + ")");
                if (!sleep(pause)) {
                    throw e;
                }
                pause = Math.min(15_000, pause * 2);
            }
        }
    }

    /** @return false if interrupted (the interrupt is kept) */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis); // a named, bounded wait for AWS to settle
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
