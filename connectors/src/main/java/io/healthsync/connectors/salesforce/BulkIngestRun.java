package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Bulk API 2.0 calls one {@link BulkIngestJob} takes, in order, and what their answers mean. For each
 * upload (the job's CSV may need several): create a job, upload its CSV, close it (UploadComplete). Then, job
 * by job: poll its state with backoff until Salesforce is done, and read its successful, failed and
 * unprocessed records. The caller makes each {@link Call} (through camel-salesforce, which owns login and
 * the session) and hands back the answer; nothing here does I/O, so the whole conversation is unit-testable.
 */
public final class BulkIngestRun {

    /** Every row of a job that ended Failed or Aborted. */
    public static final String BULK_JOB_FAILED = "BULK_JOB_FAILED";
    /** Every row of a job still running when polling gave up; it may finish yet, and is sent again next run. */
    public static final String BULK_JOB_TIMEOUT = "BULK_JOB_TIMEOUT";

    static final String JSON_TYPE = "application/json";
    static final String CSV_TYPE = "text/csv";

    /** One HTTP call to make, after waiting {@code waitBefore}; {@code body} is null for a GET. */
    public record Call(Step step, String method, String path, String contentType, String accept, String body,
                       Duration waitBefore) {
    }

    /** The calls of a Bulk API 2.0 ingest, in the order one job takes them. */
    public enum Step { CREATE, UPLOAD, CLOSE, POLL, SUCCESSFUL_RESULTS, FAILED_RESULTS, UNPROCESSED_RECORDS }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BulkIngestJob job;
    private final List<BulkCsvWriter.Chunk> chunks;
    private final String jobsPath;
    private final BulkIngestResults results;
    private final List<String> jobIds = new ArrayList<>();
    private final List<String> states = new ArrayList<>();

    private boolean submitting = true;
    private int chunk;
    private Step step = Step.CREATE;
    private Call pending;
    private final BulkPolling.Backoff backoff;
    private int calls;

    /** @param apiVersion Salesforce's REST API version, e.g. {@code 60.0} */
    public BulkIngestRun(BulkIngestJob job, BulkCsvWriter writer, BulkPolling polling, String apiVersion) {
        this.job = job;
        this.chunks = writer.write(job);
        this.backoff = polling.start();
        this.jobsPath = "/services/data/v" + apiVersion + "/jobs/ingest";
        this.results = new BulkIngestResults(job);
    }

    /** The last status polled of the job under way: its counts decide which results files are read. */
    private BulkJobStatus completed;

    /** The call to make next (the same one until {@link #answer} is given), or empty when the ingest is done. */
    public Optional<Call> nextCall() {
        if (pending == null && step != null) {
            pending = call(step);
        }
        return Optional.ofNullable(pending);
    }

    /** Counts one request sent to Salesforce (a retry of a call is another request). */
    public void countCall() {
        calls++;
    }

    /** Salesforce's answer (the response body) to the call {@link #nextCall} gave. */
    public void answer(String body) {
        if (pending == null) {
            throw new IllegalStateException("no call is waiting for an answer");
        }
        Step answered = pending.step();
        pending = null;
        switch (answered) {
            case CREATE -> {
                BulkJobStatus created = BulkJobStatus.parse(body);
                jobIds.add(created.id());
                states.add(created.state());
                step = Step.UPLOAD;
            }
            case UPLOAD -> step = Step.CLOSE;
            case CLOSE -> {
                states.set(chunk, BulkJobStatus.parse(body).state());
                chunk++;
                if (chunk == chunks.size()) {
                    submitting = false;
                    chunk = 0;
                    step = Step.POLL;
                } else {
                    step = Step.CREATE;
                }
            }
            case POLL -> polled(BulkJobStatus.parse(body));
            case SUCCESSFUL_RESULTS -> {
                results.readSuccessful(body);
                afterSuccessful();
            }
            case FAILED_RESULTS -> {
                results.readFailed(body);
                afterFailed();
            }
            case UNPROCESSED_RECORDS -> {
                results.readUnprocessed(body);
                nextJob();
            }
        }
    }

    /**
     * The job's own counts say which results files can hold anything: a job with no failed record needs no
     * failedResults call, one that processed every record no unprocessedrecords call (two calls saved a job).
     */
    private void afterSuccessful() {
        if (completed.recordsFailed() > 0) {
            step = Step.FAILED_RESULTS;
        } else {
            afterFailed();
        }
    }

    private void afterFailed() {
        if (completed.recordsProcessed() < chunks.get(chunk).keys().size()) {
            step = Step.UNPROCESSED_RECORDS;
        } else {
            nextJob();
        }
    }

    private void polled(BulkJobStatus status) {
        states.set(chunk, status.state());
        completed = status;
        if (BulkJobStatus.JOB_COMPLETE.equals(status.state())) {
            step = Step.SUCCESSFUL_RESULTS;
        } else if (status.finished()) {
            // Salesforce's guide: a Failed job's records are not all processed; update and upsert make re-sending harmless
            results.failWithoutResult(chunks.get(chunk).keys(), BULK_JOB_FAILED, "Bulk API job " + status.id() + " ended "
                    + status.state() + (status.errorMessage() == null ? "" : ": " + status.errorMessage()));
            nextJob();
        } else if (backoff.exhausted()) {
            results.failWithoutResult(chunks.get(chunk).keys(), BULK_JOB_TIMEOUT, "Bulk API job " + status.id()
                    + " was still " + status.state() + " after " + backoff.waited().toMillis() + " ms of polling; it may still "
                    + "finish in Salesforce, and its records are sent again on the next run");
            nextJob();
        } else {
            backoff.grow();
        }
    }

    private void nextJob() {
        chunk++;
        backoff.restart();
        step = chunk < chunks.size() ? Step.POLL : null;
    }

    private Call call(Step next) {
        String jobId = submitting || chunk >= jobIds.size() ? null : jobIds.get(chunk);
        return switch (next) {
            case CREATE -> new Call(next, "POST", jobsPath, JSON_TYPE, JSON_TYPE, createRequest(), Duration.ZERO);
            case UPLOAD -> new Call(next, "PUT", jobsPath + "/" + jobIds.get(chunk) + "/batches", CSV_TYPE, JSON_TYPE,
                    chunks.get(chunk).csv(), Duration.ZERO);
            case CLOSE -> new Call(next, "PATCH", jobsPath + "/" + jobIds.get(chunk), JSON_TYPE, JSON_TYPE,
                    "{\"state\":\"UploadComplete\"}", Duration.ZERO);
            case POLL -> new Call(next, "GET", jobsPath + "/" + jobId, JSON_TYPE, JSON_TYPE, null, backoff.nextWait());
            case SUCCESSFUL_RESULTS -> results(next, jobId, "successfulResults");
            case FAILED_RESULTS -> results(next, jobId, "failedResults");
            case UNPROCESSED_RECORDS -> results(next, jobId, "unprocessedrecords");
        };
    }


    private Call results(Step next, String jobId, String resource) {
        return new Call(next, "GET", jobsPath + "/" + jobId + "/" + resource + "/", JSON_TYPE, CSV_TYPE, null, Duration.ZERO);
    }

    private String createRequest() {
        ObjectNode body = JSON.createObjectNode();
        body.put("object", job.sobject());
        if (job.operation() == BulkIngestJob.Operation.UPSERT) {
            body.put("externalIdFieldName", job.externalIdField());
        }
        body.put("contentType", "CSV");
        body.put("operation", job.operation().apiName());
        body.put("lineEnding", "LF");
        body.put("columnDelimiter", "COMMA");
        return body.toString();
    }

    /** The Salesforce jobs created so far, in order. */
    public List<String> jobIds() {
        return List.copyOf(jobIds);
    }

    public int calls() {
        return calls;
    }

    /** What the ingest came to; rows without a result are UNPROCESSED. */
    public BulkIngestOutcome outcome() {
        return new BulkIngestOutcome(jobIds, state(), calls, results.results());
    }

    /**
     * What the ingest came to when a call failed for good part-way: rows already answered keep their result,
     * the others fail with the call's error.
     */
    public BulkIngestOutcome outcomeAfterFailure(String errorCode, String message) {
        results.failWithoutResult(job.keys(), errorCode, message);
        return new BulkIngestOutcome(jobIds, "CallFailed", calls, results.results());
    }

    private String state() {
        for (int i = 0; i < chunks.size(); i++) {
            String state = i < states.size() ? states.get(i) : "NotCreated";
            if (!BulkJobStatus.JOB_COMPLETE.equals(state)) {
                return state;
            }
        }
        return BulkJobStatus.JOB_COMPLETE;
    }
}
