package io.healthsync.connectors.salesforce;

import java.time.Instant;
import java.util.Optional;

/** Where pulled pages go. Implemented by the store: a page and its cursor are saved in one transaction. */
public interface SalesforcePageSink {

    Optional<SalesforceCursor> cursor(SalesforceObject object);

    /** Stores the page and its cursor in one transaction. */
    void store(PulledPage page);

    /**
     * Reads only: how many of the page's records are only the echo of healthsync's own writes (nothing else
     * changed on them, and our fields hold what we wrote), so a report can tell real change from our own. Asked
     * before the page is stored, on the thread that fetched it while the page before is being stored: a query
     * returns each record once, so no page stored meanwhile holds a record this check reads.
     */
    default int echoes(PulledPage page) {
        return 0;
    }

    /**
     * How the pages of one pull of {@code object}, whose query matched {@code records} records, are told for
     * echoes: by default page by page ({@link #echoes}); a store may instead read once what it compares with when
     * the pull returns many records. Asked on the thread that fetches, before the pull's first page is stored.
     */
    default EchoCheck echoCheck(SalesforceObject object, long records) {
        return this::echoes;
    }

    /** How many of a page's records are only the echo of healthsync's own writes (see {@link #echoes}). */
    @FunctionalInterface
    interface EchoCheck {
        int echoes(PulledPage page);

        /**
         * The echoes among pages that were asked about before what they are compared with was read, told once the
         * pull's pages are all stored (it waits for that read).
         */
        default int rest() {
            return 0;
        }
    }

    /**
     * An object's pull read its last page: records stamped up to {@code settledUntil} (never later than the
     * cursor) need no re-reading, and the store's copy of the object is complete as of {@code at}.
     */
    void markComplete(SalesforceObject object, Instant settledUntil, Instant at);

    /**
     * A first pull of {@code object} through a Bulk API query job begins: the store may set aside what makes each
     * insert dear (the indexes of a table that holds nothing yet) and build it once, in {@link #backfillsDone()}.
     */
    default void backfillBegins(SalesforceObject object) {
    }

    /** The pull is over, however it ended: whatever a backfill set aside is back in place. */
    default void backfillsDone() {
    }
}
