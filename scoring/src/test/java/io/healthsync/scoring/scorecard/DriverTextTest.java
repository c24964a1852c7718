package io.healthsync.scoring.scorecard;

import static io.healthsync.model.Signal.ACTIVE_RATE_30D;
import static io.healthsync.model.Signal.ACTIVE_RATE_TREND;
import static io.healthsync.model.Signal.ACTIVE_USERS_PER_SEAT;
import static io.healthsync.model.Signal.CANCELLATION_INTENT_90D;
import static io.healthsync.model.Signal.CSAT_BAD_SHARE_90D;
import static io.healthsync.model.Signal.DAYS_SINCE_LAST_TOUCH;
import static io.healthsync.model.Signal.ESCALATIONS_30D;
import static io.healthsync.model.Signal.FEATURE_BREADTH;
import static io.healthsync.model.Signal.PAYMENT_FAILURES_90D;
import static io.healthsync.model.Signal.PLAN_CHANGE_90D;
import static io.healthsync.model.Signal.RESOLUTION_HOURS;
import static io.healthsync.model.Signal.TICKETS_30D;
import static io.healthsync.model.Signal.TICKET_TREND;
import static io.healthsync.model.Signal.DAYS_SINCE_QBR;
import static io.healthsync.model.Signal.DAYS_TO_RENEWAL;
import static io.healthsync.model.Signal.OPEN_OPPORTUNITIES;
import static io.healthsync.model.Signal.TENURE_DAYS;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static io.healthsync.model.Signal.TOUCHES_90D;
import static io.healthsync.model.Signal.TOUCH_TREND;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalDetail;
import java.util.Map;
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
    void should_describe_usage_support_and_billing_signals_with_their_numbers() {
        Map<SignalDetail, Double> monthAgo = Map.of(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO, 0.35);
        assertThat(DriverText.describe(ACTIVE_USERS_PER_SEAT, 0.21, false, monthAgo, -6))
                .isEqualTo("Active users per seat 0.21, down 40% in 30 days (-6 pts)");
        assertThat(DriverText.describe(ACTIVE_USERS_PER_SEAT, 0.42, false,
                Map.of(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO, 0.4), 1))
                .isEqualTo("Active users per seat 0.42, up 5% in 30 days (+1 pt)");
        assertThat(DriverText.describe(ACTIVE_USERS_PER_SEAT, 0.4, false,
                Map.of(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO, 0.4), 1))
                .isEqualTo("Active users per seat 0.40, steady in 30 days (+1 pt)");
        assertThat(DriverText.describe(ACTIVE_USERS_PER_SEAT, 0.5, false, 3)).isEqualTo("Active users per seat 0.50 (+3 pts)");
        assertThat(DriverText.describe(ACTIVE_RATE_30D, 0.35, false, -2)).isEqualTo("30-day active rate 35% of seats (-2 pts)");
        assertThat(DriverText.describe(ACTIVE_RATE_TREND, -0.4, false, -4)).isEqualTo("Active rate down 40% vs a quarter ago (-4 pts)");
        assertThat(DriverText.describe(FEATURE_BREADTH, 0.375, false,
                Map.of(SignalDetail.FEATURES_USED_30D, 3.0, SignalDetail.FEATURES_TRACKED, 8.0), -2))
                .isEqualTo("Used 3 of 8 tracked features in 30 days (-2 pts)");
        assertThat(DriverText.describe(FEATURE_BREADTH, 0.375, false, -2)).isEqualTo("Used 38% of tracked features in 30 days (-2 pts)");
        assertThat(DriverText.describe(TICKETS_30D, 1, false, 2)).isEqualTo("1 ticket opened in 30 days (+2 pts)");
        assertThat(DriverText.describe(TICKETS_30D, 7, false, -5)).isEqualTo("7 tickets opened in 30 days (-5 pts)");
        assertThat(DriverText.describe(TICKET_TREND, 4, false, -3)).isEqualTo("Tickets: 4 more than the 30 days before (-3 pts)");
        assertThat(DriverText.describe(ESCALATIONS_30D, 3, false, -6)).isEqualTo("3 tickets escalated in 30 days (-6 pts)");
        assertThat(DriverText.describe(ESCALATIONS_30D, 0, false, 2)).isEqualTo("No tickets escalated in 30 days (+2 pts)");
        assertThat(DriverText.describe(RESOLUTION_HOURS, 17.6, false, -2)).isEqualTo("Median ticket resolution 18 hours (90 days) (-2 pts)");
        assertThat(DriverText.describe(RESOLUTION_HOURS, 100, false, -4)).isEqualTo("Median ticket resolution 4 days (90 days) (-4 pts)");
        assertThat(DriverText.describe(CSAT_BAD_SHARE_90D, 0.4, false, Map.of(SignalDetail.CSAT_RATINGS_90D, 5.0), -5))
                .isEqualTo("CSAT: 2 of 5 ratings bad in 90 days (-5 pts)");
        assertThat(DriverText.describe(CSAT_BAD_SHARE_90D, 0.25, false, -5)).isEqualTo("CSAT: 25% of ratings bad in 90 days (-5 pts)");
        assertThat(DriverText.describe(CANCELLATION_INTENT_90D, 2, false, -8))
                .isEqualTo("Cancellation intent in 2 tickets in 90 days (-8 pts)");
        assertThat(DriverText.describe(CANCELLATION_INTENT_90D, 0, false, 1)).isEqualTo("No cancellation intent in 90 days (+1 pt)");
        assertThat(DriverText.describe(PAYMENT_FAILURES_90D, 1, false, -3)).isEqualTo("Payment failed once in 90 days (-3 pts)");
        assertThat(DriverText.describe(PAYMENT_FAILURES_90D, 2, false, -4)).isEqualTo("Payment failed twice in 90 days (-4 pts)");
        assertThat(DriverText.describe(PAYMENT_FAILURES_90D, 4, false, -6)).isEqualTo("Payment failed 4 times in 90 days (-6 pts)");
        assertThat(DriverText.describe(PLAN_CHANGE_90D, 1, false, 4)).isEqualTo("Plan upgraded in 90 days (+4 pts)");
        assertThat(DriverText.describe(PLAN_CHANGE_90D, -2, false, -5)).isEqualTo("Plan downgraded 2 times (net) in 90 days (-5 pts)");
    }

    @Test
    void should_tell_notes_on_stale_and_missing_data_in_the_words_of_the_data() {
        assertThat(DriverText.stale("zendesk", "last complete pull 2026-11-30"))
                .isEqualTo("Support data stale (last complete pull 2026-11-30)");
        assertThat(DriverText.stale("amplitude", "")).isEqualTo("Usage data stale");
        assertThat(DriverText.stale("hubspot", "last pull failed")).isEqualTo("hubspot data stale (last pull failed)");
        assertThat(DriverText.missing(java.util.List.of("billing", "renewal date")))
                .isEqualTo("No data, not scored: billing, renewal date");
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
