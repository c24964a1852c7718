package io.healthsync.connectors.salesforce;

import java.time.Instant;

/**
 * How far an object's incremental pull has got: the (SystemModstamp, Id) of the last record stored.
 * The Id breaks ties, because many records can share one SystemModstamp (bulk loads, triggers).
 *
 * <p>{@code settledUntil}: records stamped up to this instant have been read at a time when the lookback
 * window behind them had passed, so a transaction that committed late with an earlier SystemModstamp has
 * been seen. Once it reaches the cursor, the next pull resumes right after the cursor and a quiet org
 * returns nothing; null when the window has not been re-read yet.
 */
public record SalesforceCursor(Instant modstamp, String lastId, Instant settledUntil) {

    public SalesforceCursor(Instant modstamp, String lastId) {
        this(modstamp, lastId, null);
    }

    /** Nothing behind the cursor needs to be read again. */
    public boolean settled() {
        return settledUntil != null && !settledUntil.isBefore(modstamp);
    }
}
