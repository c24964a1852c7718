package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Reads typed values out of a Salesforce JSON record; a value of the wrong shape is a {@link BadValueException}. */
final class SalesforceValues {

    // Salesforce sends 2026-01-01T10:00:00.000+0000; ISO forms (Z, +00:00) are accepted too.
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private SalesforceValues() {
    }

    static final class BadValueException extends RuntimeException {
        BadValueException(String field, String value, String expected) {
            super("field " + field + ": expected " + expected + ", got \"" + value + "\"");
        }
    }

    static String text(JsonNode record, String field) {
        JsonNode node = record.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    static Instant datetime(JsonNode record, String field) {
        String value = text(record, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DATETIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadValueException(field, value, "a datetime like 2026-01-31T09:30:00.000+0000");
        }
    }

    static LocalDate date(JsonNode record, String field) {
        String value = text(record, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new BadValueException(field, value, "a date like 2026-01-31");
        }
    }

    static Double number(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.valueOf(node.asText().trim());
        } catch (NumberFormatException e) {
            throw new BadValueException(field, node.asText(), "a number");
        }
    }

    static boolean bool(JsonNode record, String field) {
        JsonNode node = record.get(field);
        return node != null && (node.isBoolean() ? node.asBoolean() : "true".equalsIgnoreCase(node.asText()));
    }
}
