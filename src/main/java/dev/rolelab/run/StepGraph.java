package dev.rolelab.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs steps as soon as the steps they need have succeeded, side by side on an executor. After the
 * first failure, or once {@code stop} says so, no further step starts; steps already running finish.
 */
final class StepGraph<K> {

    /** Why a step did not run. */
    static final class NotRun extends RuntimeException {
        NotRun(String why) {
            super(why, null, false, false);
        }
    }

    /** How each step ended: null for success, else the failure (a {@link NotRun} if never started). */
    record Outcome<K>(Map<K, Throwable> failures, Throwable firstFailure) {
        boolean succeeded() {
            return firstFailure == null && failures.values().stream().allMatch(f -> f == null);
        }
    }

    interface Action<K> {
        void run(K step) throws Exception;
    }

    private StepGraph() { }

    /**
     * @param steps in an order where every step comes after what it needs
     * @param stopAtFirstFailure false for teardown: independent branches go on after one fails
     */
    static <K> Outcome<K> run(Collection<K> steps, Function<K, Set<K>> needs, Action<K> action, Executor executor,
                              BooleanSupplier stop, boolean stopAtFirstFailure) {
        Map<K, CompletableFuture<Void>> futures = new LinkedHashMap<>();
        AtomicReference<Throwable> first = new AtomicReference<>();
        Set<K> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (K step : steps) {
            List<CompletableFuture<Void>> deps = new ArrayList<>();
            for (K n : needs.apply(step)) {
                CompletableFuture<Void> f = futures.get(n);
                if (f != null) {
                    deps.add(f);
                }
            }
            CompletableFuture<Void> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> {
                        if (stop.getAsBoolean()) {
                            throw new NotRun("cancelled");
                        }
                        if (stopAtFirstFailure && first.get() != null) {
                            throw new NotRun("an earlier step failed");
                        }
                        started.add(step);
                        try {
                            action.run(step);
                        } catch (Exception | Error e) {
                            first.compareAndSet(null, e);
                            throw e instanceof RuntimeException re ? re : new CompletionException(e);
                        }
                    }, executor);
            futures.put(step, f);
        }
        Map<K, Throwable> failures = new LinkedHashMap<>();
        for (Map.Entry<K, CompletableFuture<Void>> e : futures.entrySet()) {
            try {
                e.getValue().join();
                failures.put(e.getKey(), null);
            } catch (CompletionException | java.util.concurrent.CancellationException ex) {
                Throwable cause = ex.getCause() == null ? ex : ex.getCause();
                if (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                failures.put(e.getKey(), started.contains(e.getKey()) || cause instanceof NotRun
                        ? cause : new NotRun("a step it needs did not finish"));
            }
        }
        return new Outcome<>(failures, first.get());
    }
}
