package io.healthsync.routes;

import java.lang.management.ManagementFactory;

/**
 * CPU time this process has used, all threads and the JVM's own (JIT, GC) included. Beside a run's wall
 * time it tells the app's work from its waiting on the APIs (here, on the sandbox process answering).
 */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Milliseconds of CPU used so far, or -1 when this JVM does not say. */
    public static long millis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? -1 : nanos / 1_000_000;
        }
        return -1;
    }
}
