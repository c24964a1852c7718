package io.healthsync.connectors.salesforce;

import java.time.Instant;
import java.util.Optional;

/** Where pulled pages go. Implemented by the store: a page and its cursor are saved in one transaction. */
public interface SalesforcePageSink {

    Optional<SalesforceCursor> cursor(SalesforceObject object);

    /**
     * Stores the page and its cursor in one transaction.
     *
     * @return how many of its records were only the echo of healthsync's own writes (nothing else changed
     *         on them, and our fields hold what we wrote), so a report can tell real change from our own
     */
    int store(PulledPage page);

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
