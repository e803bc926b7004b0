package dev.rolelab.run;

/** Where a workflow sends its events. Called from worker threads; implementations hop threads themselves. */
@FunctionalInterface
public interface Events {
    void emit(Event event);

    Events NONE = e -> { };
}
