package io.healthsync.routes;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Steps prepared one ahead on a worker thread: while the caller handles step i (computes signals from a range
 * of accounts, or stores a day's scores), step i + 1 is being prepared (read from the store, or scored), so two
 * cores work at once instead of taking turns. At most two steps' results are alive at a time. Steps are taken
 * in order; a step that failed fails the take with its own exception. With one step it is work done on a second
 * core (the plan's reads, apply's light touches) and awaited where its result is needed.
 */
final class OneAhead<T> implements AutoCloseable {

    private final ExecutorService worker;
    private final IntFunction<T> step;
    private final int steps;
    private Future<T> next;
    private int nextIndex;

    OneAhead(String name, int steps, IntFunction<T> step) {
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        this.step = step;
        this.steps = steps;
        submit(0);
    }

    /** Step {@code index}'s result (waiting for it when it is not ready); the step after it starts now. */
    T take(int index) {
        if (index != nextIndex || next == null) {
            throw new IllegalStateException("steps are taken in order: expected step " + nextIndex + " of " + steps
                    + ", asked for " + index);
        }
        Future<T> current = next;
        submit(index + 1);
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

    private void submit(int index) {
        nextIndex = index;
        next = index < steps ? worker.submit(() -> step.apply(index)) : null;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
