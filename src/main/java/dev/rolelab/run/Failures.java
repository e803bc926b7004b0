package dev.rolelab.run;

import dev.rolelab.cloud.CloudException;
import java.io.UncheckedIOException;

/** Turns whatever a step threw into the sentence a person reads. */
final class Failures {
    private Failures() { }

    static String describe(Throwable t) {
        if (t instanceof CloudException c) {
            return c.describe();
        }
        if (t instanceof UncheckedIOException u) {
            return u.getMessage();
        }
        if (t instanceof StepGraph.NotRun n) {
            return "not started: " + n.getMessage();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
