package io.healthsync.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A signal's sorted values as cohort_reference stores them: each distinct value (8 bytes) with how many accounts
 * have it (4 bytes). Counts and ratios repeat a great deal (touches in 30 days take a few dozen values among
 * 100,000 accounts), so the column is mostly far smaller than the values; decoding gives back the same array.
 */
final class RankedValues {

    private static final int ENTRY = Double.BYTES + Integer.BYTES;

    private RankedValues() {
    }

    static byte[] encode(double[] sorted) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || Double.compare(sorted[i], sorted[i - 1]) != 0) {
                distinct++;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(distinct * ENTRY);
        int i = 0;
        while (i < sorted.length) {
            int run = i + 1;
            while (run < sorted.length && Double.compare(sorted[run], sorted[i]) == 0) {
                run++;
            }
            out.putDouble(sorted[i]).putInt(run - i);
            i = run;
        }
        return out.array();
    }

    /** Throws StoreException for bytes that are not whole entries in ascending order (a damaged row). */
    static double[] decode(byte[] bytes, String where) {
        if (bytes.length % ENTRY != 0) {
            throw new StoreException(where + ": " + bytes.length + " bytes are not whole (value, count) entries", null);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int total = 0;
        int[] counts = new int[bytes.length / ENTRY];
        double[] values = new double[counts.length];
        for (int e = 0; e < counts.length; e++) {
            values[e] = in.getDouble();
            counts[e] = in.getInt();
            if (counts[e] < 1 || (e > 0 && Double.compare(values[e], values[e - 1]) <= 0)) {
                throw new StoreException(where + ": entry " + e + " is not a count of at least 1 of a value above the last",
                        null);
            }
            total = Math.addExact(total, counts[e]);
        }
        double[] sorted = new double[total];
        int at = 0;
        for (int e = 0; e < counts.length; e++) {
            Arrays.fill(sorted, at, at + counts[e], values[e]);
            at += counts[e];
        }
        return sorted;
    }
}
