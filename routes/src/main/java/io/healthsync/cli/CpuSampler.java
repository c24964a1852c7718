package io.healthsync.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads another process's CPU time (milliseconds so far) every few milliseconds while a run goes on, so that what it
 * did in each of the run's stages can be told afterwards from the stages' start and end: the bench's sandbox, whose
 * work is in the wall time of every stage but not in the app's CPU.
 */
final class CpuSampler implements AutoCloseable {

    private final LongSupplier cpuMillis;
    private final Thread thread;
    private long[] nanos = new long[1024];
    private long[] cpu = new long[1024];
    private int count;
    private volatile boolean stopped;

    private CpuSampler(LongSupplier cpuMillis, long everyMillis) {
        this.cpuMillis = cpuMillis;
        this.thread = new Thread(() -> {
            while (!stopped) {
                sample();
                try {
                    Thread.sleep(Math.max(1, everyMillis)); // at least a millisecond: never a spin
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-sampler");
        thread.setDaemon(true);
    }

    /** Samples {@code cpuMillis} now (before this returns), then every {@code everyMillis} until closed. */
    static CpuSampler start(LongSupplier cpuMillis, long everyMillis) {
        CpuSampler sampler = new CpuSampler(cpuMillis, everyMillis);
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    /** A sampler that takes only the readings it is given ({@link #record}): for tests. */
    static CpuSampler manual() {
        return new CpuSampler(() -> -1, 1);
    }

    /** Reads the CPU time now; a reading the system refused (-1) is left out. */
    void sample() {
        record(System.nanoTime(), cpuMillis.getAsLong());
    }

    /** A reading of {@code ms} CPU milliseconds at {@code now} (nanoTime), after every earlier one; -1 is left out. */
    synchronized void record(long now, long ms) {
        if (ms < 0) {
            return;
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
            cpu = Arrays.copyOf(cpu, count * 2);
        }
        nanos[count] = now;
        cpu[count] = ms;
        count++;
    }

    /**
     * CPU milliseconds used between two {@link System#nanoTime} instants, each end read off the samples around it
     * (linearly between the two nearest); -1 when the samples do not cover both ends.
     */
    synchronized long between(long fromNanos, long toNanos) {
        long from = at(fromNanos);
        long to = at(toNanos);
        return from < 0 || to < 0 ? -1 : Math.max(0, to - from);
    }

    /** CPU milliseconds used from the first sample to the last; -1 with fewer than two. */
    synchronized long total() {
        return count < 2 ? -1 : cpu[count - 1] - cpu[0];
    }

    /** Per stage (its start and end as nanoTime), the CPU used; stages the samples do not cover are left out. */
    Map<String, Long> byStage(Map<String, long[]> stageNanos) {
        Map<String, Long> byStage = new LinkedHashMap<>();
        stageNanos.forEach((stage, span) -> {
            long ms = between(span[0], span[1]);
            if (ms >= 0) {
                byStage.put(stage, ms);
            }
        });
        return byStage;
    }

    private long at(long when) {
        if (count == 0 || when < nanos[0] || when > nanos[count - 1]) {
            return -1;
        }
        int i = Arrays.binarySearch(nanos, 0, count, when);
        if (i >= 0) {
            return cpu[i];
        }
        int after = -i - 1;
        int before = after - 1;
        double share = (double) (when - nanos[before]) / (nanos[after] - nanos[before]);
        return Math.round(cpu[before] + share * (cpu[after] - cpu[before]));
    }

    /** Takes a last sample and stops sampling. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
