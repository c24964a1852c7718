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
}
