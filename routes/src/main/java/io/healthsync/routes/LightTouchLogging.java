package io.healthsync.routes;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Apply's logging of light-touch actions in the store (no webhook to post them to), on a thread of its own while
 * the Salesforce writes go out: it touches no row they do, and waiting on a bulk job leaves a core idle. Apply
 * awaits it before it reports; its failure fails apply there, as it did when it ran first.
 */
final class LightTouchLogging {

    private final ExecutorService thread;
    private final Future<?> done;

    private LightTouchLogging(Runnable logging) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "light-touch-logging");
            t.setDaemon(true);
            return t;
        });
        this.done = thread.submit(logging);
        thread.shutdown(); // the one task runs on; the thread ends with it
    }

    static LightTouchLogging start(Runnable logging) {
        return new LightTouchLogging(logging);
    }

    /** Waits for the logging to end; its failure is thrown here. */
    void await() {
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("logging the light-touch actions failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the light-touch actions were being logged", e);
        }
    }
}
