package io.healthsync.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The most heap this process has used since {@link #reset}: the sum of each heap pool's peak (eden, survivor,
 * old generation), as the JVM records them at every allocation and collection, not sampled. The pools may
 * peak at different moments, so the sum is an upper bound of the peak of their total; it includes garbage
 * not yet collected, which is what the heap must have room for.
 */
final class HeapPeak {

    private HeapPeak() {
    }

    /** Collects what can be collected, then starts each pool's peak afresh from its current use. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Megabytes (MiB) of heap used at most since the last {@link #reset}. */
    static long megabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage peak = pool.getType() == MemoryType.HEAP && pool.isValid() ? pool.getPeakUsage() : null;
            if (peak != null) {
                bytes += peak.getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
