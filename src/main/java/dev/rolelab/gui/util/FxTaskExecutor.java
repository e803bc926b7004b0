package dev.rolelab.gui.util;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's {@link TaskExecutor}: a small pool of daemon workers; results hop to the FX thread. */
public final class FxTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService pool;
    private final Set<Handle> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

    public FxTaskExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rolelab-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private final class Handle implements Running {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Future<?> future;

        @Override
        public void cancel() {
            cancelled.set(true);
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
            running.remove(this);
        }

        @Override
        public void await() {
            Future<?> f = future;
            try {
                if (f != null) {
                    f.get();
                }
            } catch (CancellationException | ExecutionException e) {
                // ended: how is the callbacks' business
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean finished() {
            Future<?> f = future;
            return f != null && f.isDone();
        }

        boolean live() {
            return !cancelled.get() && !shutDown;
        }
    }

    @Override
    public <T> Running run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Handle h = new Handle();
        if (shutDown) {
            return h;
        }
        running.add(h);
        h.future = pool.submit(() -> {
            try {
                T value = work.call();
                if (h.live()) {
                    Platform.runLater(() -> {
                        if (h.live()) {
                            onSuccess.accept(value);
                        }
                    });
                }
            } catch (Throwable t) {
                if (h.live()) {
                    LOG.warn("background work failed", t);
                    Platform.runLater(() -> {
                        if (h.live()) {
                            onFailure.accept(t);
                        }
                    });
                }
            } finally {
                running.remove(h);
            }
        });
        return h;
    }

    @Override
    public void onFxThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public <T> T ask(Supplier<T> question) {
        if (Platform.isFxApplicationThread()) {
            return question.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(question.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.join();
    }

    @Override
    public ExecutorService workers() {
        return pool;
    }

    @Override
    public void shutdown() {
        shutDown = true;
        for (Handle h : running) {
            h.cancel();
        }
        pool.shutdownNow();
    }
}
