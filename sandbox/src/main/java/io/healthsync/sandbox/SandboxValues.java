package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Field values between their Java form in the org (String, Boolean, Integer, Double, LocalDate, Instant) and
 * their wire form: datetimes as 2026-01-01T00:00:00.000+0000, dates as 2026-01-01, whole numbers without a
 * fraction (as the recorded org responses show them), null as null.
 */
final class SandboxValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter WIRE_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);
    /** Accepts ...Z, ...+0000 and ...+00:00, with or without milliseconds; no offset means UTC. */
    private static final DateTimeFormatter LENIENT_DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    private SandboxValues() {
    }

    static JsonNode toJson(FieldDef field, Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (field.type().kind()) {
            case DATETIME -> JSON.textNode(formatDateTime((Instant) value));
            case DATE -> JSON.textNode(value.toString());
            case BOOLEAN -> JSON.booleanNode((Boolean) value);
            case NUMBER -> number(((Number) value).doubleValue());
            case TEXT -> JSON.textNode((String) value);
        };
    }

    /** Reads a value back from its wire form (persisted org state); a bad value here means a corrupt file. */
    static Object fromJson(FieldDef field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (field.type().kind()) {
            case DATETIME -> parseDateTime(node.asText());
            case DATE -> LocalDate.parse(node.asText());
            case BOOLEAN -> node.asBoolean();
            case NUMBER -> field.type() == FieldType.INT ? (Object) node.asInt() : (Object) node.asDouble();
            case TEXT -> node.asText();
        };
    }

    static String formatDateTime(Instant instant) {
        return WIRE_DATETIME.format(instant);
    }

    /** Parses the datetime forms Salesforce accepts in JSON bodies. */
    static Instant parseDateTime(String text) {
        OffsetDateTime parsed = OffsetDateTime.parse(text, LENIENT_DATETIME);
        return parsed.toInstant();
    }

    private static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return JSON.numberNode((long) value);
        }
        return JSON.numberNode(value);
    }
}
