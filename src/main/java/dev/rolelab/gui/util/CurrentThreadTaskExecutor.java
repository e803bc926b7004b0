package dev.rolelab.gui.util;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs every task at once on the caller's thread, callbacks included: view-model tests need no FX thread. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private static final Running DONE = new Running() {
        @Override
        public void cancel() {
        }

        @Override
        public void await() {
        }

        @Override
        public boolean finished() {
            return true;
        }
    };

    private final ExecutorService direct = new AbstractExecutorService() {
        private volatile boolean shut;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    };

    @Override
    public <T> Running run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T value;
        try {
            value = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return DONE;
        }
        onSuccess.accept(value);
        return DONE;
    }

    @Override
    public void onFxThread(Runnable action) {
        action.run();
    }

    @Override
    public <T> T ask(Supplier<T> question) {
        return question.get();
    }

    @Override
    public ExecutorService workers() {
        return direct;
    }

    @Override
    public void shutdown() {
        direct.shutdown();
    }
}
