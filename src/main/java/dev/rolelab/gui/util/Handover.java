package dev.rolelab.gui.util;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hands items from worker threads to the FX thread: {@link EventPump} in batches once a frame; {@link #immediate}
 * at once on the offering thread (view-model tests, whose work runs on the test's thread).
 */
public interface Handover<T> {

    void start();

    /** From any thread. */
    void offer(T item);

    /** Stops, after handing over everything still waiting (the end of a run must not be lost). */
    void stop();

    /** Each item handed to {@code sink} as it is offered, on the offering thread. */
    static <T> Handover<T> immediate(Consumer<List<T>> sink) {
        return new Handover<>() {
            @Override
            public void start() {
            }

            @Override
            public void offer(T item) {
                sink.accept(List.of(item));
            }

            @Override
            public void stop() {
            }
        };
    }
}
