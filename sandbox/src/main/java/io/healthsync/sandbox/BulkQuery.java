package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk API 2.0 query jobs (.../jobs/query): create a job for a SOQL query, poll its info, read its results as
 * CSV pages ({@code maxRecords} at a time, the next page named by the {@code Sforce-Locator} header, "null" after
 * the last), abort or delete it. The query is checked and its records taken when the job is created (a bad
 * query is refused then, as Salesforce does); the job answers UploadComplete, then InProgress for the
 * configured number of polls, then JobComplete (or Failed, when the options say every query job fails). Results
 * are written as Salesforce writes them: every value quoted, null as an empty value, datetimes in UTC with Z.
 * Jobs live in memory, like ingest jobs.
 */
final class BulkQuery {

    private static final DateTimeFormatter CSV_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    enum State { UploadComplete, InProgress, JobComplete, Failed, Aborted }

    private static final class Job {
        final String id;
        final String operation;
        final String object;
        final String lineEnding;
        final String columnDelimiter;
        final double apiVersion;
        final String createdById;
        final Instant createdDate;
        final SoqlEvaluator.Result result;
        Instant systemModstamp;
        State state = State.UploadComplete;
        int pollsBeforeProcessing;
        String errorMessage;

        Job(String id, String operation, String object, String lineEnding, String columnDelimiter, double apiVersion,
            String createdById, Instant now, SoqlEvaluator.Result result, int polls) {
            this.id = id;
            this.operation = operation;
            this.object = object;
            this.lineEnding = lineEnding;
            this.columnDelimiter = columnDelimiter;
            this.apiVersion = apiVersion;
            this.createdById = createdById;
            this.createdDate = now;
            this.systemModstamp = now;
            this.result = result;
            this.pollsBeforeProcessing = polls;
        }

        boolean finished() {
            return state == State.JobComplete || state == State.Failed || state == State.Aborted;
        }
    }

    private final SandboxOrg org;
    private final SandboxOptions options;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    BulkQuery(SandboxOrg org, SandboxOptions options) {
        this.org = org;
        this.options = options;
    }

    /** POST .../jobs/query: {"operation": "query"|"queryAll", "query": SOQL, ...}. */
    SandboxResponse create(String body, String version, Instant now) {
        JsonNode request;
        try {
            request = SandboxResponse.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return SandboxResponse.error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        String operation = request.path("operation").asText("");
        if (!operation.equals("query") && !operation.equals("queryAll")) {
            return invalidJob("InvalidJob : Invalid operation: " + operation + " (a query job is query or queryAll)");
        }
        String contentType = request.path("contentType").asText("CSV");
        String lineEnding = request.path("lineEnding").asText("LF");
        String delimiter = request.path("columnDelimiter").asText("COMMA");
        if (!contentType.equals("CSV")) {
            return invalidJob("InvalidJob : contentType must be CSV, got " + contentType);
        }
        if (!lineEnding.equals("LF") && !lineEnding.equals("CRLF")) {
            return invalidJob("InvalidJob : lineEnding must be LF or CRLF, got " + lineEnding);
        }
        if (!BulkCsv.DELIMITERS.containsKey(delimiter)) {
            return invalidJob("InvalidJob : Invalid columnDelimiter: " + delimiter);
        }
        String soql = request.path("query").asText("");
        if (soql.isBlank()) {
            return invalidJob("InvalidJob : a query job needs a query");
        }
        SoqlEvaluator.Result result;
        try {
            SoqlQuery query = SoqlParser.parse(soql);
            if (query.count()) {
                return invalidJob("InvalidJob : Aggregate queries such as COUNT() are not supported by Bulk API 2.0 "
                        + "query jobs");
            }
            result = SoqlEvaluator.run(org, query, operation.equals("queryAll"));
        } catch (SoqlException e) {
            return SandboxResponse.error(400, e.errorCode(), e.getMessage());
        }
        String id = SalesforceIds.of("750", 1 + org.nextCollectionWrite());
        Job job = new Job(id, operation, result.object(), lineEnding, delimiter, Double.parseDouble(version.substring(1)),
                org.integrationUserId(), now, result, options.bulkInProgressPolls());
        jobs.put(id, job);
        return SandboxResponse.json(200, summary(job));
    }

    /**
     * GET .../jobs/query/{id}: UploadComplete or InProgress for the configured number of polls, then the job is
     * processed and answers JobComplete (or Failed).
     */
    SandboxResponse info(String id, Instant now) {
        Job job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        if (!job.finished()) {
            if (job.pollsBeforeProcessing > 0) {
                job.pollsBeforeProcessing--;
                job.state = State.InProgress;
            } else if (options.bulkQueryFailure() != null) {
                job.state = State.Failed;
                job.errorMessage = options.bulkQueryFailure();
            } else {
                job.state = State.JobComplete;
            }
            job.systemModstamp = now;
        }
        return SandboxResponse.json(200, fullInfo(job));
    }

    /** GET .../jobs/query: every query job, newest last, in one page. */
    SandboxResponse list() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("done", true);
        ArrayNode list = body.putArray("records");
        jobs.values().forEach(job -> list.add(fullInfo(job)));
        body.putNull("nextRecordsUrl");
        return SandboxResponse.json(200, body);
    }

