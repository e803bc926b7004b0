package dev.rolelab.gui.util;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one background path of the wizard. Work runs off the FX thread; its result or failure comes back on
 * the FX thread (failures are logged too); {@link #shutdown()} cancels what runs when the window closes.
 * Callers read property values on the FX thread before they submit: the work sees only what it was given.
 * {@link FxTaskExecutor} is the application's; {@link CurrentThreadTaskExecutor} runs everything at once (tests).
 */
public interface TaskExecutor {

    /** A submitted piece of work. */
    interface Running {
        /** No result is delivered after this; the work's thread is interrupted. */
        void cancel();

        /** Blocks until the work has ended (for a page's stop(), which must return with the ledger exact). */
        void await();

        boolean finished();
    }

    /**
     * @param work      runs on a worker thread
     * @param onSuccess the result, on the FX thread
     * @param onFailure the failure (already logged), on the FX thread
     */
    <T> Running run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the FX thread (at once if already there, for the current-thread executor). */
    void onFxThread(Runnable action);

    /** From a worker: asks on the FX thread (a dialog) and waits for the answer. */
    <T> T ask(Supplier<T> question);

    /** The worker threads, for workflows that fan out their own independent calls. */
    ExecutorService workers();

    /** Cancels everything that runs; no result is delivered afterwards. */
    void shutdown();
}
