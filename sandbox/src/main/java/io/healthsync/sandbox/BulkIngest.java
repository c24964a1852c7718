package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Bulk API 2.0 ingest jobs (.../jobs/ingest): create a job, upload CSV to it, mark the upload complete (or
 * abort), poll its info, read its successful, failed and unprocessed records. A job is processed when a
 * job-info GET finds it past its configured InProgress polls, and that GET answers once it is done; each record
 * is written by {@link RecordWriter} as sObject Collections writes it, lock contention included, 200 records to
 * a transaction (an Id or an upsert key twice within one is refused). As on a real org, other calls are served
 * while a job is processed: the job runs on a thread of its own and takes the sandbox's lock one transaction at a
 * time (holding it for a whole job made a 100,000-record job's upload wait seconds for another job). Jobs live in
 * memory; the records they write are persisted like any write, a part at a time.
 */
final class BulkIngest {

    /** The documented upload limit: 150 MB once base64 encoded, so 100 MB of CSV. */
    static final long MAX_UPLOAD_BYTES = 100_000_000L;
    private static final int TRANSACTION_SIZE = 200;
    /** Records handed on for persistence together while a job is processed: one journal line (and sync) each. */
    private static final int PERSIST_EVERY = 5_000;
    /** In a CSV value, sets the field to null; an empty value leaves the field as it is. */
    private static final String NULL_VALUE = "#N/A";

    private final SandboxOrg org;
    private final RecordWriter records;
    private final SandboxOptions options;
    private final Consumer<Map<SObjectTable, List<String>>> afterWrite;
    /** The sandbox's lock, which every call is served under: a job being processed takes it a transaction at a time. */
    private final Object lock;
    private final Map<String, BulkIngestJob> jobs = new LinkedHashMap<>();
    /** The most jobs open or in progress at once since the sandbox started: whether a client runs its jobs together. */
    private int mostJobsAtOnce;
    private final long maxUploadBytes;

    BulkIngest(SandboxOrg org, RecordWriter records, SandboxOptions options,
               Consumer<Map<SObjectTable, List<String>>> afterWrite, Object lock) {
        this(org, records, options, afterWrite, lock, MAX_UPLOAD_BYTES);
    }

    /** With another upload limit, so a test can reach it without uploading 100 MB. */
    BulkIngest(SandboxOrg org, RecordWriter records, SandboxOptions options,
               Consumer<Map<SObjectTable, List<String>>> afterWrite, Object lock, long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.lock = lock;
        this.org = org;
        this.records = records;
        this.options = options;
        this.afterWrite = afterWrite;
    }

    /** POST .../jobs/ingest. */
    SandboxResponse create(String body, String version, Instant now) {
        JsonNode request;
        try {
            request = SandboxResponse.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return SandboxResponse.error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        String object = request.path("object").asText("");
        SObjectTable table = org.find(object).orElse(null);
        if (table == null) {
            return invalidJob("InvalidJob : Invalid object: " + object);
        }
        String operationName = request.path("operation").asText("");
        RecordWriter.Operation operation = switch (operationName) {
            case "insert" -> RecordWriter.Operation.INSERT;
            case "update" -> RecordWriter.Operation.UPDATE;
            case "upsert" -> RecordWriter.Operation.UPSERT;
            default -> null;
        };
        if (operation == null) {
            return invalidJob("InvalidJob : Invalid operation: " + operationName
                    + " (the sandbox takes insert, update and upsert)");
        }
        String keyField = null;
        if (operation == RecordWriter.Operation.UPSERT) {
            String named = request.path("externalIdFieldName").asText("");
            int index = named.isEmpty() ? -1 : table.schema().indexOf(named);
            if (index < 0) {
                return invalidJob("InvalidJob : External ID was blank or not a field of " + table.schema().name()
                        + ": " + named);
            }
            FieldDef field = table.schema().fields().get(index);
            if (!field.idLookup()) {
                return invalidJob("InvalidJob : Field name provided, " + field.name()
                        + " is not an External ID or indexed field for " + table.schema().name());
            }
            keyField = field.name();
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
        String id = SalesforceIds.of("750", 1 + org.nextCollectionWrite());
        BulkIngestJob job = new BulkIngestJob(id, table, operation, keyField, lineEnding, delimiter,
                Double.parseDouble(version.substring(1)), org.integrationUserId(), now);
        jobs.put(id, job);
        mostJobsAtOnce = Math.max(mostJobsAtOnce, (int) jobs.values().stream().filter(j -> !j.finished()).count());
        ObjectNode info = summary(job);
        info.put("contentUrl", contentUrl(job, version));
        return SandboxResponse.json(200, info);
    }

    /** The most ingest jobs that were unfinished at once (open, uploaded or in progress) since the sandbox started. */
    int mostJobsAtOnce() {
        return mostJobsAtOnce;
    }

    /** Whether an ingest job is open, uploaded or in progress now. */
    boolean anyUnfinished() {
        return jobs.values().stream().anyMatch(job -> !job.finished());
    }

    /** PUT .../jobs/ingest/{id}/batches: one CSV upload, header row first. */
    SandboxResponse upload(String id, String contentType, String body, Instant now) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        if (job.state != BulkIngestJob.State.Open) {
            return SandboxResponse.error(400, "INVALIDJOBSTATE", "Job " + id + " is in state " + job.state
                    + ": data can only be uploaded to an Open job");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            return SandboxResponse.error(400, "INVALIDCONTENTTYPE", "Upload job data with Content-Type text/csv, "
                    + "got " + contentType);
        }
        String data = body == null ? "" : body;
        long bytes = data.getBytes(StandardCharsets.UTF_8).length;
        if (job.uploadedBytes + bytes > maxUploadBytes) {
            return SandboxResponse.error(400, "CLIENTINPUTERROR", "Job data exceeds the limit of " + maxUploadBytes
                    + " bytes of CSV (150 MB once base64 encoded)");
        }
        job.uploads.add(data);
        job.uploadedBytes += bytes;
        job.systemModstamp = now;
        return SandboxResponse.empty(201);
    }

    /** PATCH .../jobs/ingest/{id}: {"state":"UploadComplete"} or {"state":"Aborted"}. */
    SandboxResponse changeState(String id, String body, Instant now) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        String wanted;
        try {
            wanted = SandboxResponse.JSON.readTree(body == null || body.isBlank() ? "{}" : body).path("state")
                    .asText("");
        } catch (JsonProcessingException e) {
            return SandboxResponse.error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (wanted.equals("UploadComplete") && job.state == BulkIngestJob.State.Open) {
            job.state = BulkIngestJob.State.UploadComplete;
            job.pollsBeforeProcessing = options.bulkInProgressPolls();
        } else if (wanted.equals("Aborted") && !job.finished()) {
            job.state = BulkIngestJob.State.Aborted;
        } else {
            return SandboxResponse.error(400, "INVALIDJOBSTATE", "Cannot change the state of job " + id + " from "
                    + job.state + " to " + (wanted.isEmpty() ? "(none)" : wanted));
        }
        job.systemModstamp = now;
        return SandboxResponse.json(200, summary(job));
    }

    /**
     * GET .../jobs/ingest/{id}. A job past UploadComplete answers InProgress for the configured number of
     * polls; the poll after those has it processed and answers JobComplete (or Failed, or Aborted) once it is.
     */
    SandboxResponse info(String id, String version, Instant now) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        if (job.state == BulkIngestJob.State.UploadComplete || job.state == BulkIngestJob.State.InProgress) {
            if (job.pollsBeforeProcessing > 0) {
                job.pollsBeforeProcessing--;
                job.state = BulkIngestJob.State.InProgress;
            } else {
                processAndWait(job, now);
            }
        }
        synchronized (lock) {
            return SandboxResponse.json(200, fullInfo(job, version));
        }
    }

    /**
     * Starts the job's processing on a thread of its own (unless a poll before this one did) and waits for it to
     * end, giving up the sandbox's lock meanwhile, so that the client's other calls (another job's upload, the
     * collections calls that go out beside a job) are served as a real org serves them.
     */
    private void processAndWait(BulkIngestJob job, Instant now) {
        synchronized (lock) {
            if (!job.processing) {
                job.processing = true;
                job.state = BulkIngestJob.State.InProgress;
                job.systemModstamp = now;
                long faultSeed = org.seed() * 0x9E3779B97F4A7C15L + org.nextCollectionWrite();
                Thread worker = new Thread(() -> process(job, now, new SplittableRandom(faultSeed)),
                        "sandbox-ingest-" + job.id);
                worker.setDaemon(true);
                worker.start();
            }
            while (job.processing || !job.finished()) { // processing: its last records not persisted yet
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // answered as it stands: InProgress
                }
            }
        }
    }

    /** Holding the lock: waits (giving it up) until the job's thread, if it has one, has stopped. */
    private void awaitProcessed(BulkIngestJob job) {
        while (job.processing) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** GET .../jobs/ingest: every job, newest last, in one page. */
    SandboxResponse list(String version) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("done", true);
        ArrayNode list = body.putArray("records");
        jobs.values().forEach(job -> list.add(fullInfo(job, version)));
        body.putNull("nextRecordsUrl");
        return SandboxResponse.json(200, body);
    }

    /** DELETE .../jobs/ingest/{id}: only a job that is no longer taking data or being processed. */
    SandboxResponse delete(String id) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        if (job.state == BulkIngestJob.State.Open || job.state == BulkIngestJob.State.InProgress) {
            return SandboxResponse.error(400, "INVALIDJOBSTATE", "Job " + id + " is " + job.state
                    + ": only a job in UploadComplete, JobComplete, Aborted or Failed can be deleted");
        }
        jobs.remove(id);
        return SandboxResponse.empty(204);
    }

    /** GET .../successfulResults/: "sf__Id","sf__Created", then the uploaded columns. */
    SandboxResponse successfulResults(String id) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        StringBuilder csv = new StringBuilder();
        BulkCsv.appendHeader(csv, List.of("sf__Id", "sf__Created"), job.columns, job.lineEnding);
        for (BulkIngestJob.Result result : job.successful) {
            List<String> row = new ArrayList<>(List.of(result.id(), String.valueOf(result.created())));
            row.addAll(result.values());
            BulkCsv.appendRow(csv, row, job.lineEnding);
        }
        return SandboxResponse.csv(200, csv.toString());
    }

    /** GET .../failedResults/: "sf__Id","sf__Error", then the uploaded columns. */
    SandboxResponse failedResults(String id) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        StringBuilder csv = new StringBuilder();
        BulkCsv.appendHeader(csv, List.of("sf__Id", "sf__Error"), job.columns, job.lineEnding);
        for (BulkIngestJob.Result result : job.failed) {
            List<String> row = new ArrayList<>(List.of(result.id(), result.error()));
            row.addAll(result.values());
            BulkCsv.appendRow(csv, row, job.lineEnding);
        }
        return SandboxResponse.csv(200, csv.toString());
    }

    /**
     * GET .../unprocessedrecords/: the uploaded columns and the rows not processed: all of a job aborted before it
     * was processed, the rows a job aborted midway did not reach, all of a job that failed as a whole.
     */
    SandboxResponse unprocessedRecords(String id) {
        BulkIngestJob job = jobs.get(id);
        if (job == null) {
            return SandboxResponse.notFound();
        }
        synchronized (lock) {
            if (job.state == BulkIngestJob.State.Aborted) {
                awaitProcessed(job); // aborted midway: the rows it did not reach are known once its thread stops
            }
            return unprocessedCsv(job);
        }
    }

    private SandboxResponse unprocessedCsv(BulkIngestJob job) {
        List<String> columns = job.columns;
        List<List<String>> rows = job.unprocessed;
        if (job.state == BulkIngestJob.State.Open
                || job.state == BulkIngestJob.State.Aborted && !job.processingBegan) {
            List<List<String>> parsed = parseQuietly(job);
            columns = parsed.isEmpty() ? List.of() : parsed.get(0);
            rows = parsed.isEmpty() ? List.of() : parsed.subList(1, parsed.size());
        }
        StringBuilder csv = new StringBuilder();
        BulkCsv.appendHeader(csv, List.of(), columns, job.lineEnding);
        rows.forEach(row -> BulkCsv.appendRow(csv, row, job.lineEnding));
        return SandboxResponse.csv(200, csv.toString());
    }

    /** On the job's own thread: its rows parsed and checked, then written a transaction at a time under the lock. */
    private void process(BulkIngestJob job, Instant now, SplittableRandom faults) {
        List<String> toPersist = new ArrayList<>(); // the ids written and not yet handed on, all of the job's table
        try {
            List<List<String>> rows = parse(job); // the uploads no longer change: read without the lock
            synchronized (lock) {
                if (rows.isEmpty()) {
                    job.state = BulkIngestJob.State.JobComplete;
                    return;
                }
                job.columns = rows.get(0);
                job.processingBegan = true;
            }
            List<List<String>> data = rows.subList(1, rows.size());
            String refused = refusal(job, data);
            if (refused != null) {
                synchronized (lock) {
                    fail(job, refused, data);
                }
                return;
            }
            for (int start = 0; start < data.size(); start += TRANSACTION_SIZE) {
                List<List<String>> transaction = data.subList(start, Math.min(data.size(), start + TRANSACTION_SIZE));
                synchronized (lock) {
                    if (job.state != BulkIngestJob.State.InProgress) {
                        // aborted meanwhile: what was written stays written, as on a real org, and the rest is
                        // reported unprocessed
                        job.unprocessed.addAll(data.subList(start, data.size()));
                        return;
                    }
                    write(job, transaction, now, faults, toPersist);
                    if (toPersist.size() >= PERSIST_EVERY) {
                        afterWrite.accept(Map.of(job.table, toPersist));
                        toPersist = new ArrayList<>();
                    }
                }
            }
            synchronized (lock) {
                if (job.state == BulkIngestJob.State.InProgress) {
                    job.state = BulkIngestJob.State.JobComplete;
                }
            }
        } catch (BulkCsv.Malformed e) {
            synchronized (lock) {
                fail(job, e.getMessage(), List.of());
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                fail(job, "UNKNOWN_EXCEPTION : the sandbox failed processing the job: " + e, List.of());
            }
        } finally {
            synchronized (lock) {
                if (!toPersist.isEmpty()) {
                    afterWrite.accept(Map.of(job.table, toPersist));
                }
                job.processing = false;
                lock.notifyAll();
            }
        }
    }

    /** Why the whole job fails before any row is written (a forced failure, an unknown field, a short row), or null. */
    private String refusal(BulkIngestJob job, List<List<String>> data) {
        if (options.bulkJobFailure() != null) {
            return options.bulkJobFailure();
        }
        for (String column : job.columns) {
            if (job.table.schema().indexOf(column) < 0) {
                return "InvalidBatch : Field name not found : " + column;
            }
        }
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).size() != job.columns.size()) {
                return "InvalidBatch : Wrong number of columns in row " + (i + 2) + ": " + data.get(i).size()
                        + ", the header has " + job.columns.size();
            }
        }
        return null;
    }

    /** A transaction's rows written or refused: results kept on the job, the written ids added to {@code written}. */
    private void write(BulkIngestJob job, List<List<String>> transaction, Instant now, SplittableRandom faults,
                       List<String> written) {
        List<Map<String, JsonNode>> fields = transaction.stream().map(row -> fieldsOf(job.columns, row)).toList();
        List<String> keys = job.externalIdFieldName == null ? List.of() : fields.stream()
                .map(f -> RecordWriter.text(f, job.externalIdFieldName)).toList();
        RecordWriter.Batch batch = RecordWriter.Batch.of(keys);
        for (int i = 0; i < transaction.size(); i++) {
            boolean lockLost = faults.nextDouble() < options.perRecordFailureRate();
            RecordWriter.Plan plan = records.plan(job.table, job.operation, job.externalIdFieldName,
                    fields.get(i), lockLost, batch);
            if (plan.ok()) {
                RecordWriter.Written done = records.apply(plan, now);
                job.successful.add(new BulkIngestJob.Result(done.id(), done.created(), null, transaction.get(i)));
                written.add(done.id());
            } else {
                String givenId = job.operation == RecordWriter.Operation.UPDATE
                        ? RecordWriter.text(fields.get(i), "Id") : null;
                job.failed.add(new BulkIngestJob.Result(givenId == null ? "" : givenId, false,
                        errorText(plan.errors().get(0)), transaction.get(i)));
            }
        }
    }

    private static void fail(BulkIngestJob job, String message, List<List<String>> unprocessed) {
        job.state = BulkIngestJob.State.Failed;
        job.errorMessage = message;
        job.unprocessed.addAll(unprocessed);
    }

    /** Every upload's rows, the header once: each upload starts with the same header row. */
    private static List<List<String>> parse(BulkIngestJob job) throws BulkCsv.Malformed {
        char delimiter = BulkCsv.DELIMITERS.get(job.columnDelimiter);
        List<List<String>> all = new ArrayList<>();
        for (String upload : job.uploads) {
            List<List<String>> rows = BulkCsv.parse(upload, delimiter, job.lineEnding);
            if (rows.isEmpty()) {
                continue;
            }
            if (all.isEmpty()) {
                all.addAll(rows);
            } else if (!rows.get(0).equals(all.get(0))) {
                throw new BulkCsv.Malformed("InvalidBatch : Every upload of a job must have the same header row");
            } else {
                all.addAll(rows.subList(1, rows.size()));
            }
        }
        return all;
    }

    private static List<List<String>> parseQuietly(BulkIngestJob job) {
        try {
            return parse(job);
        } catch (BulkCsv.Malformed e) {
            return List.of();
        }
    }

    /** A CSV row as the fields of a record: an empty value is left out, #N/A clears the field. */
    private static Map<String, JsonNode> fieldsOf(List<String> columns, List<String> row) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String value = row.get(i);
            if (value.equals(NULL_VALUE)) {
                fields.put(columns.get(i), NullNode.getInstance());
            } else if (!value.isEmpty()) {
                fields.put(columns.get(i), TextNode.valueOf(value));
            }
        }
        return fields;
    }

    /** sf__Error as Salesforce writes it: STATUS_CODE:message:fields --. */
    static String errorText(WriteError error) {
        return error.statusCode() + ":" + error.message() + ":"
                + (error.fields().isEmpty() ? "--" : String.join(",", error.fields()) + " --");
    }

    private static SandboxResponse invalidJob(String message) {
        return SandboxResponse.error(400, "INVALIDJOB", message);
    }

    private static String contentUrl(BulkIngestJob job, String version) {
        return "services/data/" + version + "/jobs/ingest/" + job.id + "/batches";
    }

    /** The fields every job answer has (create, state change). */
    private static ObjectNode summary(BulkIngestJob job) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("id", job.id);
        info.put("operation", job.operationName());
        info.put("object", job.table.schema().name());
        info.put("createdById", job.createdById);
        info.put("createdDate", SandboxValues.formatDateTime(job.createdDate));
        info.put("systemModstamp", SandboxValues.formatDateTime(job.systemModstamp));
        info.put("state", job.state.name());
        if (job.externalIdFieldName != null) {
            info.put("externalIdFieldName", job.externalIdFieldName);
        }
        info.put("concurrencyMode", "Parallel");
        info.put("contentType", "CSV");
        info.put("apiVersion", job.apiVersion);
        info.put("jobType", "V2Ingest");
        info.put("lineEnding", job.lineEnding);
        info.put("columnDelimiter", job.columnDelimiter);
        return info;
    }

    /** Get Job Info: the summary, the counts and, for a failed job, the error. */
    private static ObjectNode fullInfo(BulkIngestJob job, String version) {
        ObjectNode info = summary(job);
        if (job.state == BulkIngestJob.State.Open) {
            info.put("contentUrl", contentUrl(job, version));
        }
        info.put("numberRecordsProcessed", job.successful.size() + job.failed.size());
        info.put("numberRecordsFailed", job.failed.size());
        info.put("retries", 0);
        info.put("totalProcessingTime", 0);
        info.put("apiActiveProcessingTime", 0);
        info.put("apexProcessingTime", 0);
        if (job.errorMessage != null) {
            info.put("errorMessage", job.errorMessage);
        }
        return info;
    }
}