    /** PATCH .../jobs/query/{id} {"state":"Aborted"}: only a job still being processed. */
    SandboxResponse abort(String id, String body, Instant now) {
        Job job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        String wanted;
        try {
            wanted = SandboxResponse.JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("state").asText("");
        } catch (JsonProcessingException e) {
            return SandboxResponse.error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (!wanted.equals("Aborted") || job.finished()) {
            return SandboxResponse.error(400, "INVALIDJOBSTATE", "Cannot change the state of job " + id + " from "
                    + job.state + " to " + (wanted.isEmpty() ? "(none)" : wanted));
        }
        job.state = State.Aborted;
        job.systemModstamp = now;
        return SandboxResponse.json(200, summary(job));
    }

    /** DELETE .../jobs/query/{id}: a job no longer being processed. */
    SandboxResponse delete(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        if (!job.finished()) {
            return SandboxResponse.error(400, "INVALIDJOBSTATE", "Job " + id + " is " + job.state
                    + ": only a job in JobComplete, Aborted or Failed can be deleted");
        }
        jobs.remove(id);
        return SandboxResponse.empty(204);
    }

    /**
     * GET .../jobs/query/{id}/results?maxRecords=N&locator=L: the header row, then up to N records from where
     * the locator points (all that are left without maxRecords); Sforce-Locator names the next page, or says
     * "null", and Sforce-NumberOfRecords counts this page's records.
     */
    SandboxResponse results(String id, String queryString) {
        Job job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        if (job.state != State.JobComplete) {
            return SandboxResponse.error(400, "INVALIDJOBSTATE", "Job " + id + " is " + job.state
                    + ": results can only be read once it is JobComplete");
        }
        Map<String, String> params = UrlForms.parse(queryString);
        List<Object[]> rows = job.result.rows();
        int from;
        try {
            from = params.get("locator") == null ? 0 : offset(params.get("locator"));
        } catch (IllegalArgumentException e) {
            from = -1;
        }
        if (from < 0 || from > rows.size()) {
            return SandboxResponse.error(400, "INVALIDLOCATOR", "Invalid locator: " + params.get("locator"));
        }
        String maxRecords = params.get("maxRecords");
        int max = maxRecords == null ? Integer.MAX_VALUE : positive(maxRecords);
        if (max < 1) {
            return SandboxResponse.error(400, "INVALIDPARAMETER", "maxRecords must be a positive integer, got "
                    + maxRecords);
        }
        int to = (int) Math.min(rows.size(), (long) from + max);
        char delimiter = BulkCsv.DELIMITERS.get(job.columnDelimiter);
        List<FieldDef> fields = job.result.fields();
        StringBuilder csv = new StringBuilder();
        BulkCsv.appendRow(csv, fields.stream().map(FieldDef::name).toList(), delimiter, job.lineEnding);
        List<String> values = new ArrayList<>(fields.size());
        for (Object[] row : rows.subList(from, to)) {
            values.clear();
            for (int i = 0; i < fields.size(); i++) {
                values.add(csvValue(fields.get(i), row[i]));
            }
            BulkCsv.appendRow(csv, values, delimiter, job.lineEnding);
        }
        return SandboxResponse.csv(200, csv.toString())
                .withHeader("Sforce-Locator", to < rows.size() ? locator(to) : "null")
                .withHeader("Sforce-NumberOfRecords", String.valueOf(to - from));
    }

    /** A value as the results CSV writes it: empty for null, datetimes in UTC with Z, numbers as in JSON. */
    static String csvValue(FieldDef field, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant instant) {
            return SandboxValues.formatDateTime(instant, "Z", CSV_DATETIME);
        }
        return SandboxValues.text(field, value);
    }

    /** Locators are opaque to clients; here, the offset of the next record, base64-encoded. */
    private static String locator(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(offset)
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static int offset(String locator) {
        return Integer.parseInt(new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.US_ASCII));
    }

    /** The value as a positive int, or 0 when it is not one. */
    private static int positive(String value) {
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SandboxResponse invalidJob(String message) {
        return SandboxResponse.error(400, "INVALIDJOB", message);
    }

    /** The fields every job answer has (create, abort). */
    private static ObjectNode summary(Job job) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("id", job.id);
        info.put("operation", job.operation);
        info.put("object", job.object);
        info.put("createdById", job.createdById);
        info.put("createdDate", SandboxValues.formatDateTime(job.createdDate));
        info.put("systemModstamp", SandboxValues.formatDateTime(job.systemModstamp));
        info.put("state", job.state.name());
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", job.apiVersion);
        info.put("lineEnding", job.lineEnding);
        info.put("columnDelimiter", job.columnDelimiter);
        return info;
    }

    /** Get Job Info: the summary, the job type, its counts and, for a failed job, the error. */
    private static ObjectNode fullInfo(Job job) {
        ObjectNode info = summary(job);
        info.put("jobType", "V2Query");
        info.put("numberRecordsProcessed", job.state == State.JobComplete ? job.result.rows().size() : 0);
        info.put("retries", 0);
        info.put("totalProcessingTime", 0);
        info.put("isPkChunkingSupported", true);
        if (job.errorMessage != null) {
            info.put("errorMessage", job.errorMessage);
        }
        return info;
    }
}
