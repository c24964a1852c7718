package io.healthsync.sandbox;

import java.util.Collection;
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
