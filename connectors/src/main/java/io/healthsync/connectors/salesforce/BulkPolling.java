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

    /** A fresh backoff for one run (a query job, or an ingest's jobs together). */
    public Backoff start() {
        return new Backoff(this);
    }

    /**
     * The polls of one run: each wait the current interval, within what is left of {@code maxWait}; the interval
     * doubles after each unfinished poll and starts again from {@code initial} for the run's next job.
     */
    public static final class Backoff {

        private final BulkPolling polling;
        private Duration interval;
        private Duration waited = Duration.ZERO;

        private Backoff(BulkPolling polling) {
            this.polling = polling;
        }

        /** The wait before the next poll, counted against the run's budget. */
        public Duration nextWait() {
            if (interval == null) {
                interval = polling.initial();
            }
            Duration left = polling.maxWait().minus(waited);
            Duration wait = left.isNegative() ? Duration.ZERO : (interval.compareTo(left) > 0 ? left : interval);
            waited = waited.plus(wait);
            return wait;
        }

        /** The job was still running: wait longer before the next poll. */
        public void grow() {
            interval = polling.after(interval);
        }

        /** A new job: its first wait is {@code initial} again; the budget goes on. */
        public void restart() {
            interval = null;
        }

        /** The whole budget is spent. */
        public boolean exhausted() {
            return waited.compareTo(polling.maxWait()) >= 0;
        }

        public Duration waited() {
            return waited;
        }
    }
}
