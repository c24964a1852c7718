package io.healthsync.connectors.stripe;

/**
 * One Stripe object that cannot be turned into canonical records: the page goes on and the object is
 * quarantined with this reason, which says what is wrong and where in the object (a JSON path).
 */
final class UnmappableRecord extends Exception {

    UnmappableRecord(String reason) {
        super(reason);
    }
}
