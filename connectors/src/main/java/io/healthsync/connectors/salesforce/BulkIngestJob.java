package io.healthsync.connectors.salesforce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The records of one Bulk API 2.0 ingest: what to write to which sObject, and each row's key, by which
 * Salesforce's per-record results are matched back (results files come in no promised order).
 *
 * @param sobject         the sObject's API name (Account, Task, ...)
 * @param operation       insert, update (by Id) or upsert (by {@code externalIdField})
 * @param externalIdField for UPSERT the external id field; for INSERT the row field whose (unique) value
 *                        identifies a row in the results; null for UPDATE, whose key is the Id
 * @param keys            row i's key: its Id for UPDATE, its external id value for UPSERT (and INSERT)
 * @param rows            row i's fields to set; a null value or a missing field leaves the record's value
 *                        unchanged (send the text {@code #N/A} to clear a field)
 */
public record BulkIngestJob(String sobject, Operation operation, String externalIdField, List<String> keys,
                            List<Map<String, Object>> rows) {

    /** The Bulk API 2.0 operations healthsync uses; {@link #apiName()} is the job's {@code operation}. */
    public enum Operation {
        INSERT, UPDATE, UPSERT;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BulkIngestJob {
        Objects.requireNonNull(operation, "operation");
        if (sobject == null || sobject.isBlank()) {
            throw new IllegalArgumentException("a bulk ingest job needs the sObject name");
        }
        if (operation == Operation.UPDATE && externalIdField != null) {
            throw new IllegalArgumentException("an update is keyed by Id; externalIdField must be null, got " + externalIdField);
        }
        if (operation != Operation.UPDATE && (externalIdField == null || externalIdField.isBlank())) {
            throw new IllegalArgumentException("an " + operation.apiName() + " of " + sobject
                    + " needs the key field (externalIdField) its results are matched by");
        }
        if (keys == null || rows == null || keys.size() != rows.size()) {
            throw new IllegalArgumentException("a bulk ingest job needs one key per row: "
                    + (keys == null ? "no" : keys.size()) + " keys for " + (rows == null ? "no" : rows.size()) + " rows");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a bulk ingest job of " + sobject + " has no rows");
        }
        String keyField = operation == Operation.UPDATE ? "Id" : externalIdField;
        Set<String> seen = new HashSet<>();
        List<Map<String, Object>> copies = new ArrayList<>(rows.size());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("row " + i + " of the " + sobject + " job has no key");
            }
            if (!seen.add(key)) {
                // results are matched by key: two rows with one key could not be told apart (and Salesforce
                // rejects a job that names one record twice)
                throw new IllegalArgumentException("key " + key + " appears twice in the " + sobject + " job");
            }
            Map<String, Object> row = Objects.requireNonNull(rows.get(i), "row " + i);
            Object inRow = row.get(keyField);
            if (inRow != null && !key.equals(inRow.toString())) {
                throw new IllegalArgumentException("row " + i + " of the " + sobject + " job has " + keyField + "=" + inRow
                        + " but its key is " + key);
            }
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        keys = List.copyOf(keys);
        rows = Collections.unmodifiableList(copies);
    }

    /** The column that carries each row's key, in the uploaded CSV and in the results files. */
    public String keyField() {
        return operation == Operation.UPDATE ? "Id" : externalIdField;
    }

    public int size() {
        return keys.size();
    }
}
