package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Describe payloads in the real shape (a subset of the keys a real org sends, same names and meanings):
 * GET .../sobjects/{name}/describe and the global GET .../sobjects.
 */
final class SandboxDescribe {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SandboxDescribe() {
    }

    static ObjectNode describe(SObjectSchema schema, String version) {
        ObjectNode body = summary(schema, version);
        body.putArray("childRelationships");
        ArrayNode fields = body.putArray("fields");
        schema.fields().forEach(field -> fields.add(field(field)));
        body.putArray("recordTypeInfos");
        body.put("sobjectDescribeOption", "FULL");
        return body;
    }

    static ObjectNode global(Iterable<SObjectSchema> schemas, String version) {
        ObjectNode body = JSON.objectNode();
        body.put("encoding", "UTF-8");
        body.put("maxBatchSize", 200);
        ArrayNode sobjects = body.putArray("sobjects");
        schemas.forEach(schema -> sobjects.add(summary(schema, version)));
        return body;
    }

    private static ObjectNode summary(SObjectSchema schema, String version) {
        ObjectNode body = JSON.objectNode();
        boolean user = SandboxSchema.USER.equals(schema.name());
        body.put("activateable", false);
        body.put("createable", true);
        body.put("custom", false);
        body.put("customSetting", false);
        body.put("deletable", !user);
        body.put("keyPrefix", schema.keyPrefix());
        body.put("label", schema.label());
        body.put("labelPlural", schema.labelPlural());
        body.put("name", schema.name());
        body.put("queryable", true);
        body.put("retrieveable", true);
        body.put("searchable", true);
        body.put("triggerable", true);
        body.put("undeletable", !user);
        body.put("updateable", true);
        String base = "/services/data/" + version + "/sobjects/" + schema.name();
        ObjectNode urls = body.putObject("urls");
        urls.put("rowTemplate", base + "/{ID}");
        urls.put("describe", base + "/describe");
        urls.put("sobject", base);
        return body;
    }

    private static ObjectNode field(FieldDef field) {
        ObjectNode node = JSON.objectNode();
        FieldType type = field.type();
        node.put("aggregatable", type != FieldType.TEXTAREA);
        node.put("autoNumber", false);
        node.put("byteLength", type.kind() == FieldType.Kind.TEXT ? field.length() * 3 : 0);
        node.put("calculated", false);
        node.put("caseSensitive", field.externalId());
        node.put("createable", field.createable());
        node.put("custom", field.custom());
        node.putNull("defaultValue");
        node.put("defaultedOnCreate", field.defaultedOnCreate());
        node.put("dependentPicklist", false);
        node.put("digits", type == FieldType.INT ? field.precision() : 0);
        node.put("externalId", field.externalId());
        node.put("filterable", field.filterable());
        node.put("groupable", type.kind() != FieldType.Kind.NUMBER && type != FieldType.TEXTAREA
                && type != FieldType.DATETIME);
        node.put("idLookup", field.idLookup());
        node.putNull("inlineHelpText");
        node.put("label", field.label());
        node.put("length", type.kind() == FieldType.Kind.TEXT ? field.length() : 0);
        node.put("name", field.name());
        node.put("nameField", "Name".equals(field.name()));
        node.put("nillable", field.nillable());
        ArrayNode picklist = node.putArray("picklistValues");
        for (String value : field.picklistValues()) {
            ObjectNode entry = picklist.addObject();
            entry.put("active", true);
            entry.put("defaultValue", false);
            entry.put("label", value);
            entry.putNull("validFor");
            entry.put("value", value);
        }
        node.put("polymorphicForeignKey", field.referenceTo().size() > 1);
        node.put("precision", type == FieldType.INT ? 0 : field.precision());
        ArrayNode references = node.putArray("referenceTo");
        field.referenceTo().forEach(references::add);
        if (field.relationshipName() == null) {
            node.putNull("relationshipName");
        } else {
            node.put("relationshipName", field.relationshipName());
        }
        node.put("restrictedPicklist", field.restrictedPicklist());
        node.put("scale", field.scale());
        node.put("soapType", type.soapType());
        node.put("sortable", field.filterable());
        node.put("type", type.describeName());
        node.put("unique", field.externalId());
        node.put("updateable", field.updateable());
        return node;
    }
}
