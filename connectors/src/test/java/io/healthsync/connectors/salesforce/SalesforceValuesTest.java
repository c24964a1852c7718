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
}
