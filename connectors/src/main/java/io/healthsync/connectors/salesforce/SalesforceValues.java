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
    static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
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
        return datetime(field, value);
    }

    /** A datetime's text as an instant; a value of another shape is a {@link BadValueException} naming the field. */
    static Instant datetime(String field, String value) {
        Instant at = instantOrNull(value);
        if (at == null) {
            throw new BadValueException(field, value, "a datetime like 2026-01-31T09:30:00.000+0000");
        }
        return at;
    }

    /** A datetime's text as an instant: the usual shapes by arithmetic, any other through the formatter; null if none. */
    static Instant instantOrNull(String value) {
        Instant quick = commonDatetime(value);
        if (quick != null) {
            return quick;
        }
        try {
            return OffsetDateTime.parse(value, DATETIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /**
     * The shapes Salesforce sends (2026-01-31T09:30:00.000+0000, ...Z, ...+00:00, fraction optional) read
     * digit by digit: the formatter took a quarter of the CPU of pulling a million Tasks. Null for any other
     * shape or an impossible date, which the formatter then reads or refuses as before.
     */
    static Instant commonDatetime(String value) {
        int length = value.length();
        if (length < 19 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != 'T'
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && value.charAt(at) == '.') {
            int start = ++at;
            while (at < length && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
                at++;
            }
            int places = at - start;
            if (places == 0 || places > 9) {
                return null;
            }
            nanos = digits(value, start, places) * POWERS_OF_TEN[9 - places];
        }
        int offsetSeconds;
        if (at == length) {
            offsetSeconds = 0; // no offset: UTC, as the formatter defaults it
        } else if (at == length - 1 && value.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if ((value.charAt(at) == '+' || value.charAt(at) == '-')
                && (at == length - 5 || (at == length - 6 && value.charAt(at + 3) == ':'))) {
            int hours = digits(value, at + 1, 2);
            int minutes = digits(value, length - 2, 2);
            if ((hours | minutes) < 0) {
                return null;
            }
            offsetSeconds = (value.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
                || second > 59 || Math.abs(offsetSeconds) > MAX_OFFSET_SECONDS) {
            return null; // 2026-02-30, an offset beyond 18 hours: the formatter says what is wrong
        }
        // the arithmetic, not LocalDateTime.of(...).toInstant(): 1.7 million records a backfill, two datetimes each
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second
                - offsetSeconds, nanos);
    }

    /** As {@link java.time.ZoneOffset} allows: 18 hours either way. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3_600;

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar, as {@link LocalDate#toEpochDay}. Years
     * are counted from March, so that the leap day is the last day of a year and each month starts a fixed number of
     * days in (153 days every 5 months); 400 years are 146,097 days.
     */
    static long epochDay(int year, int month, int day) {
        int marchYear = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(marchYear, 400);
        int yearOfEra = marchYear - era * 400;
        int dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L; // 719,468: days from 0000-03-01 to 1970-01-01
    }

    /** The number {@code count} ASCII digits spell from {@code start}, or -1 when one is not a digit. */
    private static int digits(String value, int start, int count) {
        int number = 0;
        for (int i = start; i < start + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    static LocalDate date(JsonNode record, String field) {
        String value = text(record, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 2);
            int day = digits(value, 8, 2);
            if ((year | month | day) >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
                return LocalDate.of(year, month, day); // what the parser reads, without the parser's cost
            }
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
