package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Turns a JSON value sent for a field into the value the org stores, refusing what Salesforce refuses:
 * wrong types, strings over the field's length, values outside a restricted picklist, numbers outside the
 * field's precision, Ids that are malformed or point at nothing. Numbers are rounded to the field's scale.
 */
final class FieldWriteRules {

    private FieldWriteRules() {
    }

    static Object coerce(SandboxOrg org, FieldDef field, JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty()
                && field.type().kind() == FieldType.Kind.TEXT)) {
            if (!field.nillable() && field.type() != FieldType.BOOLEAN) {
                throw WriteError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field.name() + "]",
                        field.name()).reject();
            }
            return field.type() == FieldType.BOOLEAN ? Boolean.FALSE : null;
        }
        if (node.isContainerNode()) {
            throw wrongType(field, node);
        }
        return switch (field.type().kind()) {
            case TEXT -> field.type() == FieldType.REFERENCE ? reference(org, field, node.asText()) : text(field, node);
            case NUMBER -> number(field, node);
            case BOOLEAN -> bool(field, node);
            case DATE -> date(field, node);
            case DATETIME -> dateTime(field, node);
        };
    }

    private static String text(FieldDef field, JsonNode node) {
        String value = node.asText();
        if (value.length() > field.length()) {
            String shown = value.length() > 300 ? value.substring(0, 300) + "..." : value;
            throw WriteError.of("STRING_TOO_LONG", field.label() + ": data value too large: " + shown
                    + " (max length=" + field.length() + ")", field.name()).reject();
        }
        if (field.restrictedPicklist() && !field.picklistValues().contains(value)) {
            throw WriteError.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                    + ": bad value for restricted picklist field: " + value, field.name()).reject();
        }
        return value;
    }

    private static Object number(FieldDef field, JsonNode node) {
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            throw wrongType(field, node);
        }
        if (field.type() == FieldType.INT) {
            if (value.stripTrailingZeros().scale() > 0
                    || value.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw wrongType(field, node);
            }
            return value.intValue();
        }
        BigDecimal rounded = value.setScale(field.scale(), RoundingMode.HALF_UP);
        int integerDigits = rounded.precision() - rounded.scale();
        if (field.precision() > 0 && integerDigits > field.precision() - field.scale()) {
            throw WriteError.of("NUMBER_OUTSIDE_VALID_RANGE", field.label()
                    + ": value outside of valid range on numeric field: " + node.asText(), field.name()).reject();
        }
        return rounded.doubleValue();
    }

    private static Boolean bool(FieldDef field, JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String text = node.asText();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw wrongType(field, node);
    }

    private static LocalDate date(FieldDef field, JsonNode node) {
        if (!node.isTextual()) {
            throw wrongType(field, node);
        }
        String text = node.asText();
        try {
            return text.length() > 10 ? OrgTimeline.dateOf(SandboxValues.parseDateTime(text)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw wrongType(field, node);
        }
    }

    private static Object dateTime(FieldDef field, JsonNode node) {
        if (!node.isTextual()) {
            throw wrongType(field, node);
        }
        try {
            return SandboxValues.parseDateTime(node.asText());
        } catch (DateTimeParseException e) {
            throw wrongType(field, node);
        }
    }

    private static String reference(SandboxOrg org, FieldDef field, String id) {
        if (!SalesforceIds.isWellFormed(id)) {
            throw WriteError.of("MALFORMED_ID", field.label() + ": id value of incorrect type: " + id, field.name())
                    .reject();
        }
        String full = SalesforceIds.to18(id);
        for (String target : field.referenceTo()) {
            SObjectTable table = org.table(target);
            Object[] row = table.get(full);
            if (row != null && RecordDeletions.isDeleted(table, row)) {
                // relating a record to one in the Recycle Bin is refused, as an update of a deleted record is
                throw WriteError.of("ENTITY_IS_DELETED", "entity is deleted", field.name()).reject();
            }
            if (row != null) {
                return full;
            }
        }
        throw WriteError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", field.name()).reject();
    }

    private static WriteError.Rejected wrongType(FieldDef field, JsonNode node) {
        return WriteError.of("INVALID_TYPE_ON_FIELD_IN_RECORD", field.label() + ": value not of required type: "
                + node.asText(), field.name()).reject();
    }
}
