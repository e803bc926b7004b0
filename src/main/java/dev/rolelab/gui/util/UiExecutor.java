package dev.rolelab.gui.util;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way the wizard runs work off the FX thread: a small pool of daemon threads; results and
 * failures come back on the FX thread; {@link #shutdown()} stops everything when the window closes.
 */
public final class UiExecutor {

    private final ExecutorService pool;

    public UiExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rolelab-ui-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The pool itself, for workflows that fan out their own calls. */
    public ExecutorService pool() {
        return pool;
    }

    public <T> Future<?> run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return pool.submit(() -> {
            try {
                T value = work.call();
                Platform.runLater(() -> onSuccess.accept(value));
            } catch (Throwable t) {
                Platform.runLater(() -> onFailure.accept(t));
            }
        });
    }

    public void shutdown() {
        pool.shutdownNow();
    }
}
