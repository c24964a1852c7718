package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.routes.RunReport;
import org.junit.jupiter.api.Test;

/** The one line `run` prints per scheduled run says ok, partial or failed, and why. */
class RunSummaryTest {

    @Test
    void a_run_held_by_an_outage_reads_as_failed_with_the_reason() {
        RunReport report = new RunReport();
        report.status = "failed";
        report.sourceDown = "cannot reach Salesforce at https://acme.my.salesforce.com (Connection refused)";
        report.writesHeld = "the pull of Account did not complete";
        report.pullFailures.put("User", "TRANSIENT: Connection refused");

        String line = RunSummary.line(report);

        assertThat(line).contains(" sync failed: ").contains("nothing written")
                .contains("Salesforce: cannot reach Salesforce at https://acme.my.salesforce.com")
                .doesNotContain("scored").doesNotContain("\n");
    }

    @Test
    void a_run_held_by_an_incomplete_pull_says_which() {
        RunReport report = new RunReport();
        report.status = "failed";
        report.writesHeld = "the pull of Task did not complete";
        report.pullFailures.put("Task", "INVALID_DATA: Unexpected end-of-input");

        assertThat(RunSummary.line(report)).contains("nothing written: the pull of Task did not complete")
                .contains("Task pull: INVALID_DATA");
    }

    @Test
    void a_run_with_refused_records_reads_as_partial_with_the_counts() {
        RunReport report = new RunReport();
        report.status = "partial";
        report.accountsScored = 2000;
        report.recordsPlanned = 120;
        report.recordsWritten = 114;
        report.recordsFailed = 6;
        report.writeApiCalls = 1;

        String line = RunSummary.line(report);

        assertThat(line).contains(" sync partial: ").contains("wrote 114 of 120 planned records in 1 calls")
                .contains("6 failed (retried next run)");
    }

    @Test
    void the_json_line_is_one_line_with_the_summary_keys() throws Exception {
        RunReport report = new RunReport();
        report.status = "ok";
        report.accountsPulled = 3;

        String json = RunSummary.jsonLine(report);

        assertThat(json).doesNotContain("\n");
        assertThat(new ObjectMapper().readTree(json).path("accounts_pulled").asInt()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(json).path("status").asText()).isEqualTo("ok");
    }
}
