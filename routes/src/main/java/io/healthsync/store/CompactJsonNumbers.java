package io.healthsync.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;

/**
 * Flat JSON objects of numbers as the store writes them, read back without a JSON library's general machinery: a
 * usage day's events per feature ({@code {"dashboards":3,"reports":1}}) and an activity's measures
 * ({@code {"amount":1250.0}}). A first run's scoring reads one per usage day and one per activity with measures
 * (4.4 million and some 2 million at 100,000 accounts with every source): Jackson's readValue was an eighth of that
 * stage's samples for the usage days, and for the measures, which it read with a type built anew for each, 0.9 GB
 * of the 13 GB the stage allocated at 30,000 accounts. Text in any other form (spaces, escapes, a name twice, more
 * than {@value #MOST} names, a number of another kind: not the store's own writing) is read by Jackson.
 */
final class CompactJsonNumbers {

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> MEASURES = new TypeReference<>() { };
    /** More names than this in one object go to Jackson (sources.yaml tracks a handful of features). */
    private static final int MOST = 16;

    private CompactJsonNumbers() {
    }

    /** A usage day's counts by feature (an immutable map; names shared through {@code names}); null for null. */
    static Map<String, Integer> featureCounts(String text, RepeatedValues names) {
        if (text == null) {
            return null;
        }
        Map<String, Integer> read = compact(text, names, CompactJsonNumbers::integer);
        return read != null ? read : Jdbc.readJson(text, COUNTS);
    }

    /** An activity's measures by name (an immutable map; names shared through {@code names}); null for null. */
    static Map<String, Double> measures(String text, RepeatedValues names) {
        if (text == null) {
            return null;
        }
        Map<String, Double> read = compact(text, names, CompactJsonNumbers::decimal);
        return read != null ? read : Jdbc.readJson(text, MEASURES);
    }

    /** A number's text between {@code from} and {@code to} as a value of the kind read, or null when it is not one. */
    private interface NumberText<V> {
        V parse(String text, int from, int to);
    }

    /** The store's own compact form, or null when the text is in any other. */
    private static <V> Map<String, V> compact(String text, RepeatedValues names, NumberText<V> number) {
        int length = text.length();
        if (length < 2 || text.charAt(0) != '{' || text.charAt(length - 1) != '}') {
            return null;
        }
        if (length == 2) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, V>[] entries = new Map.Entry[MOST];
        int count = 0;
        int i = 1;
        while (true) {
            if (count == MOST || text.charAt(i) != '"') {
                return null;
            }
            int close = text.indexOf('"', i + 1);
            if (close < 0 || text.lastIndexOf('\\', close) > i) {
                return null;
            }
            String name = names.of(text.substring(i + 1, close));
            i = close + 1;
            if (i >= length || text.charAt(i) != ':') {
                return null;
            }
            int start = ++i;
            while (i < length && text.charAt(i) != ',' && text.charAt(i) != '}') {
                i++;
            }
            V value = i < length ? number.parse(text, start, i) : null;
            if (value == null) {
                return null;
            }
            entries[count++] = Map.entry(name, value);
            if (text.charAt(i) == ',') {
                i++;
            } else if (i == length - 1) {
                break;
            } else {
                return null;
            }
        }
        try {
            return Map.ofEntries(java.util.Arrays.copyOf(entries, count));
        } catch (IllegalArgumentException duplicate) {
            return null; // a name twice: Jackson keeps the last
        }
    }

    /** An int of at most 9 digits, as the store writes counts; anything else (a fraction, 10 digits) is not. */
    private static Integer integer(String text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (i == to || to - i > 9) {
            return null;
        }
        int value = 0;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /**
     * A decimal as Jackson writes a double ({@code 12.5}, {@code -3.0}, {@code 1.0E7}): digits with an optional
     * sign, point and exponent; anything else (null, a string, NaN) is not.
     */
    private static Double decimal(String text, int from, int to) {
        if (from == to) {
            return null;
        }
        char first = text.charAt(from);
        if (first != '-' && (first < '0' || first > '9')) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return Double.valueOf(text.substring(from, to));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
