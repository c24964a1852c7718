package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one record of a write does, the same for every API that writes: sObject Collections (create, update,
 * upsert) and Bulk API 2.0 ingest (insert, update, upsert). A record is checked first ({@link #plan}): the
 * record it targets, injected lock contention, each field's value and the required fields, giving either the
 * errors Salesforce reports for it or the values to write; a planned record is then written ({@link #apply}),
 * so a caller can roll a whole call back (allOrNone) by not applying any.
 */
final class RecordWriter {

    enum Operation { INSERT, UPDATE, UPSERT }

    /** The errors of one record, or the table, the row to change (null: create) and the values by field index. */
    record Plan(List<WriteError> errors, SObjectTable table, Object[] row, Map<Integer, Object> values) {

        static Plan rejected(WriteError error) {
            return new Plan(List.of(error), null, null, null);
        }

        boolean ok() {
            return errors.isEmpty();
        }
    }

    /** A written record: its Id and whether the write created it. */
    record Written(String id, boolean created) {
    }

    /**
     * What the records of one call share: the Ids already seen (an Id twice in one update is refused) and the
     * upsert keys sent more than once (every record with such a key is refused, as Salesforce does).
     */
    static final class Batch {
        private final Set<String> seenIds = new HashSet<>();
        private final Set<String> duplicateKeys = new HashSet<>();

        /** A batch of records whose upsert key values (null where missing) are {@code keys}, in order. */
        static Batch of(List<String> keys) {
            Batch batch = new Batch();
            Set<String> seen = new HashSet<>();
            for (String key : keys) {
                if (key != null && !seen.add(key)) {
                    batch.duplicateKeys.add(key);
                }
            }
            return batch;
        }
    }

    private final SandboxOrg org;

    RecordWriter(SandboxOrg org) {
        this.org = org;
    }

    /**
     * Checks one record. {@code fields} are the values sent by field name as written (JSON; a null node
     * clears the field), including "Id" for an update and the key field for an upsert; {@code keyField} is
     * the upsert's External ID field (null for insert and update); {@code lockLost} injects UNABLE_TO_LOCK_ROW.
     */
    Plan plan(SObjectTable table, Operation operation, String keyField, Map<String, JsonNode> fields,
              boolean lockLost, Batch batch) {
        try {
            Object[] row = switch (operation) {
                case INSERT -> checkNoId(fields);
                case UPDATE -> existingRow(table, text(fields, "Id"), batch);
                case UPSERT -> matchedRow(table, keyField, fields, batch);
            };
            if (lockLost) {
                // a create locks its parent record, an update the record itself
                String lockedId = row != null ? (String) row[0]
                        : text(fields, "WhatId") != null ? text(fields, "WhatId") : text(fields, "AccountId");
                throw WriteError.of("UNABLE_TO_LOCK_ROW", lockedId == null ? "unable to obtain exclusive access to "
                        + "this record" : "unable to obtain exclusive access to this record or 1 records: " + lockedId)
                        .reject();
            }
            boolean create = row == null;
            Map<Integer, Object> values = values(table.schema(), fields, create);
            if (create) {
                requireMandatory(table.schema(), values);
            }
            checkUniqueKeys(table, row, values);
            return new Plan(List.of(), table, row, values);
        } catch (WriteError.Rejected rejected) {
            return Plan.rejected(rejected.error());
        }
    }

    /** Writes a planned record: creates it (with what Salesforce fills in) or changes it; stamps it now. */
    Written apply(Plan plan, Instant now) {
        SObjectTable table = plan.table();
        boolean created = plan.row() == null;
        Object[] row = created ? newRow(table, now) : plan.row();
        Object[] before = row.clone();
        plan.values().forEach((index, value) -> row[index] = value);
        DerivedFields.apply(org, table, row, now);
        table.set(row, "LastModifiedDate", now);
        table.set(row, "SystemModstamp", now);
        table.put(row);
        table.reindexKeys(created ? null : before, row);
        table.markChanged((String) row[0]);
        return new Written((String) row[0], created);
    }

    /** The text sent for a field (its name matched ignoring case, as Salesforce does), or null. */
    static String text(Map<String, JsonNode> fields, String field) {
        for (Map.Entry<String, JsonNode> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(field) && !entry.getValue().isNull()) {
                return entry.getValue().asText();
            }
        }
        return null;
    }

    private static Object[] checkNoId(Map<String, JsonNode> fields) {
        if (text(fields, "Id") != null) {
            throw WriteError.of("INVALID_FIELD", "cannot specify Id in an insert call", "Id").reject();
        }
        return null;
    }

    private static Object[] existingRow(SObjectTable table, String id, Batch batch) {
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
        if (!batch.seenIds.add((String) row[0])) {
            throw WriteError.of("DUPLICATE_VALUE", "Duplicate id in list: " + row[0]).reject();
        }
        return row;
    }

    /** The live record whose key field holds the record's key value, or null: the upsert creates. */
    private static Object[] matchedRow(SObjectTable table, String keyField, Map<String, JsonNode> fields,
                                       Batch batch) {
        String field = table.schema().fields().get(table.schema().require(keyField)).name();
        String key = text(fields, field);
        if (field.equals("Id")) {
            // upsert on Id: no Id creates, an Id updates that record
            return key == null || key.isEmpty() ? null : existingRow(table, key, batch);
        }
        if (key == null || key.isEmpty()) {
            throw WriteError.of("MISSING_ARGUMENT", field + " not specified").reject();
        }
        if (batch.duplicateKeys.contains(key)) {
            throw WriteError.of("DUPLICATE_VALUE", "Duplicate external id specified: " + key, field).reject();
        }
        if (text(fields, "Id") != null) {
            throw WriteError.of("INVALID_FIELD", "cannot specify Id in an upsert call on " + field, "Id").reject();
        }
        String id = table.idByKey(field, key);
        Object[] row = table.get(id);
        return row == null || RecordDeletions.isDeleted(table, row) ? null : row;
    }

    private Map<Integer, Object> values(SObjectSchema schema, Map<String, JsonNode> fields, boolean create) {
        Map<Integer, Object> values = new LinkedHashMap<>();
        List<String> readOnly = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : fields.entrySet()) {
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

    /** A unique External ID value that another record already holds is refused, naming that record. */
    private static void checkUniqueKeys(SObjectTable table, Object[] row, Map<Integer, Object> values) {
        for (Map.Entry<Integer, Object> value : values.entrySet()) {
            FieldDef field = table.schema().fields().get(value.getKey());
            if (!field.externalId() || value.getValue() == null) {
                continue;
            }
            String holder = table.idByKey(field.name(), (String) value.getValue());
            Object[] other = table.get(holder);
            if (other != null && other != row && !RecordDeletions.isDeleted(table, other)) {
                throw WriteError.of("DUPLICATE_VALUE", "duplicate value found: " + field.name()
                        + " duplicates value on record with id: " + holder, field.name()).reject();
            }
        }
    }

    /** A new record with what Salesforce fills in on create: Id, owner, defaults, audit dates. */
    private Object[] newRow(SObjectTable table, Instant now) {
        Object[] row = table.newRow();
        row[0] = table.nextId();
        setIfPresent(table, row, "IsDeleted", false);
        setIfPresent(table, row, "OwnerId", org.integrationUserId());
        setIfPresent(table, row, "IsActive", true);
        if (SandboxSchema.TASK.equals(table.schema().name())) {
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

    /** Field name to value of a JSON record, in the order sent. */
    static Map<String, JsonNode> fieldsOf(JsonNode record) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        record.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }
}
