package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The Bulk API 2.0 calls of one query job, in order, and what their answers mean: create the job, poll its
 * state with backoff until Salesforce is done with it, then read its results page by page, each results call
 * naming the locator the previous one answered in its {@code Sforce-Locator} header, until that says
 * {@code null}. The caller makes each {@link Call} (through camel-salesforce, which owns login and the
 * session) and hands back the answer; nothing here does I/O, so the whole conversation is unit-testable.
 */
public final class BulkQueryRun {

    /** The Sforce-Locator value that says there are no more results. */
    public static final String NO_MORE_RESULTS = "null";

    /** The calls of a query job, in the order it takes them. */
    public enum Step { CREATE, POLL, RESULTS }

    /** One HTTP call to make, after waiting {@code waitBefore}; {@code body} is null for a GET. */
    public record Call(Step step, String method, String path, String body, Duration waitBefore) {
    }

    /** One page of the job's results: its CSV, and whether it is the last. */
    public record ResultsPage(int number, String csv, boolean last) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String object;
    private final String soql;
    private final boolean queryAll;
    private final BulkQueryOptions options;
    private final String jobsPath;

    private Step step = Step.CREATE;
    private Call pending;
    private String jobId;
    private String locator;
    private final BulkPolling.Backoff backoff;
    private int calls;
    private int pages;
    private long recordsProcessed;
    private String failure;

    /**
     * @param queryAll   the job also returns deleted and archived records (operation queryAll)
     * @param apiVersion Salesforce's REST API version, e.g. {@code 60.0}
     */
    public BulkQueryRun(String object, String soql, boolean queryAll, BulkQueryOptions options, String apiVersion) {
        this.object = object;
        this.soql = soql;
        this.queryAll = queryAll;
        this.options = options;
        this.backoff = options.polling().start();
        this.jobsPath = "/services/data/v" + apiVersion + "/jobs/query";
    }

    /** The call to make next (the same one until {@link #answer} is given), or empty when the job is done with. */
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

    /**
     * Salesforce's answer to the call {@link #nextCall} gave: the response body and, for a results call, its
     * Sforce-Locator header. A results call's answer is the page to store.
     *
     * @throws IllegalArgumentException when a job answer is not a job's info
     */
    public Optional<ResultsPage> answer(String body, String sforceLocator) {
        if (pending == null) {
            throw new IllegalStateException("no call is waiting for an answer");
        }
        Step answered = pending.step();
        pending = null;
        switch (answered) {
            case CREATE -> {
                jobId = BulkJobStatus.parse(body).id();
                step = Step.POLL;
            }
            case POLL -> polled(BulkJobStatus.parse(body));
            case RESULTS -> {
                pages++;
                // a missing header is read as the end: asking again without a locator would start over
                boolean last = sforceLocator == null || sforceLocator.isBlank() || NO_MORE_RESULTS.equals(sforceLocator);
                locator = last ? null : sforceLocator;
                step = last ? null : Step.RESULTS;
                return Optional.of(new ResultsPage(pages, body == null ? "" : body, last));
            }
        }
        return Optional.empty();
    }

    private void polled(BulkJobStatus status) {
        if (BulkJobStatus.JOB_COMPLETE.equals(status.state())) {
            recordsProcessed = status.recordsProcessed();
            step = Step.RESULTS;
        } else if (status.finished()) {
            failure = "Bulk API query job " + status.id() + " for " + object + " ended " + status.state()
                    + (status.errorMessage() == null ? "" : ": " + status.errorMessage());
            step = null;
        } else if (backoff.exhausted()) {
            failure = "Bulk API query job " + status.id() + " for " + object + " was still " + status.state() + " after "
                    + backoff.waited().toSeconds() + " s of polling; it may finish in Salesforce, but its results are not read";
            step = null;
        } else {
            backoff.grow();
        }
    }

    private Call call(Step next) {
        return switch (next) {
            case CREATE -> new Call(next, "POST", jobsPath, createRequest(), Duration.ZERO);
            case POLL -> new Call(next, "GET", jobsPath + "/" + jobId, null, backoff.nextWait());
            case RESULTS -> new Call(next, "GET", jobsPath + "/" + jobId + "/results?maxRecords="
                    + options.maxRecordsPerPage() + (locator == null ? "" : "&locator=" + URLEncoder.encode(locator, StandardCharsets.UTF_8)), null, Duration.ZERO);
        };
    }


    private String createRequest() {
        ObjectNode body = JSON.createObjectNode();
        body.put("operation", queryAll ? "queryAll" : "query");
        body.put("query", soql);
        body.put("contentType", "CSV");
        body.put("columnDelimiter", "COMMA");
        body.put("lineEnding", "LF");
        return body.toString();
    }

    /** Why the job gave no results (it ended Failed or Aborted, or polling gave up), if it did not. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The job's id, once created. */
    public String jobId() {
        return jobId;
    }

    public String object() {
        return object;
    }

    public int calls() {
        return calls;
    }

    /** The records the job found, as its completed info said. */
    public long recordsProcessed() {
        return recordsProcessed;
    }
}
