package io.healthsync.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** The bench's figures for people: one row per figure, the first run beside the incremental one. */
final class BenchPrinter {

    private BenchPrinter() {
    }

    static void print(PrintStream out, BenchFigures first, BenchFigures second, int drifted) {
        row(out, "", "first run", second == null ? null : String.format("after %,d accounts drifted", drifted));
        row(out, "total", first, second, f -> seconds(f.totalMs()));
        row(out, "  app CPU", first, second, f -> f.cpuMs() < 0 ? "n/a" : seconds(f.cpuMs()) + byStage(f.stageCpuMs()));
        row(out, "    of which", first, second, f -> f.jitCpuMs() < 0 ? "n/a"
                : "JIT compiler " + seconds(f.jitCpuMs()) + ", garbage collector " + seconds(f.gcCpuMs()));
        row(out, "  sandbox CPU", first, second, f -> f.sandboxCpuMs() < 0 ? "n/a"
                : seconds(f.sandboxCpuMs()) + byStage(f.sandboxStageCpuMs()));
        row(out, "pull", first, second, f -> seconds(f.pullMs()) + rate(f.recordsPulled(), f.pullMs(), "records"));
        row(out, "score", first, second, f -> seconds(f.scoreMs()) + rate(f.accountsScored(), f.scoreMs(), "accounts"));
        row(out, "plan", first, second, f -> seconds(f.planMs()) + rate(f.accountsScored(), f.planMs(), "accounts"));
        row(out, "apply", first, second, f -> seconds(f.applyMs()) + rate(f.recordsWritten(), f.applyMs(), "records"));
        row(out, "pulled", first, second, f -> String.format("%,d records", f.recordsPulled()));
        row(out, "written", first, second, f -> String.format("%,d of %,d planned, %,d failed", f.recordsWritten(),
                f.recordsPlanned(), f.recordsFailed()));
        row(out, "peak heap", first, second, f -> String.format("%,d MiB (after a collection: %,d MiB)", f.peakHeapMb(),
                f.heapAfterGcMb()));
        row(out, "API calls", first, second, f -> String.format("%,d", f.apiCallsTotal()));
        TreeSet<String> kinds = new TreeSet<>();
        for (BenchFigures f : second == null ? new BenchFigures[] {first} : new BenchFigures[] {first, second}) {
            kinds.addAll(flat(f.apiCalls()).keySet());
        }
        for (String kind : kinds) {
            row(out, "  " + kind, first, second, f -> String.format("%,d", flat(f.apiCalls()).getOrDefault(kind, 0)));
        }
        row(out, "write calls", first, second, f -> String.format("%,d, fewest possible %,d: ratio %s", f.writeCalls(),
                f.writeCallsMinimum(), f.writeCallRatio() == null ? "n/a" : String.format("%.2f", f.writeCallRatio())));
    }

    /** " (pull 1.2 s, score 0.4 s, ...)", or nothing when the stages' CPU is not known. */
    private static String byStage(Map<String, Long> cpu) {
        if (cpu.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (");
        cpu.forEach((stage, ms) -> text.append(text.length() > 2 ? ", " : "").append(stage).append(' ').append(seconds(ms)));
        return text.append(')').toString();
    }

    /** API calls as "salesforce query" -> 12, "zendesk" -> 30. */
    static Map<String, Integer> flat(Map<String, Object> calls) {
        Map<String, Integer> flat = new java.util.LinkedHashMap<>();
        calls.forEach((source, value) -> {
            if (value instanceof Map<?, ?> byKind) {
                byKind.forEach((kind, count) -> flat.put(source + " " + kind, ((Number) count).intValue()));
            } else {
                flat.put(source, ((Number) value).intValue());
            }
        });
        return flat;
    }

    private static void row(PrintStream out, String label, BenchFigures first, BenchFigures second,
                            Function<BenchFigures, String> figure) {
        row(out, label, figure.apply(first), second == null ? null : figure.apply(second));
    }

    private static void row(PrintStream out, String label, String first, String second) {
        out.println(String.format("  %-30s %-40s %s", label, first, second == null ? "" : second).stripTrailing());
    }

    private static String seconds(long ms) {
        return String.format("%.1f s", ms / 1000.0);
    }

    private static String rate(long count, long ms, String what) {
        return ms <= 0 ? "" : String.format(" (%,d %s/s)", BenchFigures.perSecond(count, ms), what);
    }
}
