package io.healthsync.connectors.salesforce;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stores a bulk query job's results pages on a thread of its own, one at a time and in the order given, while
 * the route fetches and parses the next page: at 25,000 records a page, reading and mapping a page took a
 * third of the route's time and storing it the rest, one after the other. One page at most waits to be stored,
 * so the heap holds two pages, never the job.
 *
 * <p>A page whose store failed fails every later hand-over and the end of the job, with the same error: no page
 * after it is stored, and as only the job's last page carries a cursor, nothing is marked pulled past it.
 */
final class PagesStoredBehind {

    private final ExecutorService thread;
    private Future<?> pending;
    private RuntimeException failure;

    PagesStoredBehind(String object) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "bulk-query-store-" + object);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the page handed over before (throwing its failure), then hands this one to the thread. */
    void store(Runnable page) {
        awaitPending();
        pending = thread.submit(page);
    }

    /** Waits for the last page handed over and lets the thread go; the failure of any page is thrown here. */
    void finish() {
        try {
            awaitPending();
        } finally {
            thread.shutdown();
        }
    }

    private void awaitPending() {
        if (failure != null) {
            throw failure;
        }
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("storing a bulk results page failed: " + e.getCause(), e.getCause());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while a bulk results page was being stored", e);
            throw failure;
        } finally {
            pending = null;
        }
    }
}
