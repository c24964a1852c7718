package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * sObject Collections: PATCH (update) and POST (create) .../composite/sobjects. Up to 200 records a call,
 * one result per record in order; with allOrNone a single failure rolls every record back. Lock
 * contention is injected at the configured rate, reproducibly from the seed and the call's sequence number.
 */
final class CollectionsWriter {

    static final int MAX_RECORDS = 200;

    /** What one record of the call would do: the errors, or the table, row (null: create) and new values. */
    private record Plan(List<WriteError> errors, SObjectTable table, Object[] row, Map<Integer, Object> values) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final SandboxOrg org;
    private final double failureRate;

    CollectionsWriter(SandboxOrg org, double failureRate) {
        this.org = org;
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

    Outcome write(String body, boolean create, Instant now) {
        JsonNode request;
        try {
            request = SandboxResponse.JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return new Outcome(SandboxResponse.error(400, "JSON_PARSER_ERROR",
                    "The request body is not valid JSON: " + e.getOriginalMessage()));
        }
        JsonNode records = request == null ? null : request.get("records");
        if (records == null || !records.isArray()) {
            return new Outcome(SandboxResponse.error(400, "JSON_PARSER_ERROR",
                    "The request body must be an object with a \"records\" array"));
        }
        if (records.size() > MAX_RECORDS) {
            return new Outcome(SandboxResponse.error(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than 200 records into this call"));
        }
        boolean allOrNone = request.path("allOrNone").asBoolean(false);
        SplittableRandom faults = new SplittableRandom(org.seed() * 0x9E3779B97F4A7C15L + org.nextCollectionWrite());
        List<Plan> plans = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        for (JsonNode record : records) {
            boolean lockLost = faults.nextDouble() < failureRate;
            plans.add(plan(record, create, lockLost, seenIds));
        }
        boolean anyFailed = plans.stream().anyMatch(p -> !p.ok());
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        Map<SObjectTable, List<String>> written = new LinkedHashMap<>();
        for (Plan plan : plans) {
            if (!plan.ok()) {
                failure(results, plan.errors());
            } else if (allOrNone && anyFailed) {
                failure(results, List.of(WriteError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back "
                        + "because not all records were valid and the request was using AllOrNone header")));
            } else {
                String id = apply(plan, now);
                ObjectNode result = results.addObject();
                result.put("id", id);
                result.put("success", true);
                result.putArray("errors");
                written.computeIfAbsent(plan.table(), t -> new ArrayList<>()).add(id);
            }
        }
        return new Outcome(SandboxResponse.json(200, results), written);
    }

    private Plan plan(JsonNode record, boolean create, boolean lockLost, Set<String> seenIds) {
        try {
            if (!record.isObject()) {
                throw WriteError.of("JSON_PARSER_ERROR", "Each record must be a JSON object").reject();
            }
            String type = record.path("attributes").path("type").asText("");
            SObjectTable table = org.find(type).orElseThrow(() -> WriteError.of("INVALID_TYPE",
                    type.isEmpty() ? "Must specify a type in the attributes of each record"
                            : "sObject type '" + type + "' is not supported.").reject());
            String id = text(record, "id");
            Object[] row = create ? checkNoId(id) : existingRow(table, id, seenIds);
            if (lockLost) {
                // a create locks its parent record, an update the record itself
                String lockedId = row != null ? (String) row[0]
                        : text(record, "WhatId") != null ? text(record, "WhatId") : text(record, "AccountId");
                throw WriteError.of("UNABLE_TO_LOCK_ROW", lockedId == null ? "unable to obtain exclusive access to "
                        + "this record" : "unable to obtain exclusive access to this record or 1 records: " + lockedId)
                        .reject();
            }
            Map<Integer, Object> values = values(table.schema(), record, create);
            if (create) {
                requireMandatory(table.schema(), values);
            }
            return new Plan(List.of(), table, row, values);
        } catch (WriteError.Rejected rejected) {
            return new Plan(List.of(rejected.error()), null, null, null);
        }
    }

    private static Object[] checkNoId(String id) {
        if (id != null) {
            throw WriteError.of("INVALID_FIELD", "cannot specify Id in an insert call", "Id").reject();
        }
        return null;
    }

    private static Object[] existingRow(SObjectTable table, String id, Set<String> seenIds) {
        if (id == null || id.isEmpty()) {
            throw WriteError.of("MISSING_ARGUMENT", "Id not specified in an update call").reject();
        }
        if (!SalesforceIds.isWellFormed(id) || !id.startsWith(table.schema().keyPrefix())) {
            throw WriteError.of("MALFORMED_ID", table.schema().label() + " ID: id value of incorrect type: " + id,
                    "Id").reject();
        }
        Object[] row = table.get(id);
        if (row == null) {
            throw WriteError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id").reject();
        }
        if (RecordDeletions.isDeleted(table, row)) {
            throw WriteError.of("ENTITY_IS_DELETED", "entity is deleted").reject();
        }
        if (!seenIds.add((String) row[0])) {
            throw WriteError.of("DUPLICATE_VALUE", "Duplicate id in list: " + row[0]).reject();
        }
        return row;
    }

    private Map<Integer, Object> values(SObjectSchema schema, JsonNode record, boolean create) {
        Map<Integer, Object> values = new LinkedHashMap<>();
        List<String> readOnly = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : record.properties()) {
            String name = entry.getKey();
            if (name.equals("attributes") || name.equalsIgnoreCase("id")) {
                continue;
            }
            int index = schema.indexOf(name);
            if (index < 0) {
                throw WriteError.of("INVALID_FIELD", "No such column '" + name + "' on sobject of type "
                        + schema.name()).reject();
            }
            FieldDef field = schema.fields().get(index);
            if (create ? !field.createable() : !field.updateable()) {
                readOnly.add(field.name());
                continue;
            }
            values.put(index, FieldWriteRules.coerce(org, field, entry.getValue()));
        }
        if (!readOnly.isEmpty()) {
            throw new WriteError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", readOnly) + ". Please check the security settings of this field and verify "
                    + "that it is read/write for your profile or permission set.", readOnly).reject();
        }
        return values;
    }

