package dev.rolelab.gui.util;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Carries items from worker threads to the FX thread in batches, once per frame and within a time
 * budget, so a firehose of output never leaves a frame waiting. Anything not handled in one frame
 * waits for the next.
 */
public final class EventPump<T> implements Handover<T> {

    private static final long BUDGET_NANOS = 6_000_000;
    /** The first batch: the sink's code is still cold (interpreted, its cells not yet made), so start small. */
    public static final int FIRST_BATCH = 16;
    /** Small enough that one batch stays well inside a frame's budget once the code is warm. */
    public static final int MAX_BATCH = 200;

    /** Grows while batches take under half the budget, shrinks when one overruns it (slow start, as TCP's). */
    private int batchSize = FIRST_BATCH;

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<java.util.List<T>> sink;
    private final AnimationTimer timer;

    /** @param sink receives each frame's batch, on the FX thread */
    public EventPump(Consumer<java.util.List<T>> sink) {
        this(sink, () -> { });
    }

    /**
     * @param sink    receives each frame's batch, on the FX thread
     * @param onFrame runs once a frame while the pump runs (elapsed-time displays), after the batch
     */
    public EventPump(Consumer<java.util.List<T>> sink, Runnable onFrame) {
        this.sink = sink;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
                onFrame.run();
            }
        };
    }

    @Override
    public void start() {
        timer.start();
    }

    /** Stops the frame timer and hands over everything still waiting (the end of a run must not be lost). */
    @Override
    public void stop() {
        timer.stop();
        while (!queue.isEmpty()) {
            drain();
        }
    }

    @Override
    public void offer(T item) {
        queue.add(item);
    }

    /** Hands over what is waiting, in batches, until the queue is empty or the frame's budget is spent. */
    public void drain() {
        long end = System.nanoTime() + BUDGET_NANOS;
        long now = System.nanoTime();
        while (!queue.isEmpty() && now < end) {
            java.util.List<T> batch = new java.util.ArrayList<>(batchSize);
            T item;
            while (batch.size() < batchSize && (item = queue.poll()) != null) {
                batch.add(item);
            }
            sink.accept(batch);
            long took = System.nanoTime() - now;
            now += took;
            if (took > BUDGET_NANOS) {
                batchSize = Math.max(FIRST_BATCH, batchSize / 2);
            } else if (took < BUDGET_NANOS / 2 && batch.size() == batchSize) {
                batchSize = Math.min(MAX_BATCH, batchSize * 2);
            }
        }
    }

    public boolean idle() {
        return queue.isEmpty();
    }
}
