package io.healthsync.connectors.salesforce;

import java.time.Instant;

/**
 * How far an object's incremental pull has got: the (SystemModstamp, Id) of the last record stored.
 * The Id breaks ties, because many records can share one SystemModstamp (bulk loads, triggers).
 */
public record SalesforceCursor(Instant modstamp, String lastId) {
}
