package io.healthsync.scoring.scorecard;

import static io.healthsync.model.Signal.DAYS_SINCE_LAST_TOUCH;
import static io.healthsync.model.Signal.DAYS_SINCE_QBR;
import static io.healthsync.model.Signal.DAYS_TO_RENEWAL;
import static io.healthsync.model.Signal.OPEN_OPPORTUNITIES;
import static io.healthsync.model.Signal.TENURE_DAYS;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static io.healthsync.model.Signal.TOUCHES_90D;
import static io.healthsync.model.Signal.TOUCH_TREND;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Signal;
import org.junit.jupiter.api.Test;

class DriverTextTest {

    @Test
    void should_describe_each_signal_in_words_a_csm_reads() {
        assertThat(DriverText.describe(DAYS_SINCE_LAST_TOUCH, 41, false, -8)).isEqualTo("No human touch in 41 days (-8 pts)");
        assertThat(DriverText.describe(DAYS_SINCE_LAST_TOUCH, 3, false, 5)).isEqualTo("Last human touch 3 days ago (+5 pts)");
        assertThat(DriverText.describe(DAYS_SINCE_LAST_TOUCH, 0, false, 6)).isEqualTo("Human touch today (+6 pts)");
        assertThat(DriverText.describe(DAYS_SINCE_LAST_TOUCH, 300, true, -12)).isEqualTo("No human touch on record (-12 pts)");
        assertThat(DriverText.describe(TOUCHES_30D, 0, false, -4)).isEqualTo("No human touch in the last 30 days (-4 pts)");
        assertThat(DriverText.describe(TOUCHES_90D, 12, false, 3)).isEqualTo("12 human touches in the last 90 days (+3 pts)");
        assertThat(DriverText.describe(TOUCH_TREND, 4, false, 2)).isEqualTo("Touches: 4 more than the 30 days before (+2 pts)");
        assertThat(DriverText.describe(TOUCH_TREND, -3, false, -2)).isEqualTo("Touches: 3 fewer than the 30 days before (-2 pts)");
        assertThat(DriverText.describe(TOUCH_TREND, 0, false, 1)).isEqualTo("Touches: as many as the 30 days before (+1 pt)");
        assertThat(DriverText.describe(DAYS_SINCE_QBR, 200, false, -6)).isEqualTo("Last business review 200 days ago (-6 pts)");
        assertThat(DriverText.describe(DAYS_SINCE_QBR, 500, true, -7)).isEqualTo("No business review on record (-7 pts)");
        assertThat(DriverText.describe(OPEN_OPPORTUNITIES, 3, false, 4)).isEqualTo("3 open opportunities (+4 pts)");
        assertThat(DriverText.describe(OPEN_OPPORTUNITIES, 1, false, 2)).isEqualTo("1 open opportunity (+2 pts)");
        assertThat(DriverText.describe(DAYS_TO_RENEWAL, 25, false, -3)).isEqualTo("Renewal in 25 days (-3 pts)");
        assertThat(DriverText.describe(DAYS_TO_RENEWAL, 0, false, -5)).isEqualTo("Renewal due today (-5 pts)");
        assertThat(DriverText.describe(DAYS_TO_RENEWAL, -12, false, -5)).isEqualTo("Renewal overdue by 12 days (-5 pts)");
        assertThat(DriverText.describe(TENURE_DAYS, 45, false, -2)).isEqualTo("Customer for 45 days (-2 pts)");
        assertThat(DriverText.describe(TENURE_DAYS, 425, false, 1)).isEqualTo("Customer for 14 months (+1 pt)");
        assertThat(DriverText.describe(TENURE_DAYS, 1200, false, 3)).isEqualTo("Customer for 3 years (+3 pts)");
    }

    @Test
    void should_keep_every_driver_text_under_60_characters_even_for_extreme_values() {
        for (Signal signal : Signal.values()) {
            for (double value : new double[] {-99_999, -1, 0, 1, 99_999}) {
                for (boolean neverHappened : new boolean[] {false, true}) {
                    assertThat(DriverText.describe(signal, value, neverHappened, -100)).hasSizeLessThan(60);
                }
            }
        }
    }

    @Test
    void should_state_a_touch_trend_as_the_two_counts_it_compares() {
        assertThat(DriverText.describeTrend(2, 3, -4)).isEqualTo("Touches: 2 in 30 days vs 3 the 30 before (-4 pts)");
        assertThat(DriverText.describeTrend(7, 1, 1)).isEqualTo("Touches: 7 in 30 days vs 1 the 30 before (+1 pt)");
        assertThat(DriverText.describeTrend(99_999, 99_999, -100)).hasSizeLessThan(60);
    }

    @Test
    void should_round_points_half_away_from_zero() {
        assertThat(DriverText.roundPoints(0.5)).isEqualTo(1);
        assertThat(DriverText.roundPoints(-0.5)).isEqualTo(-1);
        assertThat(DriverText.roundPoints(0.49)).isZero();
        assertThat(DriverText.roundPoints(-0.49)).isZero();
        assertThat(DriverText.roundPoints(-2.5)).isEqualTo(-3);
        assertThat(DriverText.roundPoints(18.75)).isEqualTo(19);
    }
}
