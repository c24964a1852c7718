package io.healthsync.scoring.features;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map from an enum's constants to numbers, held as one array by ordinal and a bit per key present, in
 * the enum's order as an EnumMap is. A key may be present with no number (null), as in an EnumMap. Every account's
 * signals live through scoring (100,000 at once): as EnumMaps of boxed values they were some 2.4 million objects the
 * collector traced at each of its collections.
 */
final class EnumDoubles<E extends Enum<E>> extends AbstractMap<E, Double> {

    private final E[] keys;
    /** By ordinal; NaN where the key is present with no number, or absent. */
    private final double[] values;
    private final long present;

    private EnumDoubles(E[] keys, double[] values, long present) {
        this.keys = keys;
        this.values = values;
        this.present = present;
    }

    /**
     * The map's entries, with nulls kept, or left out with NaNs (no number either).
     *
     * @param keys every constant of the enum, in ordinal order (its {@code values()}), shared and never changed
     * @throws IllegalArgumentException for a NaN where nulls are kept (it would read back as null)
     */
    static <E extends Enum<E>> EnumDoubles<E> of(E[] keys, Map<E, Double> map, boolean keepNulls) {
        if (keys.length > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " keys, got " + keys.length);
        }
        if (map instanceof EnumDoubles<E> same && same.keys.length == keys.length
                && (keys.length == 0 || same.keys[0].getDeclaringClass() == keys[0].getDeclaringClass())
                && (keepNulls || !same.anyNull())) {
            return same;
        }
        double[] values = new double[keys.length];
        java.util.Arrays.fill(values, Double.NaN);
        long present = 0;
        for (Map.Entry<E, Double> entry : map.entrySet()) {
            Double value = entry.getValue();
            boolean none = value == null || value.isNaN();
            if (none && !keepNulls) {
                continue;
            }
            if (value != null && value.isNaN()) {
                throw new IllegalArgumentException(entry.getKey() + " is not a number");
            }
            int ordinal = entry.getKey().ordinal();
            present |= 1L << ordinal;
            values[ordinal] = value == null ? Double.NaN : value;
        }
        return new EnumDoubles<>(keys, values, present);
    }

    private boolean anyNull() {
        for (int i = 0; i < keys.length; i++) {
            if ((present & (1L << i)) != 0 && Double.isNaN(values[i])) {
                return true;
            }
        }
        return false;
    }

    private int ordinalOf(Object key) {
        if (key instanceof Enum<?> constant && keys.length > 0
                && constant.getDeclaringClass() == keys[0].getDeclaringClass()) {
            int ordinal = constant.ordinal();
            return (present & (1L << ordinal)) != 0 ? ordinal : -1;
        }
        return -1;
    }

    @Override
    public Double get(Object key) {
        int ordinal = ordinalOf(key);
        return ordinal < 0 || Double.isNaN(values[ordinal]) ? null : values[ordinal];
    }

    @Override
    public boolean containsKey(Object key) {
        return ordinalOf(key) >= 0;
    }

    @Override
    public int size() {
        return Long.bitCount(present);
    }

    @Override
    public Set<Entry<E, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<E, Double>> iterator() {
                return new Iterator<>() {
                    private long left = present;

                    @Override
                    public boolean hasNext() {
                        return left != 0;
                    }

                    @Override
                    public Entry<E, Double> next() {
                        if (left == 0) {
                            throw new NoSuchElementException();
                        }
                        int ordinal = Long.numberOfTrailingZeros(left);
                        left &= left - 1;
                        double value = values[ordinal];
                        return new SimpleImmutableEntry<>(keys[ordinal], Double.isNaN(value) ? null : value);
                    }
                };
            }

            @Override
            public int size() {
                return EnumDoubles.this.size();
            }
        };
    }
}
