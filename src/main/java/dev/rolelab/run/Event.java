package dev.rolelab.run;

import java.time.Instant;

/**
 * What a workflow tells its watchers (the wizard, the CLI). Plain data: no JavaFX here.
 *
 * @param subject the step or resource the event is about (its enum name), or "" for the whole run
 * @param title   the subject in the user's words
 * @param message the detail: an id, a reason, a line of output
 */
public record Event(Type type, String subject, String title, String message, Instant at) {

    public enum Type { STARTED, PROGRESS, RETRYING, DONE, FAILED, SKIPPED, OUTPUT, INFO }

    public static Event of(Type type, String subject, String title, String message) {
        return new Event(type, subject, title, message == null ? "" : message, Instant.now());
    }

    @Override
    public String toString() {
        return type + " " + subject + (message.isEmpty() ? "" : ": " + message);
    }
}
