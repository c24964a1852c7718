package io.healthsync.sandbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The records of one sObject, keyed and ordered by Id. A record is an Object[] aligned with the schema's
 * fields (Id first): compact enough for 100k accounts' activity history in memory. Records changed or
 * created since generation are remembered so the saved file holds only them.
 */
final class SObjectTable {

    private final SObjectSchema schema;
    private final TreeMap<String, Object[]> rows = new TreeMap<>();
    private final Set<String> changedIds = new LinkedHashSet<>();
    private long nextSerial = 1;
    /** External ID field name to value to Id, built on first use (generation and loading set no keys). */
    private final Map<String, Map<String, String>> keyIndex = new HashMap<>();

    SObjectTable(SObjectSchema schema) {
        this.schema = schema;
    }

    SObjectSchema schema() {
        return schema;
    }

    Object[] newRow() {
        return new Object[schema.size()];
    }

    /** Starts the Id serials somewhere seed-dependent, so two orgs of different seeds share no Ids. */
    void startSerialsAt(long serial) {
        nextSerial = serial;
    }

    String nextId() {
        return SalesforceIds.of(schema.keyPrefix(), nextSerial++);
    }

    void put(Object[] row) {
        String id = (String) row[0];
        rows.put(id, row);
        nextSerial = Math.max(nextSerial, SalesforceIds.serialOf(id) + 1);
    }

    Object[] get(String id) {
        return id == null ? null : rows.get(SalesforceIds.isWellFormed(id) ? SalesforceIds.to18(id) : id);
    }

    Collection<Object[]> rows() {
        return rows.values();
    }

    int count() {
        return rows.size();
    }

    /** The Id of the record whose External ID field holds {@code value} (compared case-sensitively), or null. */
    String idByKey(String field, String value) {
        return keys(field).get(value);
    }

    /** Keeps the External ID index right after a write: {@code before} is the row's old values, null if new. */
    void reindexKeys(Object[] before, Object[] row) {
        for (Map.Entry<String, Map<String, String>> index : keyIndex.entrySet()) {
            int at = schema.require(index.getKey());
            if (before != null && before[at] != null && !before[at].equals(row[at])) {
                index.getValue().remove((String) before[at], (String) row[0]);
            }
            if (row[at] != null) {
                index.getValue().put((String) row[at], (String) row[0]);
            }
        }
    }

    private Map<String, String> keys(String field) {
        return keyIndex.computeIfAbsent(schema.fields().get(schema.require(field)).name(), name -> {
            int at = schema.require(name);
            Map<String, String> index = new HashMap<>();
            rows.values().forEach(row -> {
                if (row[at] != null) {
                    index.put((String) row[at], (String) row[0]);
                }
            });
            return index;
        });
    }

    void markChanged(String id) {
        changedIds.add(id);
    }

    Set<String> changedIds() {
        return changedIds;
    }

    Object value(Object[] row, String field) {
        return row[schema.require(field)];
    }

    void set(Object[] row, String field, Object value) {
        row[schema.require(field)] = value;
    }

    /** Field name (as the describe spells it) to value, in schema order. */
    Map<String, Object> asMap(Object[] row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            map.put(schema.fields().get(i).name(), row[i]);
        }
        return map;
    }
}
