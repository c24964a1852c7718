package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calls of one Bulk API 2.0 query job, without I/O: what is sent, how long it waits, what ends it. */
class BulkQueryRunTest {

    private static final String JOBS = "/services/data/v60.0/jobs/query";
    private static final String ID = "7505e000000AbCdAAA";
    private static final BulkQueryOptions OPTIONS = new BulkQueryOptions(50_000, 1000,
            new BulkPolling(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10)));

    private static String job(String state) {
        return "{\"id\":\"" + ID + "\",\"operation\":\"queryAll\",\"object\":\"Task\",\"state\":\"" + state + "\","
                + "\"jobType\":\"V2Query\",\"numberRecordsProcessed\":" + ("JobComplete".equals(state) ? 2500 : 0) + "}";
    }

    private static BulkQueryRun.Call answer(BulkQueryRun run, String body) {
        BulkQueryRun.Call call = run.nextCall().orElseThrow();
        run.countCall();
        run.answer(body, null);
        return call;
    }

    @Test
    void creates_the_job_polls_with_backoff_and_reads_every_results_page_by_its_locator() {
        BulkQueryRun run = new BulkQueryRun("Task", "SELECT Id, SystemModstamp FROM Task", true, OPTIONS, "60.0");
        List<BulkQueryRun.Call> calls = new ArrayList<>();

        calls.add(answer(run, job("UploadComplete")));
        calls.add(answer(run, job("InProgress")));
        calls.add(answer(run, job("InProgress")));
        calls.add(answer(run, job("JobComplete")));
        List<BulkQueryRun.ResultsPage> pages = new ArrayList<>();
        for (String locator : new String[] {"MTAwMA==", "MjAwMA", "null"}) {
            calls.add(run.nextCall().orElseThrow());
            run.countCall();
            pages.add(run.answer("\"Id\"\n\"00T" + pages.size() + "\"\n", locator).orElseThrow());
        }

        assertThat(calls).extracting(BulkQueryRun.Call::method).containsExactly("POST", "GET", "GET", "GET", "GET", "GET", "GET");
        assertThat(calls.get(0).path()).isEqualTo(JOBS);
        assertThat(calls.get(0).body()).isEqualTo("{\"operation\":\"queryAll\",\"query\":\"SELECT Id, SystemModstamp FROM Task\","
                + "\"contentType\":\"CSV\",\"columnDelimiter\":\"COMMA\",\"lineEnding\":\"LF\"}");
        assertThat(calls.subList(1, 4)).extracting(BulkQueryRun.Call::path).containsOnly(JOBS + "/" + ID);
        // 1 s, then doubled, then capped at the 3 s maximum interval
        assertThat(calls.subList(0, 4)).extracting(BulkQueryRun.Call::waitBefore)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        assertThat(calls.subList(4, 7)).extracting(BulkQueryRun.Call::path).containsExactly(
                JOBS + "/" + ID + "/results?maxRecords=1000",
                JOBS + "/" + ID + "/results?maxRecords=1000&locator=MTAwMA%3D%3D",
                JOBS + "/" + ID + "/results?maxRecords=1000&locator=MjAwMA");
        assertThat(pages).extracting(BulkQueryRun.ResultsPage::last).containsExactly(false, false, true);
        assertThat(pages).extracting(BulkQueryRun.ResultsPage::number).containsExactly(1, 2, 3);
        assertThat(run.nextCall()).isEmpty();
        assertThat(run.failure()).isEmpty();
        assertThat(run.calls()).isEqualTo(7);
        assertThat(run.recordsProcessed()).isEqualTo(2500);
    }

    @Test
    void a_failed_job_ends_the_run_with_the_object_the_job_id_and_salesforces_error_and_reads_no_results() {
        BulkQueryRun run = new BulkQueryRun("Task", "SELECT Id FROM Task", false, OPTIONS, "60.0");
        answer(run, job("UploadComplete"));

        answer(run, "{\"id\":\"" + ID + "\",\"state\":\"Failed\",\"errorMessage\":\"InternalServerError : query timed out\"}");

        assertThat(run.nextCall()).isEmpty();
        assertThat(run.failure()).contains("Bulk API query job " + ID + " for Task ended Failed: InternalServerError : "
                + "query timed out");
    }

    @Test
    void an_aborted_job_ends_the_run_too() {
        BulkQueryRun run = new BulkQueryRun("Account", "SELECT Id FROM Account", false, OPTIONS, "60.0");
        answer(run, job("UploadComplete"));

        answer(run, job("Aborted"));

        assertThat(run.nextCall()).isEmpty();
        assertThat(run.failure()).contains("Bulk API query job " + ID + " for Account ended Aborted");
    }

    @Test
    void polling_gives_up_once_the_wait_budget_is_spent() {
        BulkQueryRun run = new BulkQueryRun("Task", "SELECT Id FROM Task", false, OPTIONS, "60.0");
        answer(run, job("UploadComplete"));
        List<Duration> waits = new ArrayList<>();
        while (run.nextCall().isPresent()) {
            waits.add(answer(run, job("InProgress")).waitBefore());
        }

        // 1 + 2 + 3 + 3 = 9 s, then the 1 s left of the 10 s budget, then no more
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(run.failure()).contains("Bulk API query job " + ID + " for Task was still InProgress after 10 s of "
                + "polling; it may finish in Salesforce, but its results are not read");
    }

    @Test
    void the_greatest_cursor_of_unordered_records_breaks_timestamp_ties_by_id() {
        var records = BulkQueryRecords.parse("\"Id\",\"SystemModstamp\"\n"
                + "\"00T000000000005AAA\",\"2026-11-01T10:00:00.000Z\"\n"
                + "\"00T000000000009AAA\",\"2026-11-02T10:00:00.000Z\"\n"
                + "\"00T000000000007AAA\",\"2026-11-02T10:00:00.000Z\"\n"
                + "\"00T000000000001AAA\",\"not a date\"\n", "page");

        SalesforceCursor greatest = BulkQueryBackfill.greatest(null, records);
        SalesforceCursor kept = BulkQueryBackfill.greatest(new SalesforceCursor(
                java.time.Instant.parse("2026-11-03T00:00:00Z"), "00T000000000002AAA"), records);

        assertThat(greatest).isEqualTo(new SalesforceCursor(java.time.Instant.parse("2026-11-02T10:00:00Z"),
                "00T000000000009AAA"));
        assertThat(kept.lastId()).isEqualTo("00T000000000002AAA");
    }
}
