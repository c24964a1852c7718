package io.healthsync.scoring.features;

import io.healthsync.model.Signal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every account's signal values as of one past day, held as one array of doubles (NaN: no data) instead of
 * one {@link AccountSignals} per account: the score history of a first run scores 11 past days, and at 100,000
 * accounts their rows would take over a gigabyte; this table takes 8 bytes a signal. The rows are rebuilt one
 * day at a time, with what a past day's score needs: id, segment and values (not the drivers' details, which
 * only today's scores show).
 */
public final class SignalTable {

    private static final Signal[] SIGNALS = Signal.values();

    private final LocalDate day;
    private final String[] accountIds;
    private final String[] segments;
    private final double[] values;
    private int size;

    public SignalTable(LocalDate day, int capacity) {
        this.day = day;
        this.accountIds = new String[capacity];
        this.segments = new String[capacity];
        this.values = new double[capacity * SIGNALS.length];
    }

    public LocalDate day() {
        return day;
    }

    public int size() {
        return size;
    }

    /** Adds one account's signals as of {@link #day()}; rows come back in the order they were added. */
    public void add(AccountSignals row) {
        if (size == accountIds.length) {
            throw new IllegalStateException("signal table of " + day + " is full (" + size + " accounts)");
        }
        accountIds[size] = row.accountId();
        segments[size] = row.segment();
        int offset = size * SIGNALS.length;
        for (Signal signal : SIGNALS) {
            Double value = row.value(signal);
            values[offset + signal.ordinal()] = value == null ? Double.NaN : value;
        }
        size++;
    }

    /** The accounts' signals, rebuilt: the same values, segment and id as added. */
    public List<AccountSignals> rows() {
        List<AccountSignals> rows = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            Map<Signal, Double> row = new EnumMap<>(Signal.class);
            int offset = r * SIGNALS.length;
            for (Signal signal : SIGNALS) {
                double value = values[offset + signal.ordinal()];
                if (!Double.isNaN(value)) {
                    row.put(signal, value);
                }
            }
            rows.add(new AccountSignals(accountIds[r], segments[r], row));
        }
        return rows;
    }
}
