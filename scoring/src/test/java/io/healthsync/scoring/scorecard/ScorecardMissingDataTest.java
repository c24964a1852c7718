package io.healthsync.scoring.scorecard;

import static io.healthsync.model.Signal.ACTIVE_RATE_30D;
import static io.healthsync.model.Signal.ACTIVE_USERS_PER_SEAT;
import static io.healthsync.model.Signal.CSAT_BAD_SHARE_90D;
import static io.healthsync.model.Signal.DAYS_SINCE_LAST_TOUCH;
import static io.healthsync.model.Signal.ESCALATIONS_30D;
import static io.healthsync.model.Signal.OPEN_OPPORTUNITIES;
import static io.healthsync.model.Signal.PAYMENT_FAILURES_90D;
import static io.healthsync.model.Signal.RESOLUTION_HOURS;
import static io.healthsync.model.Signal.TICKETS_30D;
import static io.healthsync.model.Signal.TICKET_TREND;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.mappings.ScorecardConfig;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.model.SignalValue;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalDetail;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Missing data at both levels, stale sources, and the drivers of the usage, support and billing signals. */
class ScorecardMissingDataTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final Offset<Double> EXACT = within(1e-9);

    // ---- (a) a signal no account has --------------------------------------------------------------

    @Test
    void should_leave_out_for_everyone_a_signal_no_account_has_and_share_its_weight() {
        Map<String, Double> weights = weights("touches_30d", 50.0, "payment_failures_90d", 50.0);
        List<AccountSignals> accounts = List.of(account("A", TOUCHES_30D, 1), account("B", TOUCHES_30D, 3));

        Scorecard.Run run = new Scorecard(config(weights, 3)).run(AS_OF, accounts);

        // the touches alone: 1 and 3 rank at 25 and 75, with the whole weight
        assertThat(run.scores()).extracting(HealthScore::score).containsExactly(25.0, 75.0);
        assertThat(run.scores().get(0).signals()).containsExactly(new SignalValue("touches_30d", 1.0, 25.0, 1.0));
        assertThat(run.scores().get(0).drivers()).extracting(Driver::text)
                .containsExactly("1 human touch in the last 30 days (-25 pts)",
                        "Not in this company's data, weighted out: billing"); // the note says what nobody has
        assertThat(run.leftOut()).containsExactly(PAYMENT_FAILURES_90D);
        assertThat(run.leftOutNote()).isEqualTo(
                "not scored, no account has data: payment_failures_90d (their weight went to the other signals)");
    }

    /** The shipped defaults keep the CRM weights in their CRM-only proportions (20:10 here, as 8:4 beside usage). */
    @Test
    void should_score_a_company_without_usage_and_support_data_exactly_as_on_its_other_signals_alone() {
        Map<String, Double> crmOnly = weights("days_since_last_touch", 20.0, "open_opportunities", 10.0);
        Map<String, Double> withSources = weights("days_since_last_touch", 8.0, "open_opportunities", 4.0,
                "active_users_per_seat", 40.0, "tickets_30d", 48.0);
        List<AccountSignals> accounts = List.of(
                account("A", DAYS_SINCE_LAST_TOUCH, 10, OPEN_OPPORTUNITIES, 0),
                account("B", DAYS_SINCE_LAST_TOUCH, 40, OPEN_OPPORTUNITIES, 2),
                account("C", DAYS_SINCE_LAST_TOUCH, 3, OPEN_OPPORTUNITIES, 1));

        List<HealthScore> before = new Scorecard(config(crmOnly, 3)).score(AS_OF, accounts);
        List<HealthScore> after = new Scorecard(config(withSources, 3)).score(AS_OF, accounts);

        // the same scores; the drivers add only the note of what the company has no data for
        assertThat(after).extracting(HealthScore::score).isEqualTo(before.stream().map(HealthScore::score).toList());
        assertThat(after.get(0).drivers()).hasSize(before.get(0).drivers().size() + 1)
                .startsWith(before.get(0).drivers().toArray(Driver[]::new))
                .last().satisfies(note -> assertThat(note.text())
                        .isEqualTo("Not in this company's data, weighted out: usage, support"));
        // A: touch 10 of {3, 10, 40} ranks 50, no opportunity 16.67: (2 * 50 + 16.67) / 3
        assertThat(after.get(0).score()).isCloseTo((2 * 50.0 + 100.0 / 6) / 3, EXACT);
    }

    // ---- (b) an account without a signal others have ----------------------------------------------

    /*
     * Weights: touches 50, active users per seat 30, 30-day active rate 20. C has no usage rows.
     *   touches 1, 2, 3 -> 16.67, 50, 83.33; usage ranked among A and B only -> 25 and 75
     *   A = 0.5 * 16.67 + 0.3 * 25 + 0.2 * 25 = 20.83;  C = the touches with the whole weight = 83.33
     */
    @Test
    void should_score_an_account_without_usage_on_the_rest_and_say_so() {
        Map<String, Double> weights = weights("touches_30d", 50.0, "active_users_per_seat", 30.0, "active_rate_30d", 20.0);
        List<AccountSignals> accounts = List.of(
                account("A", TOUCHES_30D, 1, ACTIVE_USERS_PER_SEAT, 0.1, ACTIVE_RATE_30D, 0.05),
                account("B", TOUCHES_30D, 2, ACTIVE_USERS_PER_SEAT, 0.3, ACTIVE_RATE_30D, 0.15),
                account("C", TOUCHES_30D, 3));

        List<HealthScore> scores = new Scorecard(config(weights, 3)).score(AS_OF, accounts);

        assertThat(scores.get(0).score()).isCloseTo(0.5 * 100.0 / 6 + 0.3 * 25 + 0.2 * 25, EXACT);
        HealthScore c = scores.get(2);
        assertThat(c.score()).isCloseTo(100.0 * 2.5 / 3, EXACT);
        assertThat(c.signals()).containsExactly(new SignalValue("touches_30d", 3.0, 100.0 * 2.5 / 3, 1.0),
                new SignalValue("active_users_per_seat", null, 50.0, 0.0), new SignalValue("active_rate_30d", null, 50.0, 0.0));
        assertThat(c.drivers()).containsExactly(
                new Driver("touches_30d", 100.0 * 2.5 / 3 - 50, "3 human touches in the last 30 days (+33 pts)"),
                new Driver(Scorecard.MISSING_NOTE, 0.0, "No data, not scored: usage"));
        assertThat(scores.get(0).drivers()).extracting(Driver::signal).doesNotContain(Scorecard.MISSING_NOTE);
    }

    @Test
    void should_name_a_missing_signal_alone_when_the_rest_of_its_family_is_there() {
        Map<String, Double> weights = weights("tickets_30d", 50.0, "resolution_hours", 50.0);
        List<AccountSignals> accounts = List.of(
                account("X", TICKETS_30D, 1, RESOLUTION_HOURS, 10),
                account("Y", TICKETS_30D, 2, RESOLUTION_HOURS, null),
                account("Z"));

        List<HealthScore> scores = new Scorecard(config(weights, 3)).score(AS_OF, accounts);

        assertThat(note(scores.get(1))).isEqualTo("No data, not scored: resolution time");
        assertThat(note(scores.get(2))).isEqualTo("No data, not scored: support");
        assertThat(scores.get(2).score()).isEqualTo(50.0); // nothing to rank: the typical account
    }

    // ---- stale sources ----------------------------------------------------------------------------

    @Test
    void should_note_each_stale_source_after_the_drivers_in_source_order() {
        Map<String, Double> weights = weights("touches_30d", 100.0);
        AccountSignals stale = new AccountSignals("A", "SMB", values(TOUCHES_30D, 1), Set.of(), Map.of(),
                Map.of("zendesk", "last complete pull 2026-11-30", "stripe", "last complete pull 2026-11-28"));

        HealthScore a = new Scorecard(config(weights, 3)).score(AS_OF, List.of(stale, account("B", TOUCHES_30D, 3))).get(0);

        assertThat(a.drivers()).extracting(Driver::text).containsExactly(
                "1 human touch in the last 30 days (-25 pts)",
                "Billing data stale (last complete pull 2026-11-28)",
                "Support data stale (last complete pull 2026-11-30)");
        assertThat(a.drivers().get(1)).isEqualTo(
                new Driver(Scorecard.STALE_NOTE, 0.0, "Billing data stale (last complete pull 2026-11-28)"));
        assertThat(a.score()).isEqualTo(25.0); // a note moves nothing
    }

    // ---- drivers of the new signals ---------------------------------------------------------------

    /* Two accounts: the worse value of each signal ranks 25, the better 75; weight w pulls by w * 25 / 100. */
    @Test
    void should_tell_usage_support_and_billing_drivers_with_their_numbers_and_change() {
        Map<String, Double> weights = weights("active_users_per_seat", 40.0, "escalations_30d", 24.0,
                "csat_bad_share_90d", 20.0, "payment_failures_90d", 16.0);
        AccountSignals worse = new AccountSignals("worse", "SMB",
                values(ACTIVE_USERS_PER_SEAT, 0.21, ESCALATIONS_30D, 3, CSAT_BAD_SHARE_90D, 0.4, PAYMENT_FAILURES_90D, 2),
                Set.of(), Map.of(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO, 0.35, SignalDetail.CSAT_RATINGS_90D, 5.0),
                Map.of());
        AccountSignals better = account("better", ACTIVE_USERS_PER_SEAT, 0.6, ESCALATIONS_30D, 0,
                CSAT_BAD_SHARE_90D, 0.0, PAYMENT_FAILURES_90D, 0);

        HealthScore score = new Scorecard(config(weights, 4)).score(AS_OF, List.of(worse, better)).get(0);

        assertThat(score.drivers()).extracting(Driver::text).containsExactly(
                "Active users per seat 0.21, down 40% in 30 days (-10 pts)",
                "3 tickets escalated in 30 days (-6 pts)",
                "CSAT: 2 of 5 ratings bad in 90 days (-5 pts)",
                "Payment failed twice in 90 days (-4 pts)");
    }

    @Test
    void should_state_a_ticket_trend_as_its_two_counts_and_hide_a_change_of_one_ticket_that_moves_little() {
        Map<String, Double> weights = weights("ticket_trend", 60.0, "open_opportunities", 40.0);
        List<AccountSignals> accounts = List.of(
                account("spike", TICKETS_30D, 5, TICKET_TREND, 3, OPEN_OPPORTUNITIES, 1),
                account("calm", TICKETS_30D, 1, TICKET_TREND, 0, OPEN_OPPORTUNITIES, 0));
        Map<String, Double> smallWeights = weights("ticket_trend", 8.0, "open_opportunities", 92.0);
        List<AccountSignals> oneMore = List.of(
                account("one more", TICKETS_30D, 2, TICKET_TREND, 1, OPEN_OPPORTUNITIES, 0),
                account("calm", TICKETS_30D, 1, TICKET_TREND, 0, OPEN_OPPORTUNITIES, 1));

        HealthScore spike = new Scorecard(config(weights, 3)).score(AS_OF, accounts).get(0);
        HealthScore small = new Scorecard(config(smallWeights, 3)).score(AS_OF, oneMore).get(0);

        assertThat(spike.drivers()).extracting(Driver::text).containsExactly(
                "Tickets: 5 in 30 days vs 2 the 30 before (-15 pts)", "1 open opportunity (+10 pts)");
        // fewer tickets is healthier: one more ticket (trend +1) ranks 25, 0.08 * -25 = -2 points: noise
        assertThat(small.drivers()).extracting(Driver::text).containsExactly("No open opportunities (-23 pts)");
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    private static String note(HealthScore score) {
        return score.drivers().stream().filter(d -> d.signal().equals(Scorecard.MISSING_NOTE)).map(Driver::text)
                .findFirst().orElse(null);
    }

    private static ScorecardConfig config(Map<String, Double> weights, int topDrivers) {
        return new ScorecardConfig(weights, Map.of(), 30, 70, 1, topDrivers);
    }

    private static Map<String, Double> weights(Object... keyThenWeight) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < keyThenWeight.length; i += 2) {
            weights.put((String) keyThenWeight[i], (Double) keyThenWeight[i + 1]);
        }
        return weights;
    }

    private static AccountSignals account(String id, Object... signalThenValue) {
        return new AccountSignals(id, "SMB", values(signalThenValue));
    }

    private static Map<Signal, Double> values(Object... signalThenValue) {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        for (int i = 0; i < signalThenValue.length; i += 2) {
            Number value = (Number) signalThenValue[i + 1];
            values.put((Signal) signalThenValue[i], value == null ? null : value.doubleValue());
        }
        return values;
    }
}
