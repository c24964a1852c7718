package io.healthsync.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;

/**
 * A usage day's events per feature as the store writes them ({@code {"dashboards":3,"reports":1}}), read back
 * without a JSON library's general machinery: a first run's scoring reads one per usage day (4.4 million at
 * 100,000 accounts with product analytics), and Jackson's readValue was an eighth of that stage's samples. Text in
 * any other form (spaces, escapes, fractions, a name twice: not the store's own writing) is read by Jackson.
 */
final class FeatureCountsJson {

    private static final TypeReference<Map<String, Integer>> TYPE = new TypeReference<>() { };
    /** More features than this in one day go to Jackson (sources.yaml tracks a handful). */
    private static final int MOST = 16;

    private FeatureCountsJson() {
    }

    /** The counts by feature (an immutable map; feature names shared through {@code names}); null for null. */
    static Map<String, Integer> read(String text, RepeatedValues names) {
        if (text == null) {
            return null;
        }
        Map<String, Integer> read = compact(text, names);
        return read != null ? read : Jdbc.readJson(text, TYPE);
    }

    /** The store's own compact form, or null when the text is in any other. */
    private static Map<String, Integer> compact(String text, RepeatedValues names) {
        int length = text.length();
        if (length < 2 || text.charAt(0) != '{' || text.charAt(length - 1) != '}') {
            return null;
        }
        if (length == 2) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, Integer>[] entries = new Map.Entry[MOST];
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
            i++;
            boolean negative = i < length && text.charAt(i) == '-';
            if (negative) {
                i++;
            }
            long value = 0;
            int digits = 0;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9' && digits <= 9) {
                value = value * 10 + (text.charAt(i) - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 9 || i >= length) {
                return null;
            }
            entries[count++] = Map.entry(name, (int) (negative ? -value : value));
            if (text.charAt(i) == ',') {
                i++;
            } else if (text.charAt(i) == '}' && i == length - 1) {
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
}
