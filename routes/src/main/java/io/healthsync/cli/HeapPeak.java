package io.healthsync.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap this process has used since {@link #reset}, two ways:
 * <ul>
 *   <li>{@link #megabytes}: the most heap in use at any one time, garbage included: the heap just before the
 *   fullest collection (or now, if that is more). It stays within {@code -Xmx} and grows with the heap the JVM
 *   is given (a big heap is collected less often), so it says more about the collector than about what the run
 *   needs. (Each pool's own peak, summed, counted eden's peak and the old generation's though they peak at
 *   different times, and could pass {@code -Xmx}.)</li>
 *   <li>{@link #afterGcMegabytes}: the most heap still in use right after a collection: what the run held
 *   at once, and about what {@code -Xmx} must leave room for.</li>
 * </ul>
 */
final class HeapPeak {

    private static final long MIB = 1024 * 1024;
    private static final AtomicLong BEFORE_GC_PEAK = new AtomicLong();
    private static final AtomicLong AFTER_GC_PEAK = new AtomicLong();
    private static boolean listening;

    private HeapPeak() {
    }

    /** Collects what can be collected, then starts both peaks afresh from the current use. */
    static void reset() {
        listen();
        System.gc();
        long used = heapUsed();
        BEFORE_GC_PEAK.set(used);
        AFTER_GC_PEAK.set(used);
    }

    /** Megabytes (MiB) of heap in use at most at one time since the last {@link #reset}, garbage included. */
    static long megabytes() {
        return Math.max(BEFORE_GC_PEAK.get(), heapUsed()) / MIB;
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    }

    /** Megabytes (MiB) of heap in use right after a collection, at most, since the last {@link #reset}. */
    static long afterGcMegabytes() {
        return AFTER_GC_PEAK.get() / MIB;
    }

    private static java.util.List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid()).toList();
    }

    /** Hears every collection the JVM reports, and keeps the largest heap use before one and after one. */
    private static synchronized void listen() {
        if (listening) {
            return;
        }
        Set<String> heapPools = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    BEFORE_GC_PEAK.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools),
                            Math::max);
                    AFTER_GC_PEAK.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc(), heapPools),
                            Math::max);
                }, null, null);
            }
        }
        listening = true;
    }

    private static long heapUsed(java.util.Map<String, MemoryUsage> byPool, Set<String> heapPools) {
        return byPool.entrySet().stream().filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
    }
}
