package dev.rolelab.run;

import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.Step;
import java.time.Instant;

/**
 * What a workflow tells its watchers (the wizard, the CLI). Plain data: no JavaFX here.
 *
 * @param subject the step or resource the event is about (its enum name or remote step id), or "" for the whole run
 * @param title   the subject in the user's words
 * @param message the detail: an id, a reason, a line of output
 * @param about   the subject, typed: a plan step and a resource kind of the same name are different things
 */
public record Event(Type type, String subject, String title, String message, Instant at, Subject about) {

    public enum Type { STARTED, PROGRESS, RETRYING, DONE, FAILED, SKIPPED, OUTPUT, INFO }

    /** What an event is about. */
    public sealed interface Subject {
        /** A step of the provisioning plan. */
        record PlanStep(Step step) implements Subject { }

        /** A resource of the lab being removed (teardown, rollback, sweep). */
        record Resource(ResourceKind kind) implements Subject { }

        /** A step on (or about) the instance, by its id: a remote step's, or "host-keys", "ssh", "proof". */
        record Remote(String id) implements Subject { }

        /** The whole run. */
        record WholeRun() implements Subject { }

        /** Emitted with a plain string (older emitters): only its name is known. */
        record Named(String name) implements Subject { }
    }

    private static final Subject WHOLE_RUN = new Subject.WholeRun();

    /** With a subject known only by name ("" for the whole run). */
    public static Event of(Type type, String subject, String title, String message) {
        return make(type, subject, title, message, subject == null || subject.isEmpty() ? WHOLE_RUN : new Subject.Named(subject));
    }

    /** About a step of the provisioning plan. */
    public static Event of(Type type, Step step, String title, String message) {
        return make(type, step.name(), title, message, new Subject.PlanStep(step));
    }

    /** About a resource being removed. */
    public static Event of(Type type, ResourceKind kind, String title, String message) {
        return make(type, kind.name(), title, message, new Subject.Resource(kind));
    }

    /** About a step on the instance. */
    public static Event remote(Type type, String remoteStepId, String title, String message) {
        return make(type, remoteStepId, title, message, new Subject.Remote(remoteStepId));
    }

    private static Event make(Type type, String subject, String title, String message, Subject about) {
        return new Event(type, subject == null ? "" : subject, title, message == null ? "" : message, Instant.now(), about);
    }

    @Override
    public String toString() {
        return type + " " + subject + (message.isEmpty() ? "" : ": " + message);
    }
}