    private static void requireMandatory(SObjectSchema schema, Map<Integer, Object> values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            FieldDef field = schema.fields().get(i);
            if (!field.nillable() && field.createable() && !field.defaultedOnCreate()
                    && field.type() != FieldType.BOOLEAN && values.get(i) == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new WriteError("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing).reject();
        }
    }

    private String apply(Plan plan, Instant now) {
        SObjectTable table = plan.table();
        Object[] row = plan.row();
        if (row == null) {
            row = newRow(table, now);
        }
        Object[] target = row;
        plan.values().forEach((index, value) -> target[index] = value);
        DerivedFields.apply(org, table, row, now);
        table.set(row, "LastModifiedDate", now);
        table.set(row, "SystemModstamp", now);
        table.put(row);
        table.markChanged((String) row[0]);
        return (String) row[0];
    }

    /** A new record with what Salesforce fills in on create: Id, owner, defaults, audit dates. */
    private Object[] newRow(SObjectTable table, Instant now) {
        SObjectSchema schema = table.schema();
        Object[] row = table.newRow();
        row[0] = table.nextId();
        setIfPresent(table, row, "IsDeleted", false);
        setIfPresent(table, row, "OwnerId", org.integrationUserId());
        setIfPresent(table, row, "IsActive", true);
        if (SandboxSchema.TASK.equals(schema.name())) {
            table.set(row, "Status", "Not Started");
            table.set(row, "Priority", "Normal");
            table.set(row, "TaskSubtype", "Task");
        }
        table.set(row, "CreatedDate", now);
        return row;
    }

    private static void setIfPresent(SObjectTable table, Object[] row, String field, Object value) {
        if (table.schema().indexOf(field) >= 0) {
            table.set(row, field, value);
        }
    }

    private static void failure(ArrayNode results, List<WriteError> errors) {
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
    }

    private static String text(JsonNode record, String field) {
        for (Map.Entry<String, JsonNode> entry : record.properties()) {
            if (entry.getKey().equalsIgnoreCase(field) && !entry.getValue().isNull()) {
                return entry.getValue().asText();
            }
        }
        return null;
    }
}
