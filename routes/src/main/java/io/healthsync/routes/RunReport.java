package io.healthsync.routes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run did, filled in stage by stage. Its JSON form is the machine-readable summary of
 * {@code demo --json} and {@code sync --json}; field names are snake_case and stable.
 */
public final class RunReport {

    /** ok: everything done; partial: done, but records failed to write or a source stopped early; failed: nothing written. */
    @JsonProperty("status") public String status;
    @JsonProperty("accounts_pulled") public int accountsPulled;
    @JsonProperty("records_deleted") public int recordsDeleted;
    /** Accounts pulled only because healthsync wrote them (nothing else changed on them). */
    @JsonProperty("accounts_echoed") public int accountsEchoed;
    /** The playbooks' own Tasks and Opportunities read back by the pull: not counted as activities or pipeline. */
    @JsonProperty("playbook_records_read_back") public int playbookRecordsReadBack;
    @JsonProperty("activities_pulled") public int activitiesPulled;
    @JsonProperty("opportunities_pulled") public int opportunitiesPulled;
    @JsonProperty("users_pulled") public int usersPulled;
    @JsonProperty("pages_pulled") public int pagesPulled;
    @JsonProperty("pull_failures") public Map<String, String> pullFailures = new LinkedHashMap<>();
    @JsonProperty("api_limit_reached") public boolean apiLimitReached;
    /** Salesforce could not be reached or refused the login (after retries), or null. */
    @JsonProperty("source_down") public String sourceDown;
    @JsonProperty("accounts_scored") public int accountsScored;
    /** Scores that differ from the ones stored before and were written; the rest were left as they were. */
    @JsonProperty("scores_changed") public int scoresChanged;
    /**
     * Accounts whose histories scoring read from the store: every account on a day's first run; on its later runs only
     * those whose data changed since (the others' signals are the day's snapshot's).
     */
    @JsonProperty("histories_read") public int historiesRead;
    @JsonProperty("bands") public Map<String, Integer> bands = new LinkedHashMap<>();
    @JsonProperty("plan_id") public String planId;
    @JsonProperty("records_planned") public int recordsPlanned;
    @JsonProperty("fields_changed") public int fieldsChanged;
    @JsonProperty("records_written") public int recordsWritten;
    @JsonProperty("records_failed") public int recordsFailed;
    @JsonProperty("write_failures") public Map<String, String> writeFailures = new LinkedHashMap<>();
    /** Playbooks: Tasks and Opportunities planned, created, matched instead of doubled; held out; logged only. */
    @JsonProperty("tasks_planned") public int tasksPlanned;
    @JsonProperty("opportunities_planned") public int opportunitiesPlanned;
    @JsonProperty("tasks_created") public int tasksCreated;
    @JsonProperty("opportunities_created") public int opportunitiesCreated;
    @JsonProperty("duplicates_avoided") public int duplicatesAvoided;
    @JsonProperty("held_out") public int heldOut;
    @JsonProperty("actions_logged") public int actionsLogged;
    @JsonProperty("actions_suppressed") public int actionsSuppressed;
    @JsonProperty("bulk_jobs") public int bulkJobs;
    /** Tasks and Opportunities Salesforce refused (key -> error), retried or reported on the next run. */
    @JsonProperty("playbook_write_failures") public Map<String, String> playbookWriteFailures = new LinkedHashMap<>();
    @JsonProperty("write_api_calls") public int writeApiCalls;
    @JsonProperty("write_api_calls_minimum") public int writeApiCallsMinimum;
    /**
     * The fewest write requests the plan needed, a Bulk API 2.0 job counting once (however many calls it
     * takes): ceil(records / 200) per kind of record sent by sObject Collections, plus one per bulk job.
     */
    @JsonProperty("write_batches_minimum") public int writeBatchesMinimum;
    @JsonProperty("api_calls_total") public int apiCallsTotal;
    @JsonProperty("api_calls_by_operation") public Map<String, Integer> apiCallsByOperation = new LinkedHashMap<>();
    @JsonProperty("api_usage") public String apiUsage;
    @JsonProperty("quarantined") public int quarantined;
    @JsonProperty("quarantined_total") public int quarantinedTotal;
    @JsonProperty("unknown_activity_labels") public Map<String, Integer> unknownActivityLabels = new LinkedHashMap<>();
    @JsonProperty("problems") public List<String> problems = new ArrayList<>();
    @JsonProperty("dry_run") public boolean dryRun;
    /** Why nothing was planned or written this run (an incomplete pull), or null. */
    @JsonProperty("writes_held") public String writesHeld;
    @JsonProperty("partial_allowed") public boolean partialAllowed;
    /** Why apply stopped before the plan's last batch (API limit, a configuration error), or null. */
    @JsonProperty("writes_stopped") public String writesStopped;
    /** The store this run used ("H2 ./data/healthsync" or the JDBC URL without credentials). */
    @JsonProperty("store") public String store;
    /** The store held nothing at the start: everything was pulled from scratch. */
    @JsonProperty("store_was_empty") public boolean storeWasEmpty;
    @JsonProperty("elapsed_ms") public long elapsedMs;
    /** Wall time of each stage: the pulls of every source, scoring, planning, applying; 0 for a stage not run. */
    @JsonProperty("pull_ms") public long pullMs;
    @JsonProperty("score_ms") public long scoreMs;
    @JsonProperty("plan_ms") public long planMs;
    @JsonProperty("apply_ms") public long applyMs;
    /**
     * Per source (salesforce, and each enabled HTTP source): pages, records, retries, quarantined, unmatched
     * and state (ok, failed, open-breaker) of this run's pull of it.
     */
    @JsonProperty("sources") public Map<String, SourceSummary> sources = new LinkedHashMap<>();
    /** What scored the accounts: the scorecard's version, or the promoted churn model's id. */
    @JsonProperty("scored_by") public String scoredBy;
    /** Signals no account has data for (a source not connected), left out of every score, or null. */
    @JsonProperty("signals_left_out") public String signalsLeftOut;
    /** Accounts whose scores were not written because a source they have data from did not complete its pull. */
    @JsonProperty("accounts_held") public int accountsHeld;

