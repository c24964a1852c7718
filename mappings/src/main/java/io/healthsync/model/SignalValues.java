package io.healthsync.model;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One account's signals held as columns, an immutable list of {@link SignalValue}s made as they are read. Every
 * account's score keeps its signals from scoring until the plan is written: as one record and one boxed value per
 * signal that was 4 million objects at 100,000 accounts (some 140 MB, a quarter of what the plan stage holds), which
 * the collector traced again at every full collection. Here an account's signals are two arrays, and the names' array
 * is shared by the accounts a scorecard weighs alike.
 *
 * <p>A value that is not a number reads back as null: no data, as everywhere signals are computed.
 */
public final class SignalValues extends AbstractList<SignalValue> implements RandomAccess {

    private static final SignalValues EMPTY = new SignalValues(new String[0], new double[0]);

    private final String[] names;
    /** Per signal its value (NaN: no data), percentile and weight, one after the other. */
    private final double[] columns;

    private SignalValues(String[] names, double[] columns) {
        this.names = names;
        this.columns = columns;
    }

    /** The signals as this list: the same list when it is one already (it cannot change). */
    public static SignalValues copyOf(List<SignalValue> signals) {
        if (signals instanceof SignalValues values) {
            return values;
        }
        if (signals.isEmpty()) {
            return EMPTY;
        }
        String[] names = new String[signals.size()];
        Builder builder = new Builder(names);
        for (int i = 0; i < signals.size(); i++) {
            SignalValue signal = Objects.requireNonNull(signals.get(i), "signal " + i);
            names[i] = signal.name();
            builder.set(i, signal.value() == null ? Double.NaN : signal.value(), signal.percentile(), signal.weight());
        }
        return builder.build();
    }

    @Override
    public SignalValue get(int index) {
        Objects.checkIndex(index, names.length);
        double value = columns[3 * index];
        return new SignalValue(names[index], Double.isNaN(value) ? null : value, columns[3 * index + 1],
                columns[3 * index + 2]);
    }

    @Override
    public int size() {
        return names.length;
    }

    /**
     * Fills one account's signals in the order of {@code names}, which the caller shares between the accounts it
     * builds for and must not change.
     */
    public static final class Builder {

        private final String[] names;
        private final double[] columns;
        private boolean built;

        public Builder(String[] names) {
            this.names = names;
            this.columns = new double[3 * names.length];
        }

        /** The signal at {@code index}: its value (NaN: no data), its percentile and its weight. */
        public Builder set(int index, double value, double percentile, double weight) {
            Objects.checkIndex(index, names.length);
            columns[3 * index] = value;
            columns[3 * index + 1] = percentile;
            columns[3 * index + 2] = weight;
            return this;
        }

        /** The list; a builder builds once (the list shares its arrays). */
        public SignalValues build() {
            if (built) {
                throw new IllegalStateException("a SignalValues.Builder builds one list");
            }
            built = true;
            for (int i = 0; i < names.length; i++) {
                Objects.requireNonNull(names[i], "the name of signal " + i);
            }
            return new SignalValues(names, columns);
        }
    }
}
