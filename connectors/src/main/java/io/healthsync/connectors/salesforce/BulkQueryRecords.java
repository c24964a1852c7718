package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One results page of a Bulk API 2.0 query job (CSV: a header row of field names, then one row per record)
 * turned into the records a REST query page holds, so {@link SalesforceRecordMapper} maps both alike. An empty
 * value is null (Salesforce writes null and the empty string alike, and stores no empty strings); a
 * relationship column such as {@code Owner.Name} becomes a nested record ({@code "Owner": {"Name": ...}}), null
 * when all of its values are, as REST answers it.
 */
public final class BulkQueryRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Results that are not the CSV a query job writes: Salesforce's data, not our bug, so not retried. */
    public static final class MalformedResultsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedResultsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BulkQueryRecords() {
    }

    /**
     * @param what names the page in errors, e.g. "Task, Bulk API query job 750..., results page 3"
     * @throws MalformedResultsException when the CSV is malformed or a row has another number of fields than the
     *         header, saying where
     */
    public static ArrayNode parse(String csv, String what) {
        List<List<String>> rows;
        try {
            rows = CsvReader.parse(csv == null ? "" : csv);
        } catch (IllegalArgumentException e) {
            throw new MalformedResultsException(what + ": the results are not CSV as expected (" + e.getMessage() + ")", e);
        }
        ArrayNode records = JSON.arrayNode();
        if (rows.isEmpty()) {
            return records;
        }
        List<String> header = rows.get(0);
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new MalformedResultsException(what + ": record " + r + " has " + row.size() + " fields where the "
                        + "header " + header + " has " + header.size(), null);
            }
            records.add(record(header, row));
        }
        return records;
    }

    private static ObjectNode record(List<String> header, List<String> row) {
        ObjectNode record = JSON.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String value = row.get(i).isEmpty() ? null : row.get(i);
            put(record, header.get(i), value);
        }
        nullEmptyRelationships(record);
        return record;
    }

    /** Sets {@code path} ("Name", or "Owner.Name" through a relationship) in the record. */
    private static void put(ObjectNode record, String path, String value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            record.put(path, value);
            return;
        }
        String relationship = path.substring(0, dot);
        ObjectNode parent = record.get(relationship) instanceof ObjectNode existing ? existing : record.putObject(relationship);
        put(parent, path.substring(dot + 1), value);
    }

    /** A relationship whose fields are all null is a null reference (no owner), as in REST answers. */
    private static boolean nullEmptyRelationships(ObjectNode record) {
        boolean allNull = true;
        for (var field : record.properties()) {
            if (field.getValue() instanceof ObjectNode nested && nullEmptyRelationships(nested)) {
                field.setValue(JSON.nullNode());
            }
            allNull &= field.getValue().isNull();
        }
        return allNull;
    }
}
