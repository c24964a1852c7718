package io.healthsync.routes;

import io.healthsync.store.Store;
import java.util.Map;

/**
 * Opens and closes the books of one run, whoever started it (a command or the Quartz schedule): API calls
 * and the budget are counted from zero at its start, and its report gets the apply results, the calls it
 * made and what the store holds at its end.
 */
final class RunAccounting {

    private final ApiUsage apiUsage;
    private final Store store;

    private final WritebackService writeback;

    RunAccounting(ApiUsage apiUsage, Store store, WritebackService writeback) {
        this.apiUsage = apiUsage;
        this.store = store;
        this.writeback = writeback;
    }

    RunReport start() {
        apiUsage.startRun();
        RunReport report = new RunReport();
        report.startedNanos = System.nanoTime();
        report.store = store.describe();
        report.storeWasEmpty = store.isEmpty();
        return report;
    }

    /**
     * Before apply: what the plan still had to write (the fewest calls are ceil(pending / batch size)). Returns
     * those writes in their batches, for the apply to send: nothing is written in between.
     */
    java.util.List<WritebackService.WriteBatch> beforeApply(RunReport report, String planId) {
        return beforeApply(report, planId, null);
    }

    /**
     * As {@link #beforeApply(RunReport, String)}, with the writes of the plan this run just saved ({@code planned},
     * all of them in plan order; null: none at hand), used instead of reading them back when none is written yet.
     */
    java.util.List<WritebackService.WriteBatch> beforeApply(RunReport report, String planId,
                                                            java.util.List<io.healthsync.writeback.PlannedWrite> planned) {
        // the plan's pending rows read once (at 100,000 accounts each read parses 100,000 JSON rows)
        java.util.List<WritebackService.WriteBatch> batches = writeback.pendingBatches(planId, planned);
        report.pendingBeforeApply = batches.stream().mapToInt(b -> b.writes().size()).sum();
        report.minimumWriteCalls = batches.stream()
                .mapToInt(b -> b.bulk() ? WritebackService.BULK_JOB_MINIMUM_CALLS : 1).sum();
        report.writeBatchesMinimum = batches.size();
        report.writtenBeforeApply = store.outboxCounts(planId).getOrDefault("written", 0);
        return batches;
    }

    void afterApply(RunReport report, String planId) {
        Map<String, Integer> counts = store.outboxCounts(planId);
        // a re-applied plan reports what this run wrote, not what earlier runs did
        report.recordsWritten = counts.getOrDefault("written", 0) - report.writtenBeforeApply;
        report.recordsFailed = counts.getOrDefault("failed", 0);
        report.writeFailures = store.failedWrites(planId);
        report.playbookWriteFailures = store.failedWrites(planId, true);
        report.writeApiCalls = apiUsage.writes();
        report.writeApiCallsMinimum = report.minimumWriteCalls;
        WritebackService.ApplyTally tally = writeback.tally();
        report.tasksCreated = tally.tasksCreated;
        report.opportunitiesCreated = tally.opportunitiesCreated;
        report.duplicatesAvoided = tally.duplicatesAvoided;
        report.bulkJobs = tally.bulkJobs;
        report.actionsLogged = tally.actionsLogged;
    }

    void finish(RunReport report) {
        report.apiCallsTotal = apiUsage.total();
        report.apiCallsByOperation = apiUsage.byOperation();
        report.apiUsage = apiUsage.lastLimitInfo();
        report.quarantinedTotal = store.quarantinedCount();
        report.elapsedMs = (System.nanoTime() - report.startedNanos) / 1_000_000;
        report.status = report.decideStatus();
    }
}
