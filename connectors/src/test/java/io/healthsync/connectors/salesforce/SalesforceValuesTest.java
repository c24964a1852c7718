package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Datetimes read digit by digit must be exactly what the formatter reads, and anything else still goes to it. */
class SalesforceValuesTest {

    /** The formatter's reading, which every value was read with before the quick path. */
    private static final DateTimeFormatter FORMATTER = SalesforceValues.DATETIME;

    @Test
    void the_shapes_salesforce_sends_are_read_as_the_formatter_reads_them() {
        List<String> values = List.of("2026-01-31T09:30:00.000+0000", "2026-01-31T09:30:00.000Z",
                "2026-01-31T09:30:00Z", "2026-01-31T09:30:00", "2026-01-31T09:30:00.5+0000",
                "2026-01-31T09:30:00.123456789Z", "2026-12-31T23:59:59.999-0800", "2026-06-01T00:00:00.000+05:30",
                "2024-02-29T12:00:00.000+0000", "1999-12-31T23:59:59.000-1130");
        for (String value : values) {
            assertThat(SalesforceValues.commonDatetime(value)).as(value)
                    .isEqualTo(OffsetDateTime.parse(value, FORMATTER).toInstant())
                    .isEqualTo(SalesforceValues.datetime("CreatedDate", value));
        }
        assertThat(SalesforceValues.datetime("CreatedDate", "2026-01-31T09:30:00.000+0100"))
                .isEqualTo(Instant.parse("2026-01-31T08:30:00Z"));
    }

    @Test
    void other_shapes_go_to_the_formatter_and_impossible_ones_are_refused_with_the_field() {
        // seconds left out: not the quick path's shape, still a datetime
        assertThat(SalesforceValues.commonDatetime("2026-01-31T09:30")).isNull();
        assertThat(SalesforceValues.datetime("LastModifiedDate", "2026-01-31T09:30"))
                .isEqualTo(Instant.parse("2026-01-31T09:30:00Z"));
        // an impossible day: the formatter's lenient reading (the month's last day) stands, as before
        assertThat(SalesforceValues.commonDatetime("2026-02-30T09:30:00.000+0000")).isNull();
        assertThat(SalesforceValues.datetime("CloseDate", "2026-02-30T09:30:00.000+0000"))
                .isEqualTo(OffsetDateTime.parse("2026-02-30T09:30:00.000+0000", FORMATTER).toInstant());
        for (String bad : List.of("2026-01-31 09:30:00", "2026-01-31T25:00:00Z",
                "2026-01-3xT09:30:00Z", "2026-01-31T09:30:00.000+00", "yesterday")) {
            assertThat(SalesforceValues.commonDatetime(bad)).as(bad).isNull();
            assertThatThrownBy(() -> SalesforceValues.datetime("LastModifiedDate", bad)).as(bad)
                    .isInstanceOf(SalesforceValues.BadValueException.class)
                    .hasMessageContaining("field LastModifiedDate").hasMessageContaining(bad);
        }
    }

    @Test
    void datetimes_and_dates_read_by_arithmetic_are_what_java_time_makes_of_the_same_digits() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            int year = random.nextInt(4) == 0 ? random.nextInt(10_000) : 1900 + random.nextInt(300);
            int month = random.nextInt(14);
            int day = random.nextInt(33);
            int hour = random.nextInt(25);
            int minute = random.nextInt(61);
            int second = random.nextInt(61);
            int offsetHours = random.nextInt(20);
            int offsetMinutes = random.nextInt(4) * 15;
            String sign = random.nextBoolean() ? "+" : "-";
            String value = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d%s%02d%02d", year, month, day, hour, minute,
                    second, random.nextInt(1000), sign, offsetHours, offsetMinutes);
            Instant expected;
            try {
                int offset = (sign.equals("-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
                expected = java.time.LocalDateTime.of(year, month, day, hour, minute, second,
                        Integer.parseInt(value.substring(20, 23)) * 1_000_000).toInstant(java.time.ZoneOffset.ofTotalSeconds(offset));
            } catch (java.time.DateTimeException e) {
                expected = null;
            }
            assertThat(SalesforceValues.commonDatetime(value)).as(value).isEqualTo(expected);

            String date = value.substring(0, 10);
            java.time.LocalDate expectedDate;
            try {
                expectedDate = java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                expectedDate = null;
            }
            com.fasterxml.jackson.databind.node.ObjectNode record = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode().put("CloseDate", value);
            if (expectedDate == null) {
                assertThatThrownBy(() -> SalesforceValues.date(record, "CloseDate")).as(value)
                        .isInstanceOf(SalesforceValues.BadValueException.class).hasMessageContaining("CloseDate");
            } else {
                assertThat(SalesforceValues.date(record, "CloseDate")).as(value).isEqualTo(expectedDate);
                assertThat(SalesforceValues.epochDay(year, month, day)).isEqualTo(expectedDate.toEpochDay());
            }
        }
    }
}
