package io.healthsync.connectors.salesforce;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores an object's pulled pages on a thread of its own, one at a time and in the order given, while the route
 * fetches and maps the next page: reading and mapping a page took a third of the route's time and storing it the
 * rest, one after the other. One page at most waits to be stored, so the heap holds two pages, never the object.
 *
 * <p>A page whose store failed fails every later hand-over and the end of the object's pull, with the same error:
 * no page after it is stored, so no cursor passes it (each page is stored with its own cursor, or, from a bulk
 * query job, only the last one carries one). The object's pull is complete only once {@link #finish()} returned.
 */
final class PagesStoredBehind {

    private static final String PROPERTY = "healthsync.pagesStoredBehind";
    private static final Logger LOG = LoggerFactory.getLogger(PagesStoredBehind.class);

    private final ExecutorService thread;
    private Future<?> pending;
    private RuntimeException failure;

    PagesStoredBehind(String object) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "page-store-" + object);
            t.setDaemon(true);
            return t;
        });
    }

    /** The object's pages stored behind its pull: made with the first page. */
    static PagesStoredBehind of(Exchange exchange, SalesforceObject object) {
        PagesStoredBehind stores = exchange.getProperty(PROPERTY, PagesStoredBehind.class);
        if (stores == null) {
            stores = new PagesStoredBehind(object.apiName());
            exchange.setProperty(PROPERTY, stores);
        }
        return stores;
    }

    /** The object's pull reached its end: its last page is stored (or its failure thrown) before this returns. */
    static void finish(Exchange exchange) {
        PagesStoredBehind stores = exchange.getProperty(PROPERTY, PagesStoredBehind.class);
        if (stores != null) {
            stores.finish();
        }
    }

    /**
     * The object's pull failed (or is to be queried again): the page being stored is waited for, so the stored
     * cursor is final before anyone reads it, and no store of this object runs on while the next one is pulled. A
     * store failure here is already reported, or adds nothing to the failure being handled.
     */
    static void abandon(Exchange exchange) {
        PagesStoredBehind stores = exchange.getProperty(PROPERTY, PagesStoredBehind.class);
        exchange.removeProperty(PROPERTY);
        if (stores != null) {
            try {
                stores.finish();
            } catch (RuntimeException alreadyFailing) {
                LOG.debug("a page of the failed pull was not stored either: {}", alreadyFailing.getMessage());
            }
        }
    }

    /** Waits for the page handed over before (throwing its failure), then hands this one to the thread. */
    void store(Runnable page) {
        awaitPending();
        pending = thread.submit(page);
    }

    /** Waits for the last page handed over and lets the thread go; the failure of any page is thrown here. */
    private void finish() {
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
                    : new IllegalStateException("storing a pulled page failed: " + e.getCause(), e.getCause());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while a pulled page was being stored", e);
            throw failure;
        } finally {
            pending = null;
        }
    }
}
