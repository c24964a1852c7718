package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
public final class SandboxValues {

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

    /** A value's wire form as text ({@code toJson(field, value).asText()}, without the node); null for null. */
    static String text(FieldDef field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.type().kind()) {
            case DATETIME -> formatDateTime((Instant) value);
            case NUMBER -> {
                double number = ((Number) value).doubleValue();
                yield whole(number) ? Long.toString((long) number) : Double.toString(number);
            }
            default -> value.toString();
        };
    }

    /** Writes a value in its wire form, as {@link #toJson} makes it. */
    static void write(JsonGenerator json, FieldDef field, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (field.type().kind()) {
            case DATETIME -> json.writeString(formatDateTime((Instant) value));
            case DATE -> json.writeString(value.toString());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case NUMBER -> {
                double number = ((Number) value).doubleValue();
                if (whole(number)) {
                    json.writeNumber((long) number);
                } else {
                    json.writeNumber(number);
                }
            }
            case TEXT -> json.writeString((String) value);
        }
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

    /**
     * 2026-12-06T09:56:25.123+0000, as the REST API writes datetimes. Written by hand for the years an org holds:
     * the formatter, for every datetime of every record of a query page, was a quarter of the sandbox's work in a
     * drifted pull (CPU it takes from the app it serves on a small machine).
     */
    static String formatDateTime(Instant instant) {
        return formatDateTime(instant, "+0000", WIRE_DATETIME);
    }

    /**
     * The datetime to the millisecond in UTC, then {@code zone} ("+0000", or "Z" as Bulk API results write it);
     * {@code formatter} writes the same outside years 1000-9999.
     */
    static String formatDateTime(Instant instant, String zone, DateTimeFormatter formatter) {
        return formatDateTime(instant, 'T', zone, formatter);
    }

    /**
     * The datetime to the millisecond in UTC, date and time parted by {@code separator}, then {@code suffix} (a zone,
     * or Amplitude's microseconds "000"); {@code formatter} (with its zone) writes the same outside years 1000-9999.
     */
    public static String formatDateTime(Instant instant, char separator, String suffix, DateTimeFormatter formatter) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return formatter.format(instant);
        }
        char[] out = new char[23 + suffix.length()];
        digits(out, 0, t.getYear(), 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = separator;
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, t.getNano() / 1_000_000, 3);
        suffix.getChars(0, suffix.length(), out, 23);
        return new String(out);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The formatter {@link #formatDateTime} matches (and falls back to outside years 1000-9999). */
    static String formatDateTimeByFormatter(Instant instant) {
        return WIRE_DATETIME.format(instant);
    }

    /** The datetime parsed last, with its text. */
    private record Parsed(String text, Instant instant) {
    }

    private static volatile Parsed lastParsed = new Parsed("", Instant.EPOCH);

    /**
     * Parses the datetime forms Salesforce accepts in JSON bodies. The text parsed last is kept: a write sends the
     * same stamp (healthsync's Health_Updated__c, say) in every record of a 100,000-record job, and parsing it each
     * time was a sixth of the sandbox's work in a first apply.
     */
    static Instant parseDateTime(String text) {
        Parsed last = lastParsed;
        if (last.text().equals(text)) {
            return last.instant();
        }
        Instant instant = OffsetDateTime.parse(text, LENIENT_DATETIME).toInstant();
        lastParsed = new Parsed(text, instant);
        return instant;
    }

    private static JsonNode number(double value) {
        if (whole(value)) {
            return JSON.numberNode((long) value);
        }
        return JSON.numberNode(value);
    }

    /** A number the API writes without a fraction (72, not 72.0). */
    private static boolean whole(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15;
    }
}
