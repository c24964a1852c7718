package io.healthsync.scoring.model;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's feature contract read against the live signals: each column the model was trained on, in its
 * order, filled from an account's {@link AccountSignals} exactly as {@link PointInTimeTrainingSet} filled it in
 * training (a signal's value, NaN without data; the segment one-hot as {@link HistoryTable} encodes it). A column
 * the live signals cannot fill (a model trained on a company's own export with its own columns) is an error at
 * load, naming every such column, so the caller falls back to the scorecard and can say why.
 */
final class FeatureColumns {

    @FunctionalInterface
    private interface Column {
        float value(AccountSignals account);
    }

    private final List<String> names;
    private final Column[] columns;
    private final Signal[] signals;

    private FeatureColumns(List<String> names, Column[] columns, Signal[] signals) {
        this.names = names;
        this.columns = columns;
        this.signals = signals;
    }

    /**
     * @param categories the text columns' kept values as saved with the model ({@code "categories"}); a one-hot
     *                   column's "other" depends on them
     */
    static FeatureColumns of(List<String> names, Map<String, List<String>> categories, String where) {
        Column[] columns = new Column[names.size()];
        Signal[] signals = new Signal[names.size()];
        List<String> unknown = new ArrayList<>();
        String segmentPrefix = PointInTimeTrainingSet.SEGMENT + "=";
        List<String> kept = categories.getOrDefault(PointInTimeTrainingSet.SEGMENT, segmentsIn(names, segmentPrefix));
        for (int c = 0; c < columns.length; c++) {
            String name = names.get(c);
            Signal signal = Signal.fromKey(name).orElse(null);
            if (signal != null) {
                signals[c] = signal;
                columns[c] = account -> {
                    Double value = account.value(signal);
                    return value == null ? Float.NaN : value.floatValue();
                };
            } else if (name.startsWith(segmentPrefix) && kept.contains(name.substring(segmentPrefix.length()))) {
                String category = name.substring(segmentPrefix.length());
                columns[c] = account -> HistoryTable.oneHot(account.segment() == null ? "" : account.segment().strip(),
                        category, kept);
            } else {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(where + " was trained on " + (unknown.size() == 1 ? "a column" : "columns")
                    + " the live signals do not have: " + String.join(", ", unknown)
                    + "; live scoring knows the signal keys (" + String.join(", ", Arrays.stream(Signal.values()).map(Signal::key).toList())
                    + ") and " + segmentPrefix + "<segment>. Scores stay with the scorecard until a model trained on the"
                    + " store is promoted");
        }
        return new FeatureColumns(List.copyOf(names), columns, signals);
    }

    private static List<String> segmentsIn(List<String> names, String prefix) {
        return names.stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length())).toList();
    }

    int width() {
        return columns.length;
    }

    String name(int column) {
        return names.get(column);
    }

    /** The signal a column holds, or null for another column (a segment one-hot). */
    Signal signal(int column) {
        return signals[column];
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), row-major, NaN for missing. */
    float[] matrix(List<AccountSignals> accounts, int from, int to) {
        int width = columns.length;
        float[] data = new float[(to - from) * width];
        for (int r = from; r < to; r++) {
            AccountSignals account = accounts.get(r);
            int offset = (r - from) * width;
            for (int c = 0; c < width; c++) {
                data[offset + c] = columns[c].value(account);
            }
        }
        return data;
    }

    /**
     * A column that is not a signal, said plainly: "Segment SMB", "Segment not SMB", "Segment blank" for a
     * one-hot column, else "name value".
     */
    String phrase(int column, float value) {
        String name = names.get(column);
        int equals = name.indexOf('=');
        if (equals > 0) {
            String text = capitalized(name.substring(0, equals));
            String category = name.substring(equals + 1);
            return Float.isNaN(value) ? text + " blank" : value == 1 ? text + " " + category : text + " not " + category;
        }
        return capitalized(name) + (Float.isNaN(value) ? " blank" : " " + number(value));
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String number(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
