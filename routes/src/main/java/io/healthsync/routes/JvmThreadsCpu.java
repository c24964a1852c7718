package io.healthsync.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU this process's JIT compiler and garbage collector threads have used, read from Linux's per-thread
 * accounting (/proc/self/task): on two cores they take CPU from the app's own threads, and in a run of a fresh JVM
 * they are a large part of its CPU (a bench at 100,000 accounts: a quarter to a third), which the process total
 * does not tell apart. Elsewhere (no /proc) nothing is known: {@link #read()} answers null. A thread's CPU is kept
 * once seen: a compiler thread the JVM stops when idle leaves /proc, and its CPU would otherwise leave the sum.
 */
public final class JvmThreadsCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux counts thread CPU in clock ticks of 1/100 s (USER_HZ, 100 on every architecture Java runs on). */
    private static final long MS_PER_TICK = 10;

    /** Milliseconds of CPU so far of the compiler threads and of the collector threads. */
    public record Snapshot(long compilerMs, long collectorMs) {

        /** What was used between {@code before} and this snapshot. */
        public Snapshot since(Snapshot before) {
            return new Snapshot(compilerMs - before.compilerMs, collectorMs - before.collectorMs);
        }
    }

    /** What a JVM thread of this name is: the JIT compiler's, the collector's, or (null) any other. */
    public enum Kind {
        COMPILER, COLLECTOR;

        /**
         * By the names HotSpot gives its threads (Linux keeps the first 15 characters): "C1 CompilerThre",
         * "C2 CompilerThre"; "GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "G1 Service", and
         * "VM Thread", which runs each collection's safepoint (and the whole collection with the serial collector).
         */
        public static Kind of(String threadName) {
            if (threadName.contains("CompilerThre")) {
                return COMPILER;
            }
            if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
                return COLLECTOR;
            }
            return null;
        }
    }

    /** Each compiler or collector thread seen (by its thread id): its kind and its ticks when last read. */
    private static final Map<String, Seen> SEEN = new HashMap<>();

    private record Seen(Kind kind, long ticks) {
    }

    private JvmThreadsCpu() {
    }

    /** The compiler's and the collector's CPU so far, or null where the threads' CPU cannot be read. */
    public static synchronized Snapshot read() {
        if (!Files.isDirectory(TASKS)) {
            return null;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    Kind kind = Kind.of(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip());
                    if (kind != null) {
                        long ticks = ticks(Files.readString(task.resolve("stat"), StandardCharsets.UTF_8));
                        SEEN.put(task.getFileName().toString(), new Seen(kind, ticks));
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that ended while being read: its ticks as last read stay counted
                }
            }
        } catch (IOException e) {
            return null;
        }
        long compilerTicks = 0;
        long collectorTicks = 0;
        for (Seen thread : SEEN.values()) {
            if (thread.kind() == Kind.COMPILER) {
                compilerTicks += thread.ticks();
            } else {
                collectorTicks += thread.ticks();
            }
        }
        return new Snapshot(compilerTicks * MS_PER_TICK, collectorTicks * MS_PER_TICK);
    }

    /**
     * A thread's user and system ticks from its stat line: the 14th and 15th fields, counted after the name in
     * parentheses (which may itself hold spaces and parentheses, hence from its last ')').
     */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        // fields[0] is the state (the 3rd field of the line): utime and stime are the 14th and 15th
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
