package io.healthsync.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.OutcomeKind;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingWindowsTest {

    private static final LocalDate RENEWAL = LocalDate.of(2026, 6, 30);
    private static final OutcomeTarget RENEWED = new OutcomeTarget(OutcomeKind.RENEWED);

    @Test
    void the_windows_last_day_falls_in_the_last_band_not_a_band_beyond_the_window() {
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            journeys.add(journey("with" + i, OutcomeKind.RENEWED, 180)); // on the window's first day: 180 days before
            journeys.add(journey("without" + i, i % 2 == 0 ? OutcomeKind.RENEWED : OutcomeKind.CHURNED, -1));
        }

        TimingWindow window = TimingWindows.of("training", journeys, RENEWED, 180, true);

        assertThat(window).isNotNull();
        assertThat(window.fromDays()).isEqualTo(150);
        assertThat(window.toDays()).isEqualTo(180);
        assertThat(window.journeys()).isEqualTo(40);
    }

    @Test
    void a_band_with_too_few_journeys_is_not_named() {
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < TimingWindows.MIN_JOURNEYS - 1; i++) {
            journeys.add(journey("with" + i, OutcomeKind.RENEWED, 45));
        }
        for (int i = 0; i < 100; i++) {
            journeys.add(journey("without" + i, i % 2 == 0 ? OutcomeKind.RENEWED : OutcomeKind.CHURNED, -1));
        }

        assertThat(TimingWindows.of("training", journeys, RENEWED, 180, true)).isNull();
    }

    /** A journey ending in {@code outcome} at RENEWAL, with one training {@code daysBefore} it (none when negative). */
    private static Journey journey(String account, OutcomeKind outcome, int daysBefore) {
        List<Touchpoint> touchpoints = daysBefore < 0 ? List.of()
                : List.of(new Touchpoint("training", RENEWAL.minusDays(daysBefore).atStartOfDay().toInstant(ZoneOffset.UTC)));
        return new Journey(account, null, touchpoints, outcome, RENEWAL, 1_000);
    }
}
