package io.healthsync.sandbox;

import java.util.List;

/** One field of a sandbox sObject: everything the describe reports and the writer and SOQL enforce. */
record FieldDef(String name, String label, FieldType type, int length, int precision, int scale,
                boolean nillable, boolean createable, boolean updateable, boolean custom, boolean defaultedOnCreate,
                List<String> picklistValues, boolean restrictedPicklist, List<String> referenceTo,
                String relationshipName, boolean externalId) {

    /** Usable as the key of an upsert: the Id, or a custom field marked External ID. */
    boolean idLookup() {
        return type == FieldType.ID || externalId;
    }

    boolean filterable() {
        return type != FieldType.TEXTAREA;
    }

    static Builder field(String name, String label, FieldType type) {
        return new Builder(name, label, type);
    }

    /** Reads like the describe: field("Name", "Account Name", STRING).length(255).required(). */
    static final class Builder {
        private final String name;
        private final String label;
        private final FieldType type;
        private int length;
        private int precision;
        private int scale;
        private boolean nillable = true;
        private boolean createable = true;
        private boolean updateable = true;
        private boolean defaultedOnCreate;
        private List<String> picklistValues = List.of();
        private boolean restrictedPicklist;
        private List<String> referenceTo = List.of();
        private String relationshipName;
        private boolean externalId;

        private Builder(String name, String label, FieldType type) {
            this.name = name;
            this.label = label;
            this.type = type;
            this.length = type == FieldType.ID || type == FieldType.REFERENCE ? 18 : 0;
        }

        Builder length(int value) {
            this.length = value;
            return this;
        }

        Builder number(int precisionValue, int scaleValue) {
            this.precision = precisionValue;
            this.scale = scaleValue;
            return this;
        }

        Builder required() {
            this.nillable = false;
            return this;
        }

        /** Set by the system (Id, audit fields, derived flags): not nillable, never written by clients. */
        Builder system() {
            this.nillable = false;
            this.createable = false;
            this.updateable = false;
            this.defaultedOnCreate = true;
            return this;
        }

        Builder readOnly() {
            this.createable = false;
            this.updateable = false;
            return this;
        }

        Builder createOnly() {
            this.updateable = false;
            return this;
        }

        Builder defaulted() {
            this.defaultedOnCreate = true;
            return this;
        }

        Builder picklist(String... values) {
            this.picklistValues = List.of(values);
            if (length == 0) {
                length = 255;
            }
            return this;
        }

        Builder restricted() {
            this.restrictedPicklist = true;
            return this;
        }

        Builder references(String relationship, String... objects) {
            this.relationshipName = relationship;
            this.referenceTo = List.of(objects);
            return this;
        }

        /** A unique, case-sensitive External ID (as healthsync's deploy/ defines its keys): an upsert key. */
        Builder externalId() {
            this.externalId = true;
            return this;
        }

        FieldDef build() {
            return new FieldDef(name, label, type, length, precision, scale, nillable, createable, updateable,
                    name.endsWith("__c"), defaultedOnCreate, picklistValues, restrictedPicklist, referenceTo,
                    relationshipName, externalId);
        }
    }
}
