package io.healthsync.connectors.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches the results files of a job's Bulk API 2.0 uploads back to its rows, by the key column (never by
 * position: Salesforce promises no order), and gives one {@link WriteResult} per row in the job's order. A
 * row no results file names (unprocessed, or lost) is failed as {@value #UNPROCESSED}, to be sent again.
 */
public final class BulkIngestResults {

    /** A row Salesforce did not process (job aborted or failed part-way, or missing from every result). */
    public static final String UNPROCESSED = "UNPROCESSED";

    private static final String SF_ID = "sf__Id";
    private static final String SF_CREATED = "sf__Created";
    private static final String SF_ERROR = "sf__Error";
    /** sf__Error: {@code STATUS_CODE:message:fields --}; the message may itself hold colons. */
    private static final Pattern ERROR = Pattern.compile("(?s)([A-Z_]+):(.*?)(?::([^:]*?))?\\s*--\\s*");

    private final BulkIngestJob job;
    private final Map<String, Integer> rowOfKey = new HashMap<>();
    private final WriteResult[] results;
    private int unmatched;

    public BulkIngestResults(BulkIngestJob job) {
        this.job = job;
        this.results = new WriteResult[job.size()];
        for (int i = 0; i < job.size(); i++) {
            rowOfKey.put(job.keys().get(i), i);
        }
    }

    /** The successfulResults CSV: sf__Id, sf__Created, then the uploaded columns. */
    public void readSuccessful(String csv) {
        for (Map<String, String> row : table(csv, "successfulResults", SF_ID, SF_CREATED)) {
            String key = row.get(job.keyField());
            String salesforceId = row.get(SF_ID);
            Integer index = indexOf(key, salesforceId);
            if (index != null) {
                results[index] = job.operation() == BulkIngestJob.Operation.UPDATE
                        ? WriteResult.ok(job.keys().get(index))
                        : WriteResult.upserted(job.keys().get(index), salesforceId, Boolean.parseBoolean(row.get(SF_CREATED)));
            }
        }
    }

    /** The failedResults CSV: sf__Id, sf__Error, then the uploaded columns. */
    public void readFailed(String csv) {
        for (Map<String, String> row : table(csv, "failedResults", SF_ID, SF_ERROR)) {
            Integer index = indexOf(row.get(job.keyField()), null);
            if (index != null) {
                results[index] = failure(job.keys().get(index), row.get(SF_ERROR));
            }
        }
    }

    /** The unprocessedrecords CSV (the uploaded columns): those rows stay {@value #UNPROCESSED}. */
    public void readUnprocessed(String csv) {
        for (Map<String, String> row : table(csv, "unprocessedrecords")) {
            Integer index = indexOf(row.get(job.keyField()), null);
            if (index != null) {
                results[index] = unprocessed(job.keys().get(index));
            }
        }
    }

    /** Fails the given rows that have no result yet (their job failed, timed out, or a call failed). */
    public void failWithoutResult(List<String> keys, String errorCode, String message) {
        for (String key : keys) {
            Integer index = rowOfKey.get(key);
            if (index != null && results[index] == null) {
                results[index] = WriteResult.failed(key, errorCode, message);
            }
        }
    }

    /** One result per row of the job, in its order; a row no file named is {@value #UNPROCESSED}. */
    public List<WriteResult> results() {
        List<WriteResult> inOrder = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            inOrder.add(results[i] != null ? results[i] : unprocessed(job.keys().get(i)));
        }
        return inOrder;
    }

    /** Result rows whose key is not one of the job's (not expected; counted so a report can say so). */
    public int unmatchedRows() {
        return unmatched;
    }

    private Integer indexOf(String key, String salesforceId) {
        Integer index = key == null ? null : rowOfKey.get(key);
        if (index == null && salesforceId != null && job.operation() == BulkIngestJob.Operation.UPDATE) {
            // an update's key is the Id itself; should the echoed column differ (15- vs 18-character form), sf__Id tells
            index = rowOfKey.get(salesforceId);
        }
        if (index == null) {
            unmatched++;
        }
        return index;
    }

    private static WriteResult unprocessed(String key) {
        return WriteResult.failed(key, UNPROCESSED, "Salesforce did not process this record; it is sent again on the next run");
    }

    /** Reads {@code sf__Error} into Salesforce's status code and a message naming the fields, as collections calls do. */
    static WriteResult failure(String key, String error) {
        String text = error == null ? "" : error.strip();
        Matcher m = ERROR.matcher(text.endsWith("--") ? text : text + " --");
        if (!m.matches()) {
            return WriteResult.failed(key, "UNKNOWN_ERROR", text.isEmpty() ? "no message" : text);
        }
        String message = m.group(2).strip();
        String fields = m.group(3) == null ? "" : m.group(3).strip();
        return WriteResult.failed(key, m.group(1), (message.isEmpty() ? "no message" : message)
                + (fields.isEmpty() ? "" : " (fields: " + fields + ")"));
    }

    /** A results file as rows of column -> value, after checking it has the columns it must have. */
    private List<Map<String, String>> table(String csv, String file, String... required) {
        List<List<String>> records = CsvReader.parse(csv == null ? "" : csv);
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0);
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!header.contains(column)) {
                missing.add(column);
            }
        }
        if (!header.contains(job.keyField()) && !(job.operation() == BulkIngestJob.Operation.UPDATE && header.contains(SF_ID))) {
            missing.add(job.keyField());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Bulk API " + file + " of the " + job.sobject() + " job lacks the column(s) "
                    + missing + "; its header is " + header);
        }
        List<Map<String, String>> rows = new ArrayList<>(records.size() - 1);
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size() && c < record.size(); c++) {
                row.put(header.get(c), record.get(c));
            }
            rows.add(row);
        }
        return rows;
    }
}
