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
 * only today's scores show). The values are kept a signal at a time (a column each): ranking reads one signal of
 * every account in turn, and with each row's signals side by side every read was a cache miss (half of a past day's
 * scoring in a profile).
 */
public final class SignalTable {

    private static final Signal[] SIGNALS = Signal.values();

    private final LocalDate day;
    private final String[] accountIds;
    private final String[] segments;
    /** By signal ordinal: each row's value of that signal. */
    private final double[][] columns;
    private int size;

    public SignalTable(LocalDate day, int capacity) {
        this.day = day;
        this.accountIds = new String[capacity];
        this.segments = new String[capacity];
        this.columns = new double[SIGNALS.length][capacity];
    }

    public LocalDate day() {
        return day;
    }

    public int size() {
        return size;
    }

    /** Adds one account's signals as of {@link #day()}; rows come back in the order they were added. */
    public void add(AccountSignals row) {
        add(row.accountId(), row.segment(), row.values());
    }

    /** Adds one account's signal values (null or a missing key: no data); a value must be finite, as in a row. */
    public void add(String accountId, String segment, Map<Signal, Double> row) {
        requireRoom();
        double[] values = new double[SIGNALS.length];
        for (Signal signal : SIGNALS) {
            Double value = AccountSignals.checked(accountId, signal, row.get(signal));
            values[signal.ordinal()] = value == null ? Double.NaN : value;
        }
        add(accountId, segment, values);
    }

    /**
     * Adds one account's signal values by signal ordinal, NaN where it has no data (as {@link #value} reads them);
     * the array is copied.
     */
    public void add(String accountId, String segment, double[] row) {
        if (row.length != SIGNALS.length) {
            throw new IllegalArgumentException("a row of " + row.length + " values for " + SIGNALS.length + " signals");
        }
        requireRoom();
        for (int signal = 0; signal < row.length; signal++) {
            columns[signal][size] = row[signal];
        }
        accountIds[size] = java.util.Objects.requireNonNull(accountId, "accountId");
        segments[size] = segment;
        size++;
    }

    private void requireRoom() {
        if (size == accountIds.length) {
            throw new IllegalStateException("signal table of " + day + " is full (" + size + " accounts)");
        }
    }

    /** The account of one row (0 to size - 1), in the order rows were added. */
    public String accountId(int row) {
        return accountIds[checked(row)];
    }

    /** The segment of one row, or null. */
    public String segment(int row) {
        return segments[checked(row)];
    }

    /** One signal of one row; NaN when the account has no data for it (as {@link AccountSignals#value} says null). */
    public double value(int row, Signal signal) {
        return columns[signal.ordinal()][checked(row)];
    }

    private int checked(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of a signal table of " + size + " accounts");
        }
        return row;
    }

    /** A table of these accounts' signals as of {@code day}, in their order. */
    public static SignalTable of(LocalDate day, List<AccountSignals> accounts) {
        SignalTable table = new SignalTable(day, accounts.size());
        accounts.forEach(table::add);
        return table;
    }

    /** The accounts' signals, rebuilt: the same values, segment and id as added. */
    public List<AccountSignals> rows() {
        List<AccountSignals> rows = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            Map<Signal, Double> row = new EnumMap<>(Signal.class);
            for (Signal signal : SIGNALS) {
                double value = columns[signal.ordinal()][r];
                if (!Double.isNaN(value)) {
                    row.put(signal, value);
                }
            }
            rows.add(new AccountSignals(accountIds[r], segments[r], row));
        }
        return rows;
    }
}
