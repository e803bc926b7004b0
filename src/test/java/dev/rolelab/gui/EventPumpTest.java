package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.util.EventPump;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class EventPumpTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void batchesStayBoundedAndStopHandsOverEverythingLeft(FxRobot robot) {
        List<Integer> sizes = new ArrayList<>();
        AtomicInteger seen = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<EventPump<Integer>> made = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> made.set(new EventPump<>(batch -> {
            sizes.add(batch.size());
            seen.addAndGet(batch.size());
        })));
        EventPump<Integer> pump = made.get();
        for (int i = 0; i < 50_000; i++) {
            pump.offer(i);
        }
        robot.interact(() -> pump.stop());
        assertEquals(50_000, seen.get(), "nothing queued before the end of a run may be lost");
        assertTrue(sizes.stream().allMatch(s -> s <= 200), "a batch is small enough to fit a frame: " + sizes.stream().max(Integer::compare));
        assertTrue(pump.idle());
        assertEquals(EventPump.FIRST_BATCH, sizes.get(0), "the first batch is small: the sink's code is still cold");
        assertEquals(EventPump.MAX_BATCH, sizes.stream().max(Integer::compare).orElseThrow(), "cheap batches grow to the largest size");
    }

    @Test
    void batchesThatOverrunTheBudgetStaySmall(FxRobot robot) {
        List<Integer> sizes = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<EventPump<Integer>> made = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> made.set(new EventPump<>(batch -> {
            sizes.add(batch.size());
            java.util.concurrent.locks.LockSupport.parkNanos(batch.size() * 500_000L); // 0.5 ms an item: a slow sink
        })));
        EventPump<Integer> pump = made.get();
        for (int i = 0; i < 200; i++) {
            pump.offer(i);
        }
        robot.interact(() -> pump.drain());
        assertEquals(List.of(EventPump.FIRST_BATCH), sizes, "a batch that overran the frame's budget ends the frame");
        robot.interact(() -> pump.stop());
        assertTrue(sizes.stream().allMatch(s -> s <= EventPump.FIRST_BATCH), "and the next ones do not grow: " + sizes);
    }

    @Test
    void aFloodWaitsForTheFramesInsteadOfPilingUp(FxRobot robot) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        EventPump<Integer> pump = running(robot, seen);
        int most = 0;
        for (int i = 0; i < 5 * EventPump.BACKLOG; i++) {
            pump.offer(i);
            most = Math.max(most, pump.backlog());
        }
        robot.interact(() -> pump.stop());
        assertEquals(5 * EventPump.BACKLOG, seen.get(), "everything offered is handed over");
        assertTrue(most <= EventPump.BACKLOG + 1, "the worker waited for the frames: at most " + most + " items were waiting");
    }

    @Test
    void aWorkerStopsWaitingWhenNoFrameComes(FxRobot robot) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        EventPump<Integer> pump = running(robot, seen);
        java.util.concurrent.CountDownLatch offered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean offeredWhileHeld = new java.util.concurrent.atomic.AtomicBoolean();
        // the FX thread is held (a frame that never ends): the worker must not wait for it more than once
        javafx.application.Platform.runLater(() -> {
            try {
                held.countDown();
                offeredWhileHeld.set(offered.await(30, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        for (int i = 0; i < 3 * EventPump.BACKLOG; i++) {
            pump.offer(i);
        }
        offered.countDown();
        robot.interact(() -> pump.stop());
        assertTrue(offeredWhileHeld.get(), "the worker finished offering while no frame could come");
        assertEquals(3 * EventPump.BACKLOG, seen.get());
    }

    @Test
    void theFxThreadNeverWaits(FxRobot robot) {
        AtomicInteger seen = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<EventPump<Integer>> made = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            made.set(new EventPump<>(batch -> seen.addAndGet(batch.size())));
            made.get().start();
            for (int i = 0; i < 2 * EventPump.BACKLOG; i++) {
                made.get().offer(i); // waiting here would wait for itself
            }
            assertEquals(2 * EventPump.BACKLOG, made.get().backlog(), "nothing drained while the FX thread offered");
        });
        robot.interact(() -> made.get().stop());
        assertEquals(2 * EventPump.BACKLOG, seen.get());
    }

    /** A started pump that counts what it hands over. */
    private static EventPump<Integer> running(FxRobot robot, AtomicInteger seen) {
        java.util.concurrent.atomic.AtomicReference<EventPump<Integer>> made = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            made.set(new EventPump<>(batch -> seen.addAndGet(batch.size())));
            made.get().start();
        });
        return made.get();
    }
}
