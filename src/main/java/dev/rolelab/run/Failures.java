package dev.rolelab.run;

import dev.rolelab.cloud.CloudException;
import java.io.UncheckedIOException;

/** Turns whatever a step threw into the sentence a person reads: never a Java class name or a JDK internal. */
public final class Failures {

    /** What a person reads when RoleLab itself is at fault; the exception goes to the log file. */
    public static final String INTERNAL = "RoleLab stopped on an error of its own (a bug, not something in your AWS account); "
            + "the details are in the log file. `rolelab status` shows what exists, `rolelab down` removes it";

    private Failures() { }

    public static String describe(Throwable t) {
        if (t instanceof CloudException c) {
            return c.describe();
        }
        if (t instanceof UncheckedIOException u) {
            return u.getMessage();
        }
        if (t instanceof StepGraph.NotRun n) {
            return "not started: " + n.getMessage();
        }
        // the JDK's own messages ("Cannot invoke \"String.length()\" because …") speak of code, not of the lab
        if (t instanceof NullPointerException || t instanceof ClassCastException || t instanceof IndexOutOfBoundsException
                || t instanceof ArithmeticException || t instanceof Error) {
            return INTERNAL;
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? INTERNAL : m;
    }
}
