package io.healthsync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Bulk API 2.0 ingest job: what it was created with, the CSV uploaded to it, its state and, once
 * processed, its per-record results. Held in memory by {@link BulkIngest}; not thread-safe (the sandbox
 * serialises data calls).
 */
final class BulkIngestJob {

    enum State { Open, UploadComplete, InProgress, JobComplete, Failed, Aborted }

    /** One processed row: its Salesforce Id (may be empty), created flag or error text, and the values as uploaded. */
    record Result(String id, boolean created, String error, List<String> values) {
    }

    final String id;
    final SObjectTable table;
    final RecordWriter.Operation operation;
    final String externalIdFieldName;
    final String lineEnding;
    final String columnDelimiter;
    final double apiVersion;
    final String createdById;
    final Instant createdDate;
    Instant systemModstamp;
    State state = State.Open;
    /** The uploads, each as sent; parsed when the job is processed. */
    final List<String> uploads = new ArrayList<>();
    long uploadedBytes;
    /** Job-info GETs left that answer InProgress before the job is processed. */
    int pollsBeforeProcessing;
    /** Being processed on its own thread now (see BulkIngest#info). */
    boolean processing;
    /** Processing began: once it ends, {@link #unprocessed} holds the rows it did not reach (an abort midway). */
    boolean processingBegan;
    String errorMessage;
    /** The uploaded header row, known once the job is processed (or failed). */
    List<String> columns = List.of();
    final List<Result> successful = new ArrayList<>();
    final List<Result> failed = new ArrayList<>();
    final List<List<String>> unprocessed = new ArrayList<>();

    BulkIngestJob(String id, SObjectTable table, RecordWriter.Operation operation, String externalIdFieldName,
                  String lineEnding, String columnDelimiter, double apiVersion, String createdById, Instant now) {
        this.id = id;
        this.table = table;
        this.operation = operation;
        this.externalIdFieldName = externalIdFieldName;
        this.lineEnding = lineEnding;
        this.columnDelimiter = columnDelimiter;
        this.apiVersion = apiVersion;
        this.createdById = createdById;
        this.createdDate = now;
        this.systemModstamp = now;
    }

    boolean finished() {
        return state == State.JobComplete || state == State.Failed || state == State.Aborted;
    }

    String operationName() {
        return operation.name().toLowerCase(java.util.Locale.ROOT);
    }
}
