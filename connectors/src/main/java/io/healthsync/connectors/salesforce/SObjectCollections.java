package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sObject Collections calls: update (PATCH /composite/sobjects) and upsert by external id (PATCH
 * /composite/sobjects/{SObject}/{ExternalIdField}), at most 200 records each: the request body, and
 * Salesforce's per-record answer read back in request order. allOrNone=false, so one bad record never
 * holds back the others.
 */
public final class SObjectCollections {

    public static final int MAX_RECORDS = 200;

    /** One record to write: its sObject type, its key (Id, or external id value for an upsert) and the fields to set. */
    public record RecordUpdate(String sobject, String id, Map<String, Object> fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SObjectCollections() {
    }

    /** The fewest collections calls that can carry {@code records} records, {@code batchSize} a call. */
    public static int minimumCalls(int records, int batchSize) {
        return (records + batchSize - 1) / batchSize;
    }

    /** The path of an upsert of {@code sobject} by {@code externalIdField}, after /services/data/vNN.N. */
    public static String upsertPath(String sobject, String externalIdField) {
        return "/composite/sobjects/" + sobject + "/" + externalIdField;
    }

    public static String updateRequest(List<RecordUpdate> records) {
        return request(records, false);
    }

    /**
     * An upsert: each record's fields carry its external id value (the path names the field); no Id. Every
     * record must be of the path's sObject.
     */
    public static String upsertRequest(List<RecordUpdate> records) {
        return request(records, true);
    }

    private static String request(List<RecordUpdate> records, boolean upsert) {
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("a collections call takes 1.." + MAX_RECORDS + " records, got " + records.size());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("allOrNone", false);
        ArrayNode array = body.putArray("records");
        for (RecordUpdate record : records) {
            ObjectNode node = array.addObject();
            node.putObject("attributes").put("type", record.sobject());
            if (!upsert) {
                node.put("id", record.id());
            }
            record.fields().forEach((field, value) -> node.set(field, JSON.valueToTree(value)));
        }
        return body.toString();
    }

    /**
     * Reads the per-record results. Salesforce answers in request order; a result without an id (a
     * failed record) takes the id of the record at its position. {@code sent}'s ids are the records' keys
     * (their Id for an update, their external id value for an upsert); an upsert's result also says the
     * Salesforce Id and whether the record was created.
     */
    public static List<WriteResult> parseResults(String responseBody, List<RecordUpdate> sent) {
        JsonNode results;
        try {
            results = JSON.readTree(responseBody);
        } catch (Exception e) {
            throw new IllegalArgumentException("sObject Collections answered with malformed JSON: " + e.getMessage());
        }
        if (results == null || !results.isArray() || results.size() != sent.size()) {
            throw new IllegalArgumentException("sObject Collections answered " + (results == null ? 0 : results.size())
                    + " results for " + sent.size() + " records");
        }
        List<WriteResult> outcomes = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            JsonNode result = results.get(i);
            String id = sent.get(i).id();
            if (result.path("success").asBoolean(false)) {
                outcomes.add(result.has("created")
                        ? WriteResult.upserted(id, result.path("id").asText(null), result.path("created").asBoolean())
                        : WriteResult.ok(id));
            } else {
                JsonNode error = result.path("errors").path(0);
                String fields = error.path("fields").isArray() && !error.path("fields").isEmpty()
                        ? " (fields: " + error.path("fields").toString() + ")" : "";
                outcomes.add(WriteResult.failed(id, error.path("statusCode").asText("UNKNOWN_ERROR"),
                        error.path("message").asText("no message") + fields));
            }
        }
        return outcomes;
    }
}
