package io.healthsync.connectors.salesforce;

import java.time.Duration;

/**
 * How long to wait between polls of a Bulk API 2.0 job's state: {@code initial} first, doubling up to
 * {@code maxInterval}, and no longer than {@code maxWait} in all for one ingest (its jobs together). A
 * job still running then is left to finish on the server; its rows are sent again on the next run.
 */
public record BulkPolling(Duration initial, Duration maxInterval, Duration maxWait) {

    public BulkPolling {
        if (initial == null || maxInterval == null || maxWait == null
                || initial.isNegative() || initial.isZero() || maxInterval.compareTo(initial) < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("Bulk API polling needs 0 < initial <= maxInterval and maxWait >= 0, got "
                    + initial + ", " + maxInterval + ", " + maxWait);
        }
    }

    /** The interval after {@code previous}: doubled, at most {@code maxInterval}. */
    public Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
    }
}
