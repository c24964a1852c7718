package io.healthsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OpportunityOpenOnTest {

    private static Opportunity created(String at, LocalDate closeDate, boolean closed) {
        return new Opportunity("006A", "001A", "Upsell", "Prospecting", "Upsell", 1000.0, Instant.parse(at), closeDate,
                closed, false);
    }

    @Test
    void open_from_its_utc_day_of_creation_until_the_day_it_closed() {
        LocalDate day = LocalDate.of(2026, 11, 24);

        assertThat(created("2026-11-24T23:59:59Z", null, false).openOn(day)).isTrue();
        assertThat(created("2026-11-25T00:00:00Z", null, false).openOn(day)).isFalse();
        assertThat(created("1969-12-31T23:00:00Z", null, false).openOn(LocalDate.of(1969, 12, 31))).isTrue();
        assertThat(created("1970-01-01T00:00:00Z", null, false).openOn(LocalDate.of(1969, 12, 31))).isFalse();
        assertThat(created("2026-10-01T08:00:00Z", day.plusDays(1), true).openOn(day)).isTrue();
        assertThat(created("2026-10-01T08:00:00Z", day, true).openOn(day)).isFalse();
    }
}
