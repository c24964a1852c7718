package io.healthsync.routes;

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

    @JsonProperty("accounts_pulled") public int accountsPulled;
    @JsonProperty("activities_pulled") public int activitiesPulled;
    @JsonProperty("opportunities_pulled") public int opportunitiesPulled;
    @JsonProperty("users_pulled") public int usersPulled;
    @JsonProperty("pages_pulled") public int pagesPulled;
    @JsonProperty("pull_failures") public Map<String, String> pullFailures = new LinkedHashMap<>();
    @JsonProperty("api_limit_reached") public boolean apiLimitReached;
    @JsonProperty("accounts_scored") public int accountsScored;
    @JsonProperty("bands") public Map<String, Integer> bands = new LinkedHashMap<>();
    @JsonProperty("plan_id") public String planId;
    @JsonProperty("records_planned") public int recordsPlanned;
    @JsonProperty("fields_changed") public int fieldsChanged;
    @JsonProperty("records_written") public int recordsWritten;
    @JsonProperty("records_failed") public int recordsFailed;
    @JsonProperty("write_failures") public Map<String, String> writeFailures = new LinkedHashMap<>();
    @JsonProperty("write_api_calls") public int writeApiCalls;
    @JsonProperty("write_api_calls_minimum") public int writeApiCallsMinimum;
    @JsonProperty("api_calls_total") public int apiCallsTotal;
    @JsonProperty("api_calls_by_operation") public Map<String, Integer> apiCallsByOperation = new LinkedHashMap<>();
    @JsonProperty("api_usage") public String apiUsage;
    @JsonProperty("quarantined") public int quarantined;
    @JsonProperty("quarantined_total") public int quarantinedTotal;
    @JsonProperty("unknown_activity_labels") public Map<String, Integer> unknownActivityLabels = new LinkedHashMap<>();
    @JsonProperty("problems") public List<String> problems = new ArrayList<>();
    @JsonProperty("dry_run") public boolean dryRun;
    @JsonProperty("elapsed_ms") public long elapsedMs;
}
