package io.healthsync.connectors.zendesk;

/** One record a mapper cannot turn into canonical records: it is quarantined with this reason, the page goes on. */
final class UnmappableRecord extends Exception {

    UnmappableRecord(String reason) {
        super(reason, null, false, false);
    }
}
