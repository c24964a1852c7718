package io.healthsync.routes;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Steps prepared ahead on worker threads: while the caller handles step i (computes signals from a range of
 * accounts, or stores a day's scores), the next steps are being prepared (read from the store, or scored), so the
 * cores work at once instead of taking turns. With one worker, step i + 1 is prepared; with n workers, steps i + 1
 * to i + n at once (for work that alone holds a core back, as reading from an embedded database does): at most
 * n + 1 steps' results are alive at a time, unless more steps are asked ahead than there are workers. Steps are
 * taken in order; a step that failed fails the take with its own exception. With one step it is work done on a
 * second core (the plan's reads, apply's light touches) and awaited where its result is needed.
 */
final class StepsAhead<T> implements AutoCloseable {

    private final ExecutorService workers;
    private final IntFunction<T> step;
    private final int steps;
    private final int ahead;
    /** The steps submitted and not taken yet, in order: the first is step {@link #nextIndex}. */
    private final ArrayDeque<Future<T>> submitted = new ArrayDeque<>();
    private int nextIndex;
    private int nextSubmit;

    /** Each step prepared one ahead, on one worker thread. */
    StepsAhead(String name, int steps, IntFunction<T> step) {
        this(name, steps, 1, step);
    }

    /** Up to {@code workers} steps prepared ahead at once, each on a worker thread of its own. */
    StepsAhead(String name, int steps, int workers, IntFunction<T> step) {
        this(name, steps, workers, workers, step);
    }

    /**
     * Up to {@code ahead} steps submitted before they are taken, prepared by {@code workers} threads in order: more
     * ahead than workers keeps the workers busy while the taker is held up elsewhere.
     */
    StepsAhead(String name, int steps, int workers, int ahead, IntFunction<T> step) {
        if (workers < 1 || ahead < workers) {
            throw new IllegalArgumentException("at least one worker and as many steps ahead, got " + workers
                    + " and " + ahead);
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, runnable -> {
            int n = count.incrementAndGet();
            Thread thread = new Thread(runnable, workers == 1 ? name : name + "-" + n);
            thread.setDaemon(true);
            return thread;
        });
        this.step = step;
        this.steps = steps;
        this.ahead = ahead;
        fill();
    }

    /** Step {@code index}'s result (waiting for it when it is not ready); the steps after it start now. */
    T take(int index) {
        if (index != nextIndex || submitted.isEmpty()) {
            throw new IllegalStateException("steps are taken in order: expected step " + nextIndex + " of " + steps
                    + ", asked for " + index);
        }
        Future<T> current = submitted.poll();
        nextIndex++;
        fill();
        try {
            return current.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for step " + index, e);
        }
    }

    /** Submits steps until {@link #ahead} are waiting to be taken (or none is left). */
    private void fill() {
        while (submitted.size() < ahead && nextSubmit < steps) {
            int index = nextSubmit++;
            submitted.add(workers.submit(() -> step.apply(index)));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
