package dev.rolelab.gui.pages;

import dev.rolelab.run.Event;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a row's step took, from its events' own times. The page ticks a running row once a frame, so a step
 * that started and ended between two frames (a quick IAM call) never showed a time; its events still know it.
 */
final class StepClock {
    private Instant started;

    /** @return how long the step took, when this event ends it (done or failed); otherwise null */
    Duration on(Event e) {
        switch (e.type()) {
            case STARTED -> {
                if (started == null) {
                    started = e.at();
                }
            }
            case DONE, FAILED -> {
                Duration took = started == null ? null : Duration.between(started, e.at());
                started = null;
                return took;
            }
            case SKIPPED -> started = null;
            default -> { }
        }
        return null;
    }

    void reset() {
        started = null;
    }
}
