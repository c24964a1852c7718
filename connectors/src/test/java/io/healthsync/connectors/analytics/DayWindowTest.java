package io.healthsync.connectors.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayWindowTest {

    private static final Instant JUNE_17_MORNING = Instant.parse("2026-06-17T05:00:00Z");

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void first_pull_starts_history_days_ago_and_walks_seven_day_windows_up_to_yesterday() {
        List<String> windows = new ArrayList<>();
        for (DayWindow w = DayWindow.first(null, JUNE_17_MORNING, 30); w != null; w = w.next(JUNE_17_MORNING)) {
            windows.add(w.toString());
        }

        // 2026-06-17 minus 30 days is 2026-05-18; the last window stops at yesterday, 2026-06-16
        assertThat(windows).containsExactly(
                "2026-05-18..2026-05-24",
                "2026-05-25..2026-05-31",
                "2026-06-01..2026-06-07",
                "2026-06-08..2026-06-14",
                "2026-06-15..2026-06-16");
    }

    @Test
    void today_is_never_read_even_a_second_before_midnight() {
        Instant lateEvening = Instant.parse("2026-06-17T23:59:59Z");

        DayWindow window = DayWindow.first(day("2026-06-14"), lateEvening, 30);

        assertThat(window).isEqualTo(new DayWindow(day("2026-06-14"), day("2026-06-16")));
        assertThat(window.next(lateEvening)).isNull();
    }

    @Test
    void the_last_stored_day_is_read_again_together_with_the_days_completed_since() {
        assertThat(DayWindow.first(day("2026-06-10"), JUNE_17_MORNING, 30))
                .isEqualTo(new DayWindow(day("2026-06-10"), day("2026-06-16")));
        assertThat(DayWindow.first(day("2026-06-16"), Instant.parse("2026-06-18T00:10:00Z"), 30))
                .isEqualTo(new DayWindow(day("2026-06-16"), day("2026-06-17")));
    }

    @Test
    void nothing_is_asked_while_no_newer_day_is_complete() {
        assertThat(DayWindow.first(day("2026-06-16"), JUNE_17_MORNING, 30)).isNull();
        assertThat(DayWindow.first(day("2026-06-16"), Instant.parse("2026-06-17T23:59:59Z"), 30)).isNull();
        // a cursor ahead of the clock (a clock set back) asks for nothing rather than for the future
        assertThat(DayWindow.first(day("2026-06-20"), JUNE_17_MORNING, 30)).isNull();
    }

    @Test
    void no_history_still_reads_yesterday() {
        assertThat(DayWindow.first(null, JUNE_17_MORNING, 0))
                .isEqualTo(new DayWindow(day("2026-06-16"), day("2026-06-16")));
    }

    @Test
    void a_long_gap_is_caught_up_in_seven_day_windows() {
        DayWindow window = DayWindow.first(day("2026-05-01"), JUNE_17_MORNING, 30);

        assertThat(window).isEqualTo(new DayWindow(day("2026-05-01"), day("2026-05-07")));
        assertThat(window.days()).isEqualTo(DayWindow.MAX_DAYS);
        assertThat(window.next(JUNE_17_MORNING)).isEqualTo(new DayWindow(day("2026-05-08"), day("2026-05-14")));
    }

    @Test
    void the_first_half_keeps_the_earlier_days() {
        assertThat(new DayWindow(day("2026-06-10"), day("2026-06-16")).firstHalf())
                .isEqualTo(new DayWindow(day("2026-06-10"), day("2026-06-12")));
        assertThat(new DayWindow(day("2026-06-15"), day("2026-06-16")).firstHalf())
                .isEqualTo(new DayWindow(day("2026-06-15"), day("2026-06-15")));
    }

    @Test
    void the_cursor_is_the_last_day_stored() {
        assertThat(UsageCursor.of(day("2026-06-16"))).isEqualTo("{\"last_day\":\"2026-06-16\"}");
        assertThat(UsageCursor.lastDay("amplitude", "{\"last_day\": \"2026-06-16\"}")).isEqualTo(day("2026-06-16"));
        assertThat(UsageCursor.lastDay("amplitude", null)).isNull();
    }
}
