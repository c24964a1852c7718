package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * sObject Collections: PATCH (update) and POST (create) .../composite/sobjects, and PATCH (upsert)
 * .../composite/sobjects/{SObject}/{ExternalIdField}. Up to 200 records a call, one result per record in
 * order (an upsert's says whether it created the record); with allOrNone a single failure rolls every record
 * back. Lock contention is injected at the configured rate, reproducibly from the seed and the call's
 * sequence number. What each record does is {@link RecordWriter}'s, shared with Bulk API 2.0 ingest.
 */
final class CollectionsWriter {

    static final int MAX_RECORDS = 200;

    private final SandboxOrg org;
    private final RecordWriter records;
    private final double failureRate;

    CollectionsWriter(SandboxOrg org, RecordWriter records, double failureRate) {
        this.org = org;
        this.records = records;
        this.failureRate = failureRate;
    }

    /** The response, and the Ids written per table (so the caller knows what to persist). */
    record Outcome(SandboxResponse response, Map<SObjectTable, List<String>> written) {

        Outcome(SandboxResponse response) {
            this(response, Map.of());
        }

        boolean wrote() {
            return !written.isEmpty();
        }
    }

    /** POST (create) or PATCH (update) .../composite/sobjects: each record names its type. */
    Outcome write(String body, boolean create, Instant now) {
        return write(body, create ? RecordWriter.Operation.INSERT : RecordWriter.Operation.UPDATE, null, null, now);
    }

    /**
     * PATCH .../composite/sobjects/{sobject}/{keyField}. An sObject or field the org does not have, or a field
     * that is not an External ID, refuses the whole call, as the REST API does.
     */
    Outcome upsert(String sobject, String keyField, String body, Instant now) {
        SObjectTable table = org.find(sobject).orElse(null);
        if (table == null) {
            return new Outcome(SandboxResponse.notFound());
        }
        int index = table.schema().indexOf(keyField);
        if (index < 0) {
            return new Outcome(SandboxResponse.error(404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: " + keyField));
        }
        FieldDef field = table.schema().fields().get(index);
        if (!field.idLookup()) {
            return new Outcome(SandboxResponse.error(400, "INVALID_FIELD", "Field name provided, " + field.name()
                    + " is not an External ID or indexed field for " + table.schema().name()));
        }
        return write(body, RecordWriter.Operation.UPSERT, table, field.name(), now);
    }

    private Outcome write(String body, RecordWriter.Operation operation, SObjectTable upsertTable, String keyField,
                          Instant now) {
        JsonNode request;
        try {
            request = SandboxResponse.JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return new Outcome(SandboxResponse.error(400, "JSON_PARSER_ERROR",
                    "The request body is not valid JSON: " + e.getOriginalMessage()));
        }
        JsonNode list = request == null ? null : request.get("records");
        if (list == null || !list.isArray()) {
            return new Outcome(SandboxResponse.error(400, "JSON_PARSER_ERROR",
                    "The request body must be an object with a \"records\" array"));
        }
        if (list.size() > MAX_RECORDS) {
            return new Outcome(SandboxResponse.error(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call"));
        }
        boolean upsert = operation == RecordWriter.Operation.UPSERT;
        boolean allOrNone = request.path("allOrNone").asBoolean(false);
        SplittableRandom faults = new SplittableRandom(org.seed() * 0x9E3779B97F4A7C15L + org.nextCollectionWrite());
        List<String> keys = new ArrayList<>();
        if (upsert) {
            list.forEach(record -> keys.add(record.isObject()
                    ? RecordWriter.text(RecordWriter.fieldsOf(record), keyField) : null));
        }
        RecordWriter.Batch batch = RecordWriter.Batch.of(keys);
        List<RecordWriter.Plan> plans = new ArrayList<>();
        for (JsonNode record : list) {
            boolean lockLost = faults.nextDouble() < failureRate;
            plans.add(plan(record, operation, upsertTable, keyField, lockLost, batch));
        }
        boolean anyFailed = plans.stream().anyMatch(p -> !p.ok());
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        Map<SObjectTable, List<String>> written = new LinkedHashMap<>();
        for (RecordWriter.Plan plan : plans) {
            if (!plan.ok()) {
                failure(results, plan.errors(), upsert);
            } else if (allOrNone && anyFailed) {
                failure(results, List.of(WriteError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back "
                        + "because not all records were valid and the request was using AllOrNone header")), upsert);
            } else {
                RecordWriter.Written done = records.apply(plan, now);
                ObjectNode result = results.addObject();
                result.put("id", done.id());
                result.put("success", true);
                result.putArray("errors");
                if (upsert) {
                    result.put("created", done.created());
                }
                written.computeIfAbsent(plan.table(), t -> new ArrayList<>()).add(done.id());
            }
        }
        return new Outcome(SandboxResponse.json(200, results), written);
    }

    private RecordWriter.Plan plan(JsonNode record, RecordWriter.Operation operation, SObjectTable upsertTable,
                                   String keyField, boolean lockLost, RecordWriter.Batch batch) {
        if (!record.isObject()) {
            return RecordWriter.Plan.rejected(WriteError.of("JSON_PARSER_ERROR", "Each record must be a JSON object"));
        }
        String type = record.path("attributes").path("type").asText("");
        SObjectTable table = org.find(type).orElse(null);
        if (table == null) {
            return RecordWriter.Plan.rejected(WriteError.of("INVALID_TYPE", type.isEmpty()
                    ? "Must specify a type in the attributes of each record"
                    : "sObject type '" + type + "' is not supported."));
        }
        if (upsertTable != null && table != upsertTable) {
            return RecordWriter.Plan.rejected(WriteError.of("INVALID_TYPE", "Records of type " + table.schema().name()
                    + " can't be upserted in a request for " + upsertTable.schema().name()));
        }
        return records.plan(table, operation, keyField, RecordWriter.fieldsOf(record), lockLost, batch);
    }

    private static void failure(ArrayNode results, List<WriteError> errors, boolean upsert) {
        ObjectNode result = results.addObject();
        result.put("success", false);
        ArrayNode list = result.putArray("errors");
        for (WriteError error : errors) {
            ObjectNode entry = list.addObject();
            entry.put("statusCode", error.statusCode());
            entry.put("message", error.message());
            ArrayNode fields = entry.putArray("fields");
            error.fields().forEach(fields::add);
        }
        if (upsert) {
            // as a real org answers a failed upsert: created false, no id
            result.put("created", false);
        }
    }
}
