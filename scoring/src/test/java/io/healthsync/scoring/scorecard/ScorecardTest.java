package io.healthsync.scoring.scorecard;

import static io.healthsync.model.Signal.DAYS_SINCE_LAST_TOUCH;
import static io.healthsync.model.Signal.DAYS_SINCE_QBR;
import static io.healthsync.model.Signal.DAYS_TO_RENEWAL;
import static io.healthsync.model.Signal.OPEN_OPPORTUNITIES;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static io.healthsync.model.Signal.TOUCHES_90D;
import static io.healthsync.model.Signal.TOUCH_TREND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.mappings.ScorecardConfig;
import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.model.SignalValue;
import io.healthsync.scoring.features.AccountSignals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ScorecardTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final Offset<Double> EXACT = within(1e-9);

    /*
     * Four Enterprise accounts, weights 50 / 30 / 20:
     *   days since touch (lower is better): A 10, B 20, C 20, D 40  -> 87.5, 50, 50, 12.5
     *   open opportunities:                 A 0,  B 1,  C 2,  D 3   -> 12.5, 37.5, 62.5, 87.5
     *   days to renewal:                    A 100, B -, C 50, D 200 -> 50, -, 16.67, 83.33 (n = 3)
     */
    private static final Map<String, Double> WEIGHTS = weights(
            "days_since_last_touch", 50.0, "open_opportunities", 30.0, "days_to_renewal", 20.0);
    private final List<AccountSignals> fourAccounts = List.of(
            account("A", "Enterprise", DAYS_SINCE_LAST_TOUCH, 10, OPEN_OPPORTUNITIES, 0, DAYS_TO_RENEWAL, 100),
            account("B", "Enterprise", DAYS_SINCE_LAST_TOUCH, 20, OPEN_OPPORTUNITIES, 1, DAYS_TO_RENEWAL, null),
            account("C", "Enterprise", DAYS_SINCE_LAST_TOUCH, 20, OPEN_OPPORTUNITIES, 2, DAYS_TO_RENEWAL, 50),
            account("D", "Enterprise", DAYS_SINCE_LAST_TOUCH, 40, OPEN_OPPORTUNITIES, 3, DAYS_TO_RENEWAL, 200));

    @Test
    void should_score_the_weighted_mean_of_cohort_percentiles() {
        List<HealthScore> scores = new Scorecard(config(WEIGHTS, 4, 3)).score(AS_OF, fourAccounts);

        assertThat(scores).extracting(HealthScore::accountId).containsExactly("A", "B", "C", "D");
        assertThat(scores.get(0).score()).isCloseTo(0.5 * 87.5 + 0.3 * 12.5 + 0.2 * 50.0, EXACT).isCloseTo(57.5, EXACT);
        assertThat(scores.get(1).score()).isCloseTo(45.3125, EXACT); // 0.625 * 50 + 0.375 * 37.5
        assertThat(scores.get(2).score()).isCloseTo(25.0 + 18.75 + 10.0 / 3, EXACT);
        assertThat(scores.get(3).score()).isCloseTo(6.25 + 26.25 + 50.0 / 3, EXACT);

        HealthScore c = scores.get(2);
        assertThat(percentiles(c)).containsExactly(50.0, 62.5, 100.0 / 6);
        assertThat(c.band()).isEqualTo(Band.YELLOW);
        assertThat(c.modelVersion()).isEqualTo("scorecard-v1");
        assertThat(c.churnProbability()).isNull();
        assertThat(c.expansionProbability()).isNull();
        assertThat(c.asOf()).isEqualTo(AS_OF);
    }

    @Test
    void scores_alone_are_the_runs_scores_and_bands_without_signals_or_drivers() {
        ScorecardConfig config = new ScorecardConfig(WEIGHTS, Map.of("SMB", weights("touches_30d", 100.0)), 30, 70, 2, 3);
        List<AccountSignals> accounts = new java.util.ArrayList<>(fourAccounts);
        accounts.add(account("S1", "SMB", TOUCHES_30D, 1, OPEN_OPPORTUNITIES, 0));
        accounts.add(account("S2", "SMB", TOUCHES_30D, 3, OPEN_OPPORTUNITIES, 0));
        accounts.add(account("N", null, DAYS_SINCE_LAST_TOUCH, null, OPEN_OPPORTUNITIES, null, DAYS_TO_RENEWAL, null));
        Scorecard scorecard = new Scorecard(config);

        List<HealthScore> full = scorecard.score(AS_OF, accounts);
        List<HealthScore> alone = scorecard.scoresOnly(AS_OF, accounts);

        assertThat(alone).extracting(HealthScore::accountId, HealthScore::score, HealthScore::band, HealthScore::asOf,
                HealthScore::modelVersion).containsExactlyElementsOf(full.stream().map(s -> org.assertj.core.groups.Tuple
                        .tuple(s.accountId(), s.score(), s.band(), s.asOf(), s.modelVersion())).toList());
        assertThat(alone.get(0).score()).isCloseTo(57.5, EXACT);
        assertThat(alone).allSatisfy(s -> {
            assertThat(s.signals()).isEmpty();
            assertThat(s.drivers()).isEmpty();
        });
    }

    @Test
    void scores_from_a_signal_tables_columns_are_the_same_doubles_as_the_runs() {
        // segments large, small (ranked with everyone) and unknown, missing values, ties, and a segment weight set
        java.util.Random random = new java.util.Random(7);
        String[] segments = {"Enterprise", "SMB", "Tiny", null};
        Signal[] signals = {DAYS_SINCE_LAST_TOUCH, TOUCHES_30D, TOUCHES_90D, TOUCH_TREND, DAYS_SINCE_QBR,
                OPEN_OPPORTUNITIES, DAYS_TO_RENEWAL};
        List<AccountSignals> accounts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String segment = i % 97 == 0 ? "Tiny" : segments[random.nextInt(segments.length)];
            Map<Signal, Double> values = new EnumMap<>(Signal.class);
            for (Signal signal : signals) {
                values.put(signal, random.nextInt(5) == 0 ? null : (double) random.nextInt(12) - 3 + random.nextInt(3) / 4.0);
            }
            accounts.add(new AccountSignals("A" + i, segment, values));
        }
        accounts.add(new AccountSignals("NONE", "SMB", Map.of()));
        ScorecardConfig config = new ScorecardConfig(weights("days_since_last_touch", 25.0, "touches_30d", 15.0,
                "touch_trend", 10.0, "days_since_qbr", 20.0, "open_opportunities", 10.0, "days_to_renewal", 20.0),
                Map.of("SMB", weights("touches_90d", 60.0, "touch_trend", 40.0)), 30, 70, 20, 3);
        Scorecard scorecard = new Scorecard(config);

        List<HealthScore> run = scorecard.score(AS_OF, accounts);
        List<HealthScore> columns = scorecard.scoresOnly(
                io.healthsync.scoring.features.SignalTable.of(AS_OF, accounts));

        assertThat(columns).hasSize(run.size());
        for (int i = 0; i < run.size(); i++) {
            assertThat(columns.get(i).accountId()).isEqualTo(run.get(i).accountId());
            assertThat(columns.get(i).score()).as(run.get(i).accountId()).isEqualTo(run.get(i).score());
            assertThat(columns.get(i).band()).isEqualTo(run.get(i).band());
            assertThat(columns.get(i).asOf()).isEqualTo(AS_OF);
        }
        assertThat(run.stream().map(HealthScore::band).distinct()).hasSize(3); // the data spans every band
        assertThat(columns.get(columns.size() - 1).score()).isEqualTo(Scorecard.NOT_RANKED);
    }

    @Test
    void should_give_tied_values_their_mid_rank() {
        List<AccountSignals> accounts = List.of(
                account("A", "SMB", TOUCHES_30D, 5), account("B", "SMB", TOUCHES_30D, 5),
                account("C", "SMB", TOUCHES_30D, 5), account("D", "SMB", TOUCHES_30D, 9));

        List<HealthScore> scores = new Scorecard(config(weights("touches_30d", 100.0), 1, 3)).score(AS_OF, accounts);

        assertThat(scores).extracting(HealthScore::score).containsExactly(37.5, 37.5, 37.5, 87.5);
    }

    @Test
    void should_rank_everyone_at_50_when_all_values_are_equal() {
        List<AccountSignals> accounts = List.of(account("A", "SMB", TOUCHES_30D, 2), account("B", "SMB", TOUCHES_30D, 2));

        List<HealthScore> scores = new Scorecard(config(weights("touches_30d", 100.0), 1, 3)).score(AS_OF, accounts);

        assertThat(scores).extracting(HealthScore::score).containsExactly(50.0, 50.0);
        assertThat(scores.get(0).drivers()).isEmpty();
    }

    @Test
    void should_flip_the_percentile_when_lower_is_better() {
        List<AccountSignals> accounts = List.of(
                account("recent", "SMB", DAYS_SINCE_LAST_TOUCH, 1, TOUCHES_30D, 1),
                account("stale", "SMB", DAYS_SINCE_LAST_TOUCH, 2, TOUCHES_30D, 2));

        List<HealthScore> scores = new Scorecard(config(weights("days_since_last_touch", 50.0, "touches_30d", 50.0), 1, 3))
                .score(AS_OF, accounts);

        assertThat(percentiles(scores.get(0))).containsExactly(75.0, 25.0);
        assertThat(percentiles(scores.get(1))).containsExactly(25.0, 75.0);
    }

    @Test
    void should_share_the_weight_of_a_missing_signal_among_the_others_in_proportion() {
        HealthScore b = new Scorecard(config(WEIGHTS, 4, 3)).score(AS_OF, fourAccounts).get(1);

        assertThat(b.signals()).containsExactly(
                new SignalValue("days_since_last_touch", 20.0, 50.0, 0.625),
                new SignalValue("open_opportunities", 1.0, 37.5, 0.375),
                new SignalValue("days_to_renewal", null, 50.0, 0.0));
        assertThat(b.signals().stream().mapToDouble(SignalValue::weight).sum()).isCloseTo(1.0, EXACT);
    }

    @Test
    void should_rank_a_signal_only_among_accounts_that_have_it() {
        HealthScore a = new Scorecard(config(WEIGHTS, 4, 3)).score(AS_OF, fourAccounts).get(0);

        // renewal 100 is the middle of {50, 100, 200}: B without a renewal date does not count
        assertThat(a.signals().get(2)).isEqualTo(new SignalValue("days_to_renewal", 100.0, 50.0, 0.2));
    }

    @Test
    void should_leave_out_signals_weighted_zero() {
        Map<String, Double> weights = weights("touches_30d", 100.0, "open_opportunities", 0.0);
        List<AccountSignals> accounts = List.of(
                account("A", "SMB", TOUCHES_30D, 1, OPEN_OPPORTUNITIES, 5), account("B", "SMB", TOUCHES_30D, 0, OPEN_OPPORTUNITIES, 0));

        HealthScore a = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts).get(0);

        assertThat(a.signals()).extracting(SignalValue::name).containsExactly("touches_30d");
        assertThat(a.drivers()).extracting(Driver::signal).containsExactly("touches_30d");
        assertThat(a.score()).isEqualTo(75.0);
    }

    @Test
    void should_rank_a_small_or_unknown_segment_against_all_accounts() {
        List<AccountSignals> accounts = List.of(
                account("E1", "Enterprise", TOUCHES_30D, 10), account("E2", "Enterprise", TOUCHES_30D, 20),
                account("E3", "Enterprise", TOUCHES_30D, 30),
                account("S1", "SMB", TOUCHES_30D, 1), account("S2", "SMB", TOUCHES_30D, 40),
                account("N", null, TOUCHES_30D, 25));

        Map<String, Double> scores = byId(new Scorecard(config(weights("touches_30d", 100.0), 3, 3)).score(AS_OF, accounts));

        // Enterprise (3 >= 3) ranks within itself: 10 is 16.67 there, it would be 25 among all six
        assertThat(scores.get("E1")).isCloseTo(100.0 * 0.5 / 3, EXACT);
        assertThat(scores.get("E2")).isCloseTo(50.0, EXACT);
        // SMB (2 < 3) and the unknown segment rank among all six: 1, 10, 20, 25, 30, 40
        assertThat(scores.get("S1")).isCloseTo(100.0 * 0.5 / 6, EXACT);
        assertThat(scores.get("S2")).isCloseTo(100.0 * 5.5 / 6, EXACT);
        assertThat(scores.get("N")).isCloseTo(100.0 * 3.5 / 6, EXACT);
    }

    @Test
    void should_weight_each_segment_with_its_own_weight_set() {
        ScorecardConfig config = new ScorecardConfig(weights("touches_30d", 100.0),
                Map.of("Enterprise", weights("open_opportunities", 100.0)), 30, 70, 2, 3);
        List<AccountSignals> accounts = List.of(
                account("E1", "Enterprise", TOUCHES_30D, 1, OPEN_OPPORTUNITIES, 0),
                account("E2", "Enterprise", TOUCHES_30D, 0, OPEN_OPPORTUNITIES, 1),
                account("S1", "SMB", TOUCHES_30D, 1, OPEN_OPPORTUNITIES, 0),
                account("S2", "SMB", TOUCHES_30D, 0, OPEN_OPPORTUNITIES, 1));

        List<HealthScore> scores = new Scorecard(config).score(AS_OF, accounts);

        assertThat(scores).extracting(HealthScore::score).containsExactly(25.0, 75.0, 75.0, 25.0);
        assertThat(scores.get(0).signals()).extracting(SignalValue::name).containsExactly("open_opportunities");
        assertThat(scores.get(2).signals()).extracting(SignalValue::name).containsExactly("touches_30d");
    }

    @Test
    void should_band_on_the_rounded_score_at_the_red_and_yellow_thresholds() {
        // 100 distinct values: the account with value k scores exactly k + 0.5
        List<AccountSignals> accounts = IntStream.range(0, 100)
                .mapToObj(k -> account("a" + k, "SMB", TOUCHES_30D, k)).collect(Collectors.toList());

        List<HealthScore> scores = new Scorecard(config(weights("touches_30d", 100.0), 1, 3)).score(AS_OF, accounts);

        assertThat(scores.get(29).score()).isEqualTo(29.5);
        assertThat(List.of(scores.get(29), scores.get(30), scores.get(69), scores.get(70)))
                .extracting(HealthScore::roundedScore, HealthScore::band)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(30, Band.RED),
                        org.assertj.core.groups.Tuple.tuple(31, Band.YELLOW),
                        org.assertj.core.groups.Tuple.tuple(70, Band.YELLOW),
                        org.assertj.core.groups.Tuple.tuple(71, Band.GREEN));
    }

    @Test
    void should_report_drivers_strongest_first_without_those_rounding_to_zero() {
        HealthScore a = new Scorecard(config(WEIGHTS, 4, 3)).score(AS_OF, fourAccounts).get(0);

        // touch: 0.5 * (87.5 - 50) = +18.75; opportunities: 0.3 * (12.5 - 50) = -11.25; renewal: 0.2 * 0 = 0
        assertThat(a.drivers()).containsExactly(
                new Driver("days_since_last_touch", 18.75, "Last human touch 10 days ago (+19 pts)"),
                new Driver("open_opportunities", -11.25, "No open opportunities (-11 pts)"));
    }

    @Test
    void should_keep_only_the_configured_number_of_drivers() {
        HealthScore a = new Scorecard(config(WEIGHTS, 4, 1)).score(AS_OF, fourAccounts).get(0);

        assertThat(a.drivers()).extracting(Driver::signal).containsExactly("days_since_last_touch");
    }

    @Test
    void should_break_driver_ties_by_signal_order_not_config_order() {
        Map<String, Double> weights = weights("open_opportunities", 50.0, "touches_30d", 50.0);
        List<AccountSignals> accounts = List.of(
                account("A", "SMB", TOUCHES_30D, 1, OPEN_OPPORTUNITIES, 0),
                account("B", "SMB", TOUCHES_30D, 0, OPEN_OPPORTUNITIES, 1));

        List<HealthScore> scores = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts);

        assertThat(scores.get(0).drivers()).extracting(Driver::text).containsExactly(
                "1 human touch in the last 30 days (+13 pts)", "No open opportunities (-13 pts)");
        assertThat(scores.get(1).drivers()).extracting(Driver::text).containsExactly(
                "No human touch in the last 30 days (-13 pts)", "1 open opportunity (+13 pts)");
    }

    /*
     * Two SMB accounts ranked against each other: the worse value of a signal ranks at percentile 25, the
     * better at 75, so a signal of weight w pulls the worse account by w * (25 - 50) / 100 points.
     */
    @Test
    void should_merge_the_touch_drivers_that_all_say_no_touch_into_one_with_their_summed_points() {
        Map<String, Double> weights = weights("days_since_last_touch", 50.0, "touches_30d", 20.0, "touches_90d", 30.0);
        List<AccountSignals> accounts = List.of(
                account("silent", "SMB", DAYS_SINCE_LAST_TOUCH, 266, TOUCHES_30D, 0, TOUCHES_90D, 0),
                account("busy", "SMB", DAYS_SINCE_LAST_TOUCH, 3, TOUCHES_30D, 2, TOUCHES_90D, 5));

        List<HealthScore> scores = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts);

        // -12.5 (days) - 5 (30 days) - 7.5 (90 days): one fact, one driver
        assertThat(scores.get(0).drivers()).containsExactly(
                new Driver("days_since_last_touch", -25.0, "No human touch in 266 days (-25 pts)"));
        // touches that happened are three facts, each its own driver
        assertThat(scores.get(1).drivers()).extracting(Driver::text).containsExactly(
                "Last human touch 3 days ago (+13 pts)", "5 human touches in the last 90 days (+8 pts)",
                "2 human touches in the last 30 days (+5 pts)");
        // the score itself is untouched by how its drivers are told
        assertThat(scores.get(0).score()).isCloseTo(25.0, EXACT);
    }

    @Test
    void should_give_the_slots_freed_by_a_merge_to_the_next_strongest_signals() {
        Map<String, Double> weights = weights("days_since_last_touch", 40.0, "touches_30d", 20.0, "touches_90d", 20.0,
                "open_opportunities", 20.0);
        List<AccountSignals> accounts = List.of(
                account("silent", "SMB", DAYS_SINCE_LAST_TOUCH, 266, TOUCHES_30D, 0, TOUCHES_90D, 0, OPEN_OPPORTUNITIES, 0),
                account("busy", "SMB", DAYS_SINCE_LAST_TOUCH, 3, TOUCHES_30D, 2, TOUCHES_90D, 5, OPEN_OPPORTUNITIES, 3));

        HealthScore silent = new Scorecard(config(weights, 1, 2)).score(AS_OF, accounts).get(0);

        assertThat(silent.drivers()).extracting(Driver::text).containsExactly(
                "No human touch in 266 days (-20 pts)", "No open opportunities (-5 pts)");
    }

    @Test
    void should_tell_a_silence_never_broken_as_no_touch_on_record() {
        Map<String, Double> weights = weights("days_since_last_touch", 50.0, "touches_90d", 50.0);
        List<AccountSignals> accounts = List.of(
                new AccountSignals("never", "SMB", values(DAYS_SINCE_LAST_TOUCH, 20, TOUCHES_90D, 0), Set.of(DAYS_SINCE_LAST_TOUCH)),
                account("recent", "SMB", DAYS_SINCE_LAST_TOUCH, 5, TOUCHES_90D, 4));

        HealthScore never = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts).get(0);

        // a young account never touched: 20 days on record, yet the same fact as 0 touches in 90 days
        assertThat(never.drivers()).extracting(Driver::text).containsExactly("No human touch on record (-25 pts)");
    }

    @Test
    void should_not_show_no_touch_in_30_days_next_to_no_touch_in_90_days() {
        Map<String, Double> weights = weights("touches_30d", 40.0, "touches_90d", 60.0);
        List<AccountSignals> accounts = List.of(
                account("silent", "SMB", TOUCHES_30D, 0, TOUCHES_90D, 0),
                account("busy", "SMB", TOUCHES_30D, 1, TOUCHES_90D, 3));

        HealthScore silent = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts).get(0);

        assertThat(silent.drivers()).containsExactly(
                new Driver("touches_90d", -25.0, "No human touch in the last 90 days (-25 pts)"));
    }

    @Test
    void should_merge_only_the_windows_that_are_silent() {
        Map<String, Double> weights = weights("days_since_last_touch", 50.0, "touches_30d", 20.0, "touches_90d", 30.0);
        List<AccountSignals> accounts = List.of(
                account("quiet", "SMB", DAYS_SINCE_LAST_TOUCH, 40, TOUCHES_30D, 0, TOUCHES_90D, 2),
                account("busy", "SMB", DAYS_SINCE_LAST_TOUCH, 3, TOUCHES_30D, 2, TOUCHES_90D, 5));

        HealthScore quiet = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts).get(0);

        // 40 days of silence include the last 30 (-12.5 - 5); the 2 touches within 90 days are another fact
        assertThat(quiet.drivers()).extracting(Driver::text).containsExactly(
                "No human touch in 40 days (-18 pts)", "2 human touches in the last 90 days (-8 pts)");
    }

    @Test
    void should_merge_a_trend_of_nothing_vs_nothing_into_the_silence() {
        Map<String, Double> weights = weights("days_since_last_touch", 50.0, "touch_trend", 50.0);
        List<AccountSignals> accounts = List.of(
                account("silent", "SMB", DAYS_SINCE_LAST_TOUCH, 100, TOUCHES_30D, 0, TOUCH_TREND, 0),
                account("growing", "SMB", DAYS_SINCE_LAST_TOUCH, 2, TOUCHES_30D, 4, TOUCH_TREND, 3));

        HealthScore silent = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts).get(0);

        assertThat(silent.drivers()).extracting(Driver::text).containsExactly("No human touch in 100 days (-25 pts)");
    }

    @Test
    void should_state_a_touch_trend_as_its_two_counts() {
        Map<String, Double> weights = weights("touch_trend", 50.0, "open_opportunities", 50.0);
        List<AccountSignals> accounts = List.of(
                account("down", "SMB", TOUCHES_30D, 2, TOUCH_TREND, -1, OPEN_OPPORTUNITIES, 1),
                account("up", "SMB", TOUCHES_30D, 5, TOUCH_TREND, 3, OPEN_OPPORTUNITIES, 0));

        List<HealthScore> scores = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts);

        // a change of one touch that still moves the score by 13 points is shown, as the counts it compares
        assertThat(scores.get(0).drivers()).extracting(Driver::text).containsExactly(
                "Touches: 2 in 30 days vs 3 the 30 before (-13 pts)", "1 open opportunity (+13 pts)");
        assertThat(scores.get(1).drivers()).extracting(Driver::text).containsExactly(
                "Touches: 5 in 30 days vs 2 the 30 before (+13 pts)", "No open opportunities (-13 pts)");
    }

    @Test
    void should_leave_out_a_trend_of_one_touch_that_moves_the_score_little() {
        Map<String, Double> weights = weights("touch_trend", 8.0, "open_opportunities", 92.0);
        List<AccountSignals> accounts = List.of(
                account("down", "SMB", TOUCHES_30D, 2, TOUCH_TREND, -1, OPEN_OPPORTUNITIES, 0),
                account("up", "SMB", TOUCHES_30D, 5, TOUCH_TREND, 3, OPEN_OPPORTUNITIES, 2));

        List<HealthScore> scores = new Scorecard(config(weights, 1, 3)).score(AS_OF, accounts);

        // 0.08 * (25 - 50) = -2 points for one touch less: noise, left out
        assertThat(scores.get(0).drivers()).extracting(Driver::text).containsExactly("No open opportunities (-23 pts)");
        // the same 2 points for a change of 3 touches are shown
        assertThat(scores.get(1).drivers()).extracting(Driver::text).containsExactly(
                "2 open opportunities (+23 pts)", "Touches: 5 in 30 days vs 2 the 30 before (+2 pts)");
    }

    @Test
    void should_say_when_no_business_review_is_on_record() {
        List<AccountSignals> accounts = List.of(
                new AccountSignals("never", "SMB", values(DAYS_SINCE_QBR, 400), Set.of(DAYS_SINCE_QBR)),
                account("recent", "SMB", DAYS_SINCE_QBR, 20));

        HealthScore never = new Scorecard(config(weights("days_since_qbr", 100.0), 1, 3)).score(AS_OF, accounts).get(0);

        assertThat(never.drivers()).extracting(Driver::text).containsExactly("No business review on record (-25 pts)");
    }

    @Test
    void should_score_an_account_without_any_weighted_data_as_typical() {
        List<AccountSignals> accounts = List.of(account("A", "SMB", DAYS_TO_RENEWAL, null), account("B", "SMB", DAYS_TO_RENEWAL, 30));

        HealthScore a = new Scorecard(config(weights("days_to_renewal", 100.0), 1, 3)).score(AS_OF, accounts).get(0);

        assertThat(a.score()).isEqualTo(50.0);
        assertThat(a.drivers()).containsExactly(new Driver("missing_data", 0.0, "No data, not scored: renewal date"));
        assertThat(a.signals()).containsExactly(new SignalValue("days_to_renewal", null, 50.0, 0.0));
    }

    @Test
    void should_give_identical_output_for_identical_input_whatever_the_input_order() {
        Scorecard scorecard = new Scorecard(config(WEIGHTS, 2, 3));
        List<AccountSignals> reversed = new ArrayList<>(fourAccounts);
        Collections.reverse(reversed);

        List<HealthScore> first = scorecard.score(AS_OF, fourAccounts);
        List<HealthScore> second = scorecard.score(AS_OF, fourAccounts);
        List<HealthScore> fromReversed = scorecard.score(AS_OF, reversed);

        assertThat(second).isEqualTo(first);
        assertThat(fromReversed).extracting(HealthScore::accountId).containsExactly("D", "C", "B", "A");
        assertThat(byAccountId(fromReversed)).isEqualTo(byAccountId(first));
    }

    @Test
    void should_refuse_a_weight_for_an_unknown_signal() {
        assertThatThrownBy(() -> new Scorecard(new ScorecardConfig(weights("touches_30d", 100.0),
                Map.of("SMB", weights("logins_7d", 100.0)), 30, 70, 10, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment SMB")
                .hasMessageContaining("'logins_7d' is not a signal")
                .hasMessageContaining("touches_30d");
    }

    @Test
    void should_join_whole_drivers_up_to_the_maximum_length() {
        List<Driver> drivers = List.of(driver("aaaa"), driver("bb"), driver("c"));

        assertThat(Scorecard.driversText(drivers, 11)).isEqualTo("aaaa; bb; c");
        assertThat(Scorecard.driversText(drivers, 10)).isEqualTo("aaaa; bb");
        assertThat(Scorecard.driversText(drivers, 8)).isEqualTo("aaaa; bb");
        assertThat(Scorecard.driversText(drivers, 7)).isEqualTo("aaaa");
        assertThat(Scorecard.driversText(drivers, 4)).isEqualTo("aaaa");
        assertThat(Scorecard.driversText(drivers, 3)).isEmpty();
        assertThat(Scorecard.driversText(List.of(), 255)).isEmpty();
    }

    @Test
    void should_not_skip_a_driver_that_does_not_fit_to_squeeze_in_a_weaker_one() {
        List<Driver> drivers = List.of(driver("aaaa"), driver("bbbbbbbb"), driver("c"));

        assertThat(Scorecard.driversText(drivers, 9)).isEqualTo("aaaa");
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    private static ScorecardConfig config(Map<String, Double> weights, int minCohortSize, int topDrivers) {
        return new ScorecardConfig(weights, Map.of(), 30, 70, minCohortSize, topDrivers);
    }

    private static Map<String, Double> weights(Object... keyThenWeight) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < keyThenWeight.length; i += 2) {
            weights.put((String) keyThenWeight[i], (Double) keyThenWeight[i + 1]);
        }
        return weights;
    }

    private static AccountSignals account(String id, String segment, Object... signalThenValue) {
        return new AccountSignals(id, segment, values(signalThenValue));
    }

    private static Map<Signal, Double> values(Object... signalThenValue) {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        for (int i = 0; i < signalThenValue.length; i += 2) {
            Number value = (Number) signalThenValue[i + 1];
            values.put((Signal) signalThenValue[i], value == null ? null : value.doubleValue());
        }
        return values;
    }

    private static Driver driver(String text) {
        return new Driver("touches_30d", 1.0, text);
    }

    private static List<Double> percentiles(HealthScore score) {
        return score.signals().stream().map(SignalValue::percentile).collect(Collectors.toList());
    }

    private static Map<String, Double> byId(List<HealthScore> scores) {
        return scores.stream().collect(Collectors.toMap(HealthScore::accountId, HealthScore::score));
    }

    private static Map<String, HealthScore> byAccountId(List<HealthScore> scores) {
        return scores.stream().collect(Collectors.toMap(HealthScore::accountId, Function.identity()));
    }
}
