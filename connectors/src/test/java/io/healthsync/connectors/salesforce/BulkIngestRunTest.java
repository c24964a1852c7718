package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The conversation without Camel: which calls, in which order, with which waits, and what the answers mean. */
class BulkIngestRunTest {

    private static final String JOBS = "/services/data/v60.0/jobs/ingest";

    private static String job(String id, String state) {
        return "{\"id\":\"" + id + "\",\"state\":\"" + state + "\",\"object\":\"Account\",\"operation\":\"update\"}";
    }

    private static String completed(String id, int processed, int failed) {
        return "{\"id\":\"" + id + "\",\"state\":\"JobComplete\",\"object\":\"Account\",\"operation\":\"update\","
                + "\"numberRecordsProcessed\":" + processed + ",\"numberRecordsFailed\":" + failed + "}";
    }

    /** Answers each call with {@code server}, and lists "METHOD path (wait ms)". */
    private static List<String> drive(BulkIngestRun run, Function<BulkIngestRun.Call, String> server) {
        List<String> sent = new ArrayList<>();
        while (run.nextCall().isPresent()) {
            BulkIngestRun.Call call = run.nextCall().get();
            run.countCall();
            sent.add(call.method() + " " + call.path() + (call.waitBefore().isZero() ? "" : " (" + call.waitBefore().toMillis() + " ms)"));
            run.answer(server.apply(call));
        }
        return sent;
    }

    @Test
    void a_job_too_big_for_one_upload_is_sent_as_two_jobs_and_both_are_read_back() {
        // header "Id,Health_Score__c\n" 19 bytes + rows of 8: two rows a job within 40 bytes
        BulkIngestJob accounts = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null,
                List.of("001A", "001B", "001C"), List.of(Map.of("Health_Score__c", 10), Map.of("Health_Score__c", 20),
                Map.of("Health_Score__c", 30)));
        BulkIngestRun run = new BulkIngestRun(accounts, new BulkCsvWriter(40, 1000),
                new BulkPolling(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(30)), "60.0");
        List<String> created = new ArrayList<>(List.of("750J1", "750J2"));
        int[] polls = {0};

        List<String> sent = drive(run, call -> switch (call.step()) {
            case CREATE -> job(created.remove(0), "Open");
            case UPLOAD -> "";
            case CLOSE -> job(call.path().substring(JOBS.length() + 1), "UploadComplete");
            // J1: both records processed, none failed; J2: its one record processed, and failed
            case POLL -> ++polls[0] == 1 ? job(call.path().substring(JOBS.length() + 1), "InProgress")
                    : completed(call.path().substring(JOBS.length() + 1), call.path().endsWith("750J1") ? 2 : 1,
                    call.path().endsWith("750J1") ? 0 : 1);
            case SUCCESSFUL_RESULTS -> call.path().contains("750J1")
                    ? "\"sf__Id\",\"sf__Created\",Id,Health_Score__c\n\"001B\",\"false\",\"001B\",\"20\"\n\"001A\",\"false\",\"001A\",\"10\"\n"
                    : "\"sf__Id\",\"sf__Created\",Id,Health_Score__c\n";
            case FAILED_RESULTS -> call.path().contains("750J2")
                    ? "\"sf__Id\",\"sf__Error\",Id,Health_Score__c\n\"001C\",\"INSUFFICIENT_ACCESS_OR_READONLY:no access:--\",\"001C\",\"30\"\n"
                    : "\"sf__Id\",\"sf__Error\",Id,Health_Score__c\n";
            case UNPROCESSED_RECORDS -> "Id,Health_Score__c\n";
        });

        assertThat(sent).containsExactly(
                "POST " + JOBS, "PUT " + JOBS + "/750J1/batches", "PATCH " + JOBS + "/750J1",
                "POST " + JOBS, "PUT " + JOBS + "/750J2/batches", "PATCH " + JOBS + "/750J2",
                "GET " + JOBS + "/750J1 (5000 ms)", "GET " + JOBS + "/750J1 (10000 ms)",
                // no failed record in J1, every record processed in both: those results files are not read
                "GET " + JOBS + "/750J1/successfulResults/",
                "GET " + JOBS + "/750J2 (5000 ms)",
                "GET " + JOBS + "/750J2/successfulResults/", "GET " + JOBS + "/750J2/failedResults/");
        BulkIngestOutcome outcome = run.outcome();
        assertThat(outcome.jobIds()).containsExactly("750J1", "750J2");
        assertThat(outcome.state()).isEqualTo("JobComplete");
        assertThat(outcome.apiCalls()).isEqualTo(12);
        assertThat(outcome.results()).containsExactly(WriteResult.ok("001A"), WriteResult.ok("001B"),
                WriteResult.failed("001C", "INSUFFICIENT_ACCESS_OR_READONLY", "no access"));
    }

    @Test
    void polling_backs_off_to_the_max_interval_and_stops_at_the_max_wait() {
        BulkIngestJob accounts = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null,
                List.of("001A"), List.of(Map.of("Health_Score__c", 10)));
        BulkIngestRun run = new BulkIngestRun(accounts, new BulkCsvWriter(),
                new BulkPolling(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(40)), "60.0");

        List<String> sent = drive(run, call -> call.step() == BulkIngestRun.Step.UPLOAD ? "" : job("750J1", "InProgress"));

        // 2 + 4 + 8 + 10 + 10 = 34 s, then the 6 s left
        assertThat(sent.subList(3, sent.size())).containsExactly("GET " + JOBS + "/750J1 (2000 ms)",
                "GET " + JOBS + "/750J1 (4000 ms)", "GET " + JOBS + "/750J1 (8000 ms)", "GET " + JOBS + "/750J1 (10000 ms)",
                "GET " + JOBS + "/750J1 (10000 ms)", "GET " + JOBS + "/750J1 (6000 ms)");
        assertThat(run.outcome().results()).singleElement().extracting(WriteResult::errorCode)
                .isEqualTo(BulkIngestRun.BULK_JOB_TIMEOUT);
    }
}
