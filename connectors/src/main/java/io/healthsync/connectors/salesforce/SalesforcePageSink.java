package io.healthsync.connectors.salesforce;

import java.time.Instant;
import java.util.Optional;

/** Where pulled pages go. Implemented by the store: a page and its cursor are saved in one transaction. */
public interface SalesforcePageSink {

    Optional<SalesforceCursor> cursor(SalesforceObject object);

    void store(PulledPage page);

    /**
     * An object's pull read its last page: records stamped up to {@code settledUntil} (never later than the
     * cursor) need no re-reading, and the store's copy of the object is complete as of {@code at}.
     */
    void markComplete(SalesforceObject object, Instant settledUntil, Instant at);
}
