package io.healthsync.scoring.expansion;

import static io.healthsync.model.Signal.ACTIVE_RATE_30D;
import static io.healthsync.model.Signal.ACTIVE_RATE_TREND;
import static io.healthsync.model.Signal.CSAT_BAD_SHARE_90D;
import static io.healthsync.model.Signal.FEATURE_BREADTH;
import static io.healthsync.model.Signal.PLAN_CHANGE_90D;
import static io.healthsync.model.Signal.TICKETS_30D;
import static io.healthsync.scoring.expansion.ExpansionSignal.MODULE_DEPTH;
import static io.healthsync.scoring.expansion.ExpansionSignal.SATISFACTION;
import static io.healthsync.scoring.expansion.ExpansionSignal.SEAT_UTILISATION;
import static io.healthsync.scoring.expansion.ExpansionSignal.USER_GROWTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalDetail;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ExpansionScorecardTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final Offset<Double> EXACT = within(1e-9);

    @Test
    void should_rate_an_account_with_broad_adoption_growing_users_and_good_csat_high() {
        AccountSignals broad = broad("A");

        ExpansionScore score = new ExpansionScorecard().run(AS_OF, List.of(broad)).scores().get(0);

        // depth 6/7 of 40, utilisation 0.55/0.6 of 30, growth +18% (past +10%) all 15, 9 of 10 good: (0.9-0.5)/0.5 of
        // 10; out of 95, as feature requests (DOMAIN's other 5) are not measured
        double expected = (40.0 * 6 / 7 + 30.0 * 0.55 / 0.6 + 15.0 + 10.0 * 0.8) / 0.95;
        assertThat(score.score()).isCloseTo(expected, EXACT);
        assertThat(score.roundedScore()).isEqualTo(89);
        assertThat(score.tier()).isEqualTo(ExpansionTier.HIGH);
        assertThat(score.propensity()).isCloseTo(expected / 100, EXACT);
        assertThat(score.coverage()).isCloseTo(1.0, EXACT);
        assertThat(score.notes()).isEmpty();
        assertThat(score.signals()).extracting(ExpansionSignalValue::name)
                .containsExactly("module_depth", "seat_utilisation", "user_growth", "satisfaction");
        ExpansionSignalValue depth = score.signals().get(0);
        assertThat(depth.value()).isCloseTo(6.0 / 7, EXACT);
        assertThat(depth.weight()).isCloseTo(40.0 / 95, EXACT);
        assertThat(depth.points()).isCloseTo(40.0 * 6 / 7 / 0.95, EXACT);
        assertThat(score.signals()).extracting(ExpansionSignalValue::text).containsExactly(
                "Uses 6 of 7 tracked features", "55% of seats active daily (30-day average)",
                "Active users +18% vs a quarter ago", "CSAT: 9 of 10 ratings good in 90 days");
        assertThat(score.signals().stream().mapToDouble(ExpansionSignalValue::points).sum())
                .isCloseTo(score.score(), EXACT);
        assertThat(score.description()).isEqualTo("Expansion readiness 89/100 (high): "
                + "Uses 6 of 7 tracked features (+36 pts); 55% of seats active daily (30-day average) (+29 pts); "
                + "Active users +18% vs a quarter ago (+16 pts); CSAT: 9 of 10 ratings good in 90 days (+8 pts)");
    }

    @Test
    void should_rate_a_shrinking_account_low_and_give_its_decline_no_points() {
        AccountSignals shrinking = account("S", Map.of(FEATURE_BREADTH, 2.0 / 7, ACTIVE_RATE_30D, 0.12,
                ACTIVE_RATE_TREND, -0.25, CSAT_BAD_SHARE_90D, 0.4), features(2, 7));

        ExpansionScore score = new ExpansionScorecard().run(AS_OF, List.of(shrinking)).scores().get(0);

        // 40 * 2/7 + 30 * 0.12/0.6 + 0 + 10 * (0.6 - 0.5)/0.5, out of 95
        assertThat(score.score()).isCloseTo((40.0 * 2 / 7 + 6.0 + 0.0 + 2.0) / 0.95, EXACT);
        assertThat(score.tier()).isEqualTo(ExpansionTier.LOW);
        assertThat(score.signals().get(2)).isEqualTo(new ExpansionSignalValue("user_growth", -0.25, 15.0 / 95, 0.0,
                "Active users -25% vs a quarter ago"));
        assertThat(score.talkingPoints()).extracting(ExpansionSignalValue::name)
                .containsExactly("module_depth", "seat_utilisation", "satisfaction");
    }

    @Test
    void should_weight_out_for_everyone_a_signal_no_account_has_and_for_one_account_what_it_lacks() {
        AccountSignals full = account("A", Map.of(FEATURE_BREADTH, 1.0, ACTIVE_RATE_30D, 0.3, ACTIVE_RATE_TREND, 0.05),
                features(7, 7));
        AccountSignals young = account("B", Map.of(FEATURE_BREADTH, 0.5, ACTIVE_RATE_30D, 0.6), features(3, 6));

        ExpansionScorecard.Run run = new ExpansionScorecard().run(AS_OF, List.of(full, young));

        assertThat(run.leftOut()).containsExactly(SATISFACTION); // no CSAT anywhere: 40/30/15 share the score
        assertThat(run.leftOutNote()).isEqualTo("expansion: not scored, no account has data: satisfaction "
                + "(their weight went to the other signals)");
        ExpansionScore a = run.scores().get(0);
        assertThat(a.score()).isCloseTo(100 * (40 * 1.0 + 30 * 0.5 + 15 * 0.5) / 85, EXACT);
        assertThat(a.coverage()).isCloseTo(85.0 / 95, EXACT);
        assertThat(a.signals()).extracting(ExpansionSignalValue::name)
                .containsExactly("module_depth", "seat_utilisation", "user_growth");
        assertThat(a.notes()).containsExactly("Not in this company's data, weighted out: CSAT ratings");
        // B has no usage a quarter ago: depth and utilisation share its score 40:30
        ExpansionScore b = run.scores().get(1);
        assertThat(b.score()).isCloseTo(100 * (40 * 0.5 + 30 * 1.0) / 70, EXACT);
        assertThat(b.coverage()).isCloseTo(70.0 / 95, EXACT);
        assertThat(b.signals().get(2)).isEqualTo(new ExpansionSignalValue("user_growth", null, 0.0, 0.0, null));
        assertThat(b.notes()).containsExactly("No data, not scored: active users a quarter ago",
                "Not in this company's data, weighted out: CSAT ratings");
    }

    @Test
    void should_rate_an_account_without_any_expansion_data_zero_and_say_so() {
        AccountSignals crmOnly = account("C", Map.of(TICKETS_30D, 3.0), Map.of());
        AccountSignals other = broad("A");

        ExpansionScore score = new ExpansionScorecard().run(AS_OF, List.of(crmOnly, other)).scores().get(0);

        assertThat(score.score()).isZero();
        assertThat(score.tier()).isEqualTo(ExpansionTier.LOW);
        assertThat(score.coverage()).isZero();
        assertThat(score.notes()).containsExactly("No data on any expansion signal: not rated",
                "No data, not scored: feature use, active users per seat, active users a quarter ago, CSAT ratings");
    }

    @Test
    void should_follow_the_weights_it_is_given() {
        AccountSignals deep = account("D", Map.of(FEATURE_BREADTH, 1.0, ACTIVE_RATE_TREND, 0.0), features(7, 7));
        AccountSignals growing = account("G", Map.of(FEATURE_BREADTH, 0.2, ACTIVE_RATE_TREND, 0.3), features(1, 5));

        ExpansionScorecard depthHeavy = new ExpansionScorecard(Map.of(MODULE_DEPTH, 3.0, USER_GROWTH, 1.0), 0);
        ExpansionScorecard growthHeavy = new ExpansionScorecard(Map.of(MODULE_DEPTH, 1.0, USER_GROWTH, 3.0), 0);
        List<ExpansionScore> byDepth = depthHeavy.run(AS_OF, List.of(deep, growing)).scores();
        List<ExpansionScore> byGrowth = growthHeavy.run(AS_OF, List.of(deep, growing)).scores();

        assertThat(byDepth).extracting(ExpansionScore::score).containsExactly(75.0, 15.0 + 25.0);
        assertThat(byGrowth).extracting(ExpansionScore::score).containsExactly(25.0, 5.0 + 75.0);
        // a weight of 0 switches a signal off; only the proportions of the weights matter
        ExpansionScorecard depthOnly = new ExpansionScorecard(Map.of(MODULE_DEPTH, 0.4, SEAT_UTILISATION, 0.0), 0);
        assertThat(depthOnly.run(AS_OF, List.of(deep, growing)).scores())
                .extracting(ExpansionScore::score).containsExactly(100.0, 20.0);
        ExpansionScorecard scaled = new ExpansionScorecard(Map.of(MODULE_DEPTH, 300.0, USER_GROWTH, 100.0), 0);
        assertThat(scaled.run(AS_OF, List.of(deep, growing)).scores()).extracting(ExpansionScore::score)
                .containsExactly(byDepth.get(0).score(), byDepth.get(1).score());
    }

    @Test
    void should_add_the_prior_upsell_bonus_for_a_net_upgrade_but_never_past_100() {
        Map<Signal, Double> middling = Map.of(FEATURE_BREADTH, 0.5, PLAN_CHANGE_90D, 1.0);
        Map<Signal, Double> top = Map.of(FEATURE_BREADTH, 0.98, PLAN_CHANGE_90D, 2.0);
        Map<Signal, Double> downgraded = Map.of(FEATURE_BREADTH, 0.5, PLAN_CHANGE_90D, -1.0);
        ExpansionScorecard depthOnly = new ExpansionScorecard(Map.of(MODULE_DEPTH, 1.0), 5.0);

        List<ExpansionScore> scores = depthOnly.run(AS_OF, List.of(account("M", middling, Map.of()),
                account("T", top, Map.of()), account("D", downgraded, Map.of()))).scores();

        assertThat(scores).extracting(ExpansionScore::score).containsExactly(55.0, 100.0, 50.0);
        assertThat(scores.get(0).signals().get(1)).isEqualTo(new ExpansionSignalValue(ExpansionScorecard.PRIOR_UPSELL,
                1.0, 0.0, 5.0, "Plan upgraded in the last 90 days"));
        assertThat(scores.get(1).signals().get(1).points()).isCloseTo(2.0, within(1e-9));
        assertThat(scores.get(1).signals().get(1).text()).isEqualTo("Plan upgraded 2 times (net) in the last 90 days");
        assertThat(scores.get(2).signals()).hasSize(1);
        assertThat(new ExpansionScorecard(Map.of(MODULE_DEPTH, 1.0), 0.0)
                .run(AS_OF, List.of(account("M", middling, Map.of()))).scores().get(0).score()).isEqualTo(50.0);
    }

    @Test
    void should_give_each_account_the_same_score_whatever_the_order_and_on_every_run() {
        List<AccountSignals> accounts = new ArrayList<>(List.of(broad("A"),
                account("B", Map.of(FEATURE_BREADTH, 0.3, ACTIVE_RATE_30D, 0.2, CSAT_BAD_SHARE_90D, 0.0), Map.of()),
                account("C", Map.of(ACTIVE_RATE_TREND, 0.04), Map.of())));
        ExpansionScorecard scorecard = new ExpansionScorecard();

        List<ExpansionScore> first = scorecard.run(AS_OF, accounts).scores();
        List<ExpansionScore> again = scorecard.run(AS_OF, accounts).scores();
        Collections.reverse(accounts);
        List<ExpansionScore> reversed = new ArrayList<>(scorecard.run(AS_OF, accounts).scores());
        Collections.reverse(reversed);

        assertThat(again).isEqualTo(first);
        assertThat(reversed).isEqualTo(first);
    }

    @Test
    void should_put_the_tier_boundaries_where_domain_puts_them() {
        assertThat(ExpansionTier.of(81)).isEqualTo(ExpansionTier.HIGH);
        assertThat(ExpansionTier.of(80)).isEqualTo(ExpansionTier.MEDIUM);
        assertThat(ExpansionTier.of(50)).isEqualTo(ExpansionTier.MEDIUM);
        assertThat(ExpansionTier.of(49)).isEqualTo(ExpansionTier.LOW);
    }

    @Test
    void should_refuse_weights_that_cannot_score() {
        assertThatThrownBy(() -> new ExpansionScorecard(Map.of(MODULE_DEPTH, -1.0), 5))
                .hasMessage("expansion weight of 'module_depth' must be a number >= 0, got -1.0");
        assertThatThrownBy(() -> new ExpansionScorecard(Map.of(MODULE_DEPTH, 0.0), 5))
                .hasMessage("expansion weights: at least one signal needs a weight above 0");
        assertThatThrownBy(() -> new ExpansionScorecard(Map.of(MODULE_DEPTH, 1.0), 120))
                .hasMessage("expansion prior-upsell bonus must be 0..100 points, got 120.0");
        assertThat(ExpansionSignal.fromKey("user_growth")).contains(USER_GROWTH);
        assertThat(ExpansionScorecard.defaultWeights()).containsExactly(Map.entry(MODULE_DEPTH, 40.0),
                Map.entry(SEAT_UTILISATION, 30.0), Map.entry(USER_GROWTH, 15.0), Map.entry(SATISFACTION, 10.0));
    }

    private static AccountSignals broad(String id) {
        Map<SignalDetail, Double> details = new EnumMap<>(features(6, 7));
        details.put(SignalDetail.CSAT_RATINGS_90D, 10.0);
        return account(id, Map.of(FEATURE_BREADTH, 6.0 / 7, ACTIVE_RATE_30D, 0.55, ACTIVE_RATE_TREND, 0.18,
                CSAT_BAD_SHARE_90D, 0.1), details);
    }

    private static Map<SignalDetail, Double> features(int used, int tracked) {
        return Map.of(SignalDetail.FEATURES_USED_30D, (double) used, SignalDetail.FEATURES_TRACKED, (double) tracked);
    }

    private static AccountSignals account(String id, Map<Signal, Double> values, Map<SignalDetail, Double> details) {
        return new AccountSignals(id, "SMB", values, Set.of(), details, Map.of());
    }
}
