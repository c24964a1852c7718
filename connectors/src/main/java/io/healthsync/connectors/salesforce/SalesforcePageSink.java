package io.healthsync.connectors.salesforce;

import java.util.Optional;

/** Where pulled pages go. Implemented by the store: a page and its cursor are saved in one transaction. */
public interface SalesforcePageSink {

    Optional<SalesforceCursor> cursor(SalesforceObject object);

    void store(PulledPage page);
}
