package io.healthsync.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record's few CRM field values in their order, as two arrays, the names' array shared by the records that carry
 * the same fields. Every account's fields live from scoring through the plan (100,000 at once): as LinkedHashMaps
 * they were some 900,000 entry objects, a tenth of what the plan stage held. Values may be null (an
 * empty CRM field); the map cannot be changed.
 */
final class FieldValues extends AbstractMap<String, String> {

    /** Names' arrays by their names: a handful in an org (the fields healthsync writes, as each object has them). */
    private static final Map<List<String>, String[]> SHARED_NAMES = new ConcurrentHashMap<>();
    private static final int MOST_SHARED = 1_000;

    private final String[] names;
    private final String[] values;

    private FieldValues(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** The map's entries in its order; an unmodifiable copy of another kind when a name is null. */
    static Map<String, String> copyOf(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map instanceof FieldValues same) {
            return same;
        }
        String[] names = new String[map.size()];
        String[] values = new String[map.size()];
        int i = 0;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                return Collections.unmodifiableMap(new LinkedHashMap<>(map));
            }
            names[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
        return new FieldValues(shared(names), values);
    }

    private static String[] shared(String[] names) {
        List<String> key = Arrays.asList(names);
        String[] known = SHARED_NAMES.get(key);
        if (known != null) {
            return known;
        }
        if (SHARED_NAMES.size() < MOST_SHARED) {
            String[] previous = SHARED_NAMES.putIfAbsent(List.of(names), names);
            return previous != null ? previous : names;
        }
        return names;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
