package dev.rolelab.gui.util;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Carries items from worker threads to the FX thread in batches, once per frame and within a time
 * budget, so a firehose of output never leaves a frame waiting. Anything not handled in one frame
 * waits for the next.
 *
 * <p>While it runs, a worker that offers more than {@link #BACKLOG} items ahead of the screen waits for the next
 * frame: a flood is slowed at its source (the SSH channel's own flow control then holds the instance back) instead of
 * piling up in memory, where 200,000 waiting lines (37 MB) made the young collections copy them and pause the frames
 * 115–132 ms under the installed app's serial collector (WizardBenchmark). The FX thread never waits, and neither
 * does a worker once the frames have stopped coming (the pump is stopped, or nothing drained it for
 * {@link #PATIENCE_MILLIS}): then the queue grows as before and nothing is lost.
 */
public final class EventPump<T> implements Handover<T> {

    private static final long BUDGET_NANOS = 6_000_000;
    /** The first batch: the sink's code is still cold (interpreted, its cells not yet made), so start small. */
    public static final int FIRST_BATCH = 16;
    /** Small enough that one batch stays well inside a frame's budget once the code is warm. */
    public static final int MAX_BATCH = 200;
    /** Items waiting before a worker waits: several frames' worth, well under a megabyte of output lines. */
    public static final int BACKLOG = 4_000;
    /** How long a worker waits for a frame before it stops waiting (until the next frame comes). */
    static final long PATIENCE_MILLIS = 250;

    /** Grows while batches take under half the budget, shrinks when one overruns it (slow start, as TCP's). */
    private int batchSize = FIRST_BATCH;

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Object room = new Object();
    private volatile boolean running;
    /** Set when a worker waited out its patience with no frame: nobody waits again until a frame drains. */
    private volatile boolean stalled;
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
        running = true;
        stalled = false;
        timer.start();
    }

    /** Stops the frame timer and hands over everything still waiting (the end of a run must not be lost). */
    @Override
    public void stop() {
        running = false;
        synchronized (room) {
            room.notifyAll();
        }
        timer.stop();
        while (!queue.isEmpty()) {
            drain();
        }
    }

    @Override
    public void offer(T item) {
        queue.add(item);
        if (waiting.incrementAndGet() > BACKLOG && running && !stalled && !Platform.isFxApplicationThread()) {
            waitForRoom();
        }
    }

    private void waitForRoom() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        synchronized (room) {
            long left;
            while (waiting.get() > BACKLOG && running && !stalled && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a cancelled run: hand the item over and let the worker see it
                    return;
                }
            }
            if (waiting.get() > BACKLOG && running && deadline - System.nanoTime() <= 0) {
                stalled = true;
            }
        }
    }

    /** How many items wait for the FX thread. */
    public int backlog() {
        return waiting.get();
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
            waiting.addAndGet(-batch.size());
            sink.accept(batch);
            long took = System.nanoTime() - now;
            now += took;
            if (took > BUDGET_NANOS) {
                batchSize = Math.max(FIRST_BATCH, batchSize / 2);
            } else if (took < BUDGET_NANOS / 2 && batch.size() == batchSize) {
                batchSize = Math.min(MAX_BATCH, batchSize * 2);
            }
        }
        if (stalled || waiting.get() <= BACKLOG) {
            synchronized (room) {
                stalled = false;
                room.notifyAll();
            }
        }
    }

    public boolean idle() {
        return queue.isEmpty();
    }
}
