package io.healthsync.cli;

import io.healthsync.routes.ApiUsage;
import io.healthsync.routes.JvmThreadsCpu;
import io.healthsync.routes.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured run cost: wall time per stage, records per second, peak heap, API calls by kind and
 * the write-call ratio. Write calls are sObject Collections write calls plus Bulk API 2.0 jobs (a job's
 * create, upload, close, poll and results calls are listed under api_calls, but the job counts once), over
 * the fewest the plan needed: ceil(records / 200) per kind sent by collections, one per bulk job. A plan
 * written without retries or split batches scores exactly 1.00.
 */
record BenchFigures(long totalMs, long pullMs, long scoreMs, long planMs, long applyMs, long recordsPulled,
                    int accountsScored, int historiesRead, int recordsPlanned, int recordsWritten, int recordsFailed, long peakHeapMb,
                    long heapAfterGcMb, long cpuMs, Map<String, Long> stageCpuMs,
                    Map<String, Object> apiCalls, int apiCallsTotal, int writeCalls, int writeCallsMinimum,
                    String status, String planId, long sandboxCpuMs, Map<String, Long> sandboxStageCpuMs,
                    Map<String, JvmThreadsCpu.Snapshot> stageJvmCpu) {

    /**
     * @param peakHeapMb    the most heap in use at one time, garbage included (see {@link HeapPeak#megabytes})
     * @param heapAfterGcMb the most heap left in use after a collection (see {@link HeapPeak#afterGcMegabytes})
     * @param cpuMs         CPU time the app used during the run (-1: not known)
     */
    static BenchFigures of(RunReport report, long peakHeapMb, long heapAfterGcMb, long cpuMs) {
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("salesforce", new LinkedHashMap<>(report.apiCallsByOperation));
        int total = report.apiCallsTotal;
        for (Map.Entry<String, RunReport.SourceSummary> source : report.sources.entrySet()) {
            if (!source.getKey().equals("salesforce")) {
                // a source's calls: one per page, plus the retries it took to get them
                int sourceCalls = source.getValue().pages() + source.getValue().retries();
                calls.put(source.getKey(), sourceCalls);
                total += sourceCalls;
            }
        }
        long pulled = report.sources.values().stream().mapToLong(RunReport.SourceSummary::records).sum();
        int writeCalls = report.apiCallsByOperation.getOrDefault(ApiUsage.WRITE_OPERATION, 0)
                + report.apiCallsByOperation.getOrDefault(ApiUsage.UPSERT_OPERATION, 0) + report.bulkJobs;
        return new BenchFigures(report.elapsedMs, report.pullMs, report.scoreMs, report.planMs, report.applyMs, pulled,
                report.accountsScored, report.historiesRead, report.recordsPlanned, report.recordsWritten, report.recordsFailed, peakHeapMb,
                heapAfterGcMb, cpuMs, new LinkedHashMap<>(report.stageCpuMs), calls, total, writeCalls,
                report.writeBatchesMinimum, report.status, report.planId, -1, Map.of(),
                new LinkedHashMap<>(report.stageJvmCpu));
    }

    /**
     * These figures with the CPU the sandbox process used during the run ({@code sandboxMs}, -1: not known) and in
     * each stage: beside a stage's wall time and the app's CPU, it tells the stand-in API's work from the app's.
     */
    BenchFigures withSandboxCpu(long sandboxMs, Map<String, Long> byStage) {
        return new BenchFigures(totalMs, pullMs, scoreMs, planMs, applyMs, recordsPulled, accountsScored, historiesRead,
                recordsPlanned, recordsWritten, recordsFailed, peakHeapMb, heapAfterGcMb, cpuMs, stageCpuMs, apiCalls,
                apiCallsTotal, writeCalls, writeCallsMinimum, status, planId, sandboxMs, new LinkedHashMap<>(byStage),
                stageJvmCpu);
    }

    /** The JIT compiler threads' CPU over the run's stages, or -1 when not known. */
    long jitCpuMs() {
        return stageJvmCpu.isEmpty() ? -1 : stageJvmCpu.values().stream().mapToLong(JvmThreadsCpu.Snapshot::compilerMs).sum();
    }

    /** The collector threads' CPU over the run's stages, or -1 when not known. */
    long gcCpuMs() {
        return stageJvmCpu.isEmpty() ? -1 : stageJvmCpu.values().stream().mapToLong(JvmThreadsCpu.Snapshot::collectorMs).sum();
    }

    /** Write calls over the fewest needed, to two decimals; 1.00 when nothing needed writing and nothing was; null when calls were made that no plan needed. */
    Double writeCallRatio() {
        if (writeCallsMinimum == 0) {
            return writeCalls == 0 ? 1.0 : null;
        }
        return Math.round(100.0 * writeCalls / writeCallsMinimum) / 100.0;
    }

    /** Records (or accounts) a second, from a count and the milliseconds it took; 0 for no time. */
    static long perSecond(long count, long ms) {
        return ms <= 0 ? 0 : Math.round(count * 1000.0 / ms);
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("total_ms", totalMs);
        json.put("pull_ms", pullMs);
        json.put("score_ms", scoreMs);
        json.put("plan_ms", planMs);
        json.put("apply_ms", applyMs);
        json.put("app_cpu_ms", cpuMs);
        // the app's CPU per stage, all its threads: beside a stage's wall time, how much of it the app kept busy
        json.put("app_cpu_ms_by_stage", stageCpuMs);
        // of it, the JVM's JIT compiler and collector threads (-1 and {} where the threads' CPU is not known): in a
        // fresh JVM's first run they are a large part of it, CPU the pipeline's own threads do not get on two cores
        json.put("app_jit_cpu_ms", jitCpuMs());
        json.put("app_gc_cpu_ms", gcCpuMs());
        Map<String, Map<String, Long>> jvmByStage = new LinkedHashMap<>();
        stageJvmCpu.forEach((stage, jvm) -> jvmByStage.put(stage, Map.of("jit", jvm.compilerMs(), "gc", jvm.collectorMs())));
        json.put("app_jvm_cpu_ms_by_stage", jvmByStage);
        // the sandbox's CPU (its own process) per stage: the part of a stage's wall time that was the API's work
        json.put("sandbox_cpu_ms", sandboxCpuMs);
        json.put("sandbox_cpu_ms_by_stage", sandboxStageCpuMs);
        json.put("records_pulled", recordsPulled);
        json.put("accounts_scored", accountsScored);
        json.put("histories_read", historiesRead);
        json.put("records_planned", recordsPlanned);
        json.put("records_written", recordsWritten);
        json.put("records_failed", recordsFailed);
        Map<String, Long> rates = new LinkedHashMap<>();
        rates.put("pull", perSecond(recordsPulled, pullMs));
        rates.put("score", perSecond(accountsScored, scoreMs));
        rates.put("plan", perSecond(accountsScored, planMs));
        rates.put("apply", perSecond(recordsWritten, applyMs));
        json.put("records_per_second", rates);
        json.put("peak_heap_mb", peakHeapMb);
        json.put("peak_heap_after_gc_mb", heapAfterGcMb);
        json.put("api_calls", apiCalls);
        json.put("api_calls_total", apiCallsTotal);
        json.put("write_calls", writeCalls);
        json.put("write_calls_minimum", writeCallsMinimum);
        json.put("write_call_ratio", writeCallRatio());
        json.put("plan_id", planId);
        return json;
    }
}