    /** One source's pull in this run. */
    public record SourceSummary(
            @JsonProperty("pages") int pages,
            @JsonProperty("records") int records,
            @JsonProperty("retries") int retries,
            @JsonProperty("quarantined") int quarantined,
            @JsonProperty("unmatched") int unmatched,
            @JsonProperty("state") String state,
            @JsonProperty("message") String message) {

        static SourceSummary of(io.healthsync.connectors.source.SourcePullReport r) {
            return new SourceSummary(r.pages, r.records, r.retries, r.quarantined, r.unmatched, r.state, r.message);
        }
    }

    @JsonIgnore long startedNanos;
    @JsonIgnore long lapStartedNanos;

    @JsonIgnore long lapStartedCpuMs = ProcessCpu.millis();
    /**
     * CPU milliseconds the process used per stage (pull, score, plan, apply), all its threads; beside the stage's
     * wall time it tells the app's own work from its waiting on the APIs. Empty when the JVM does not say.
     */
    @JsonIgnore public final Map<String, Long> stageCpuMs = new LinkedHashMap<>();

    @JsonIgnore JvmThreadsCpu.Snapshot lapStartedJvmCpu = JvmThreadsCpu.read();
    /**
     * Of that CPU, what the JVM's JIT compiler and collector threads used per stage (Linux only: empty elsewhere):
     * on two cores their work is CPU the pipeline's own threads do not get.
     */
    @JsonIgnore public final Map<String, JvmThreadsCpu.Snapshot> stageJvmCpu = new LinkedHashMap<>();

    /**
     * When each stage ran, as {@link System#nanoTime} at its start and end: what another process did meanwhile (the
     * bench's sandbox) can be told stage by stage.
     */
    @JsonIgnore public final Map<String, long[]> stageNanos = new LinkedHashMap<>();

    /** Milliseconds since the last stage ended (or the run started), and the CPU it took; the next stage starts now. */
    long lap(String stage) {
        long now = System.nanoTime();
        long started = lapStartedNanos == 0 ? startedNanos : lapStartedNanos;
        long ms = (now - started) / 1_000_000;
        stageNanos.put(stage, new long[] {started, now});
        lapStartedNanos = now;
        long cpu = ProcessCpu.millis();
        if (cpu >= 0 && lapStartedCpuMs >= 0) {
            stageCpuMs.put(stage, cpu - lapStartedCpuMs);
        }
        lapStartedCpuMs = cpu;
        JvmThreadsCpu.Snapshot jvm = JvmThreadsCpu.read();
        if (jvm != null && lapStartedJvmCpu != null) {
            stageJvmCpu.put(stage, jvm.since(lapStartedJvmCpu));
        }
        lapStartedJvmCpu = jvm;
        return ms;
    }
    @JsonIgnore java.time.Instant startedAt = java.time.Instant.now();
    @JsonIgnore int pendingBeforeApply;
    @JsonIgnore int minimumWriteCalls;
    @JsonIgnore int writtenBeforeApply;

    /** What the run planned: the plan's id, records, fields and problems. */
    void recordPlan(io.healthsync.writeback.WritebackPlan plan) {
        planId = plan.id();
        recordsPlanned = plan.writes().size();
        fieldsChanged = plan.fieldsChanged();
        problems.addAll(plan.problems());
        for (var action : plan.actions()) {
            if (action.heldOut()) {
                heldOut++;
            } else if (action.kind() == io.healthsync.mappings.PlaybooksConfig.ActionKind.OPPORTUNITY) {
                opportunitiesPlanned++;
            } else if (action.kind() != io.healthsync.mappings.PlaybooksConfig.ActionKind.LOG_ONLY) {
                tasksPlanned++;
            }
        }
        actionsSuppressed = plan.skipped().size();
    }

    String decideStatus() {
        if (writesHeld != null) {
            return "failed";
        }
        boolean sourceFailed = sources.values().stream().anyMatch(source -> !"ok".equals(source.state()));
        if (!pullFailures.isEmpty() || apiLimitReached || recordsFailed > 0 || !playbookWriteFailures.isEmpty()
                || writesStopped != null || sourceFailed
                || accountsHeld > 0) {
            return "partial";
        }
        return "ok";
    }
}
