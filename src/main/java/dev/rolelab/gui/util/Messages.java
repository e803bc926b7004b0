package dev.rolelab.gui.util;

import dev.rolelab.cloud.CloudException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The sentence a person reads for a failure: the engine's wording, never an exception's class name. */
public final class Messages {
    private Messages() { }

    public static String of(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof CloudException c) {
            return c.describe();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "Something unexpected went wrong; the details are in RoleLab's log file (rolelab.log in the data folder).";
        }
        // a wrapped exception's message starts with the cause's class name ("dev.rolelab.cloud.CloudException: …")
        return m.replaceAll("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
    }
}
