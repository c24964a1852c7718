package io.healthsync.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One sObject type: its names, key prefix and fields; field names resolve case-insensitively as in Salesforce. */
final class SObjectSchema {

    private final String name;
    private final String label;
    private final String labelPlural;
    private final String keyPrefix;
    private final List<FieldDef> fields;
    private final Map<String, Integer> indexByLowerName = new HashMap<>();

    SObjectSchema(String name, String label, String labelPlural, String keyPrefix, List<FieldDef> fields) {
        this.name = name;
        this.label = label;
        this.labelPlural = labelPlural;
        this.keyPrefix = keyPrefix;
        this.fields = List.copyOf(fields);
        for (int i = 0; i < fields.size(); i++) {
            indexByLowerName.put(fields.get(i).name().toLowerCase(Locale.ROOT), i);
        }
    }

    String name() {
        return name;
    }

    String label() {
        return label;
    }

    String labelPlural() {
        return labelPlural;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    List<FieldDef> fields() {
        return fields;
    }

    int size() {
        return fields.size();
    }

    /** Position of the field in a record's value array, or -1 when the object has no such field. */
    int indexOf(String fieldName) {
        return indexByLowerName.getOrDefault(fieldName.toLowerCase(Locale.ROOT), -1);
    }

    /** Position of a field the sandbox itself relies on; a missing one is a bug in the schema. */
    int require(String fieldName) {
        int index = indexOf(fieldName);
        if (index < 0) {
            throw new IllegalStateException(name + " has no field " + fieldName);
        }
        return index;
    }
}
