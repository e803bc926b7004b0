package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.util.FxTaskExecutor;
import dev.rolelab.gui.util.TaskExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The one background path: work off the FX thread, results and failures on it, nothing after shutdown. */
@ExtendWith(ApplicationExtension.class)
class FxTaskExecutorTest {

    @Test
    void workRunsOffTheFxThreadAndItsResultComesBackOnIt() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(2);
        AtomicBoolean workOnFx = new AtomicBoolean(true);
        AtomicBoolean resultOnFx = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        executor.run(() -> {
            workOnFx.set(Platform.isFxApplicationThread());
            return 42;
        }, v -> {
            resultOnFx.set(Platform.isFxApplicationThread() && v == 42);
            done.countDown();
        }, t -> { });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(false, workOnFx.get());
        assertTrue(resultOnFx.get());
        executor.shutdown();
    }

    @Test
    void aFailureComesBackOnTheFxThread() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(1);
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        executor.run(() -> {
            throw new IllegalStateException("the disk is full");
        }, v -> { }, t -> {
            seen.set((Platform.isFxApplicationThread() ? "fx: " : "worker: ") + t.getMessage());
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("fx: the disk is full", seen.get());
        executor.shutdown();
    }

    @Test
    void afterShutdownNoResultIsDeliveredAndRunningWorkIsInterrupted() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean delivered = new AtomicBoolean();
        TaskExecutor.Running r = executor.run(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return "late";
        }, v -> delivered.set(true), t -> delivered.set(true));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        executor.shutdown();
        r.await();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(interrupted.get(), "cancelled on shutdown");
        assertEquals(false, delivered.get(), "no result after shutdown");
    }
}
