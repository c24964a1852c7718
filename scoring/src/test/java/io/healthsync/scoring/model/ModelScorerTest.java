package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.model.SignalValue;
import io.healthsync.scoring.features.AccountSignals;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A churn model trained here on a table where one signal decides churn (no human touch for over 60 days:
 * 80% churn, else 10%), the others noise, saved and promoted in a registry as {@code train} does, and
 * scored through {@link ModelScorer}. Expected probabilities come from the trained model in memory,
 * so the test checks that loading, the feature contract and the batching reproduce it.
 */
class ModelScorerTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final List<String> FEATURES = List.of("days_since_last_touch", "touches_30d", "tenure_days",
            "segment=Enterprise", "segment=SMB");
    private static final List<String> SEGMENTS = List.of("Enterprise", "SMB");

    private static HistoryTable table;
    private static ChurnModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        Random random = new Random(7);
        int rows = 3000;
        float[] features = new float[rows * FEATURES.size()];
        int[] labels = new int[rows];
        String[] ids = new String[rows];
        for (int r = 0; r < rows; r++) {
            float days = random.nextInt(120);
            features[r * 5] = random.nextInt(25) == 0 ? Float.NaN : days;
            features[r * 5 + 1] = random.nextInt(8);
            features[r * 5 + 2] = 30 + random.nextInt(1500);
            int segment = random.nextInt(3); // 2: blank
            features[r * 5 + 3] = segment == 2 ? Float.NaN : segment == 0 ? 1 : 0;
            features[r * 5 + 4] = segment == 2 ? Float.NaN : segment == 1 ? 1 : 0;
            labels[r] = random.nextDouble() < (days > 60 ? 0.8 : 0.1) ? 1 : 0;
            ids[r] = "a" + r;
        }
        table = new HistoryTable(FEATURES, Map.of("segment", SEGMENTS), features, labels, ids, null, "test");
        model = new ChurnTrainer(TrainingParameters.defaults(42)).train(table, IntStream.range(0, rows).toArray());
    }

    @AfterAll
    static void dispose() {
        model.dispose();
    }

    private static AccountSignals account(String id, String segment, Double daysSinceTouch) {
        Map<Signal, Double> values = new HashMap<>();
        values.put(Signal.DAYS_SINCE_LAST_TOUCH, daysSinceTouch);
        values.put(Signal.TOUCHES_30D, 3.0);
        values.put(Signal.TENURE_DAYS, 400.0);
        values.put(Signal.TICKETS_30D, 2.0); // a live signal the model was not trained on: not read
        return new AccountSignals(id, segment, values);
    }

    /** The accounts as the model's matrix, built by hand: the columns of FEATURES, NaN for missing. */
    private static float[] byHand(Double days, float enterprise, float smb) {
        return new float[] {days == null ? Float.NaN : days.floatValue(), 3, 400, enterprise, smb};
    }

    private static Map<String, Object> metadata(String id, String kind, List<String> features, Map<String, Object> bands) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("kind", kind);
        json.put("features", features);
        json.put("categories", Map.of("segment", SEGMENTS));
        json.put("trees", model.rounds());
        json.put("calibration", Map.of("method", "platt", "a", model.calibration().a(), "b", model.calibration().b()));
        if (bands != null) {
            json.put("bands", bands);
        }
        return json;
    }

    private Path promoted(String folder, String id, String kind, Map<String, Object> bands) {
        Path registryDir = dir.resolve(folder);
        ModelRegistry registry = new ModelRegistry(registryDir);
        registry.save(id, model.boosterBytes(), metadata(id, kind, FEATURES, bands));
        registry.promote(id);
        return registryDir;
    }

    private static ModelScorer load(Path churn, Path expansion) {
        return ModelScorer.load(churn, expansion).orElseThrow();
    }

    @Test
    void the_score_is_100_times_one_minus_the_calibrated_churn_probability_of_the_trained_model() {
        List<AccountSignals> accounts = List.of(account("quiet", "Enterprise", 110.0), account("busy", "SMB", 5.0),
                account("no-segment", null, 30.0), account("unseen-segment", " Startup ", 90.0),
                account("never-touched", "SMB", null));
        float[][] expectedRows = {byHand(110.0, 1, 0), byHand(5.0, 0, 1), byHand(30.0, Float.NaN, Float.NaN),
                byHand(90.0, 0, 0), byHand(null, 0, 1)};
        float[] expectedMatrix = new float[expectedRows.length * FEATURES.size()];
        for (int r = 0; r < expectedRows.length; r++) {
            System.arraycopy(expectedRows[r], 0, expectedMatrix, r * FEATURES.size(), FEATURES.size());
        }
        double[] expected = model.probabilities(expectedMatrix, FEATURES.size(), new int[] {0, 1, 2, 3, 4});

        try (ModelScorer scorer = load(promoted("churn", "churn-1", "churn", null), null)) {
            List<HealthScore> scores = scorer.score(AS_OF, accounts);

            assertThat(scores).extracting(HealthScore::accountId)
                    .containsExactly("quiet", "busy", "no-segment", "unseen-segment", "never-touched");
            for (int i = 0; i < scores.size(); i++) {
                HealthScore score = scores.get(i);
                assertThat(score.churnProbability()).as(score.accountId()).isCloseTo(expected[i], within(1e-5));
                assertThat(score.score()).isCloseTo(100 * (1 - score.churnProbability()), within(1e-9));
                assertThat(score.asOf()).isEqualTo(AS_OF);
                assertThat(score.modelVersion()).isEqualTo("churn-1");
                assertThat(score.expansionProbability()).isNull();
            }
            assertThat(scores.get(0).churnProbability()).isGreaterThan(0.6); // the planted effect, calibrated
            assertThat(scores.get(1).churnProbability()).isLessThan(0.2);
        }
    }

    @Test
    void accounts_are_scored_in_batches_with_the_same_result_as_one_by_one() {
        List<AccountSignals> accounts = new ArrayList<>();
        for (int i = 0; i < ModelScorer.BATCH_ROWS + 5; i++) {
            accounts.add(account("a" + i, i % 2 == 0 ? "SMB" : "Enterprise", (double) (i % 120)));
        }
        try (ModelScorer scorer = load(promoted("churn", "churn-1", "churn", null), null)) {
            List<HealthScore> batched = scorer.score(AS_OF, accounts);
            assertThat(batched).hasSize(accounts.size());
            for (int i : new int[] {0, 61, ModelScorer.BATCH_ROWS - 1, ModelScorer.BATCH_ROWS, ModelScorer.BATCH_ROWS + 4}) {
                HealthScore alone = scorer.score(AS_OF, List.of(accounts.get(i))).get(0);
                assertThat(batched.get(i).accountId()).isEqualTo("a" + i);
                assertThat(batched.get(i).score()).isCloseTo(alone.score(), within(1e-9));
                assertThat(batched.get(i).drivers()).isEqualTo(alone.drivers());
            }
        }
    }

    @Test
    void bands_come_from_the_models_metadata_on_the_rounded_score() {
        AccountSignals quiet = account("quiet", "Enterprise", 110.0);
        long shown;
        try (ModelScorer scorer = load(promoted("default", "m", "churn", null), null)) {
            HealthScore score = scorer.score(AS_OF, List.of(quiet)).get(0);
            shown = score.roundedScore();
            assertThat(score.band()).isEqualTo(shown <= 30 ? Band.RED : shown <= 70 ? Band.YELLOW : Band.GREEN);
        }
        assertThat(bandWith(shown, shown + 10)).isEqualTo(Band.RED);       // red up to and with red_max
        assertThat(bandWith(shown - 1, shown)).isEqualTo(Band.YELLOW);     // yellow up to and with yellow_max
        assertThat(bandWith(shown - 2, shown - 1)).isEqualTo(Band.GREEN);  // green above it
    }

    private Band bandWith(long redMax, long yellowMax) {
        String folder = "bands-" + redMax + "-" + yellowMax;
        try (ModelScorer scorer = load(promoted(folder, "m", "churn", Map.of("red_max", redMax, "yellow_max", yellowMax)),
                null)) {
            return scorer.score(AS_OF, List.of(account("quiet", "Enterprise", 110.0))).get(0).band();
        }
    }

    @Test
    void the_top_driver_of_a_silent_account_is_the_silence_in_csm_words_with_negative_points() {
        try (ModelScorer scorer = load(promoted("churn", "churn-1", "churn", null), null)) {
            List<HealthScore> scores = scorer.score(AS_OF, List.of(account("quiet", "Enterprise", 110.0),
                    account("busy", "SMB", 5.0)));

            HealthScore quiet = scores.get(0);
            assertThat(quiet.drivers()).hasSizeBetween(1, ModelScorer.DEFAULT_TOP_DRIVERS);
            Driver top = quiet.drivers().get(0);
            assertThat(top.signal()).isEqualTo("days_since_last_touch");
            assertThat(top.points()).isLessThan(-10);
            assertThat(top.text()).isEqualTo("No human touch in 110 days (" + Math.round(top.points()) + " pts)");

            Driver busyTop = scores.get(1).drivers().get(0);
            assertThat(busyTop.signal()).isEqualTo("days_since_last_touch");
            assertThat(busyTop.points()).isGreaterThan(5);
            assertThat(busyTop.text()).isEqualTo("Last human touch 5 days ago (+" + Math.round(busyTop.points()) + " pts)");
        }
    }

    /**
     * The check: each feature's points are its SHAP value (log-odds) times the slope of the score between the
     * average margin (XGBoost's bias) and the account's, so over all features they add up to the account's
     * distance from the score of the average margin, to float rounding (1e-3 points); the drivers shown, the
     * planted feature first, carry nearly all of it (within 2 points, since the noise features add little).
     */
    @Test
    void driver_points_add_up_to_the_accounts_distance_from_the_average_prediction() {
        List<AccountSignals> accounts = List.of(account("quiet", "Enterprise", 110.0), account("busy", "SMB", 5.0),
                account("middle", null, 61.0));
        try (ModelScorer scorer = load(promoted("churn", "churn-1", "churn", null), null)) {
            List<HealthScore> scores = scorer.score(AS_OF, accounts);
            double[][] points = scorer.points(accounts);
            for (int i = 0; i < accounts.size(); i++) {
                double average = points[i][FEATURES.size()];
                double distance = scores.get(i).score() - average;
                double all = 0;
                for (int f = 0; f < FEATURES.size(); f++) {
                    all += points[i][f];
                }
                assertThat(all).as("all features of %s", accounts.get(i).accountId()).isCloseTo(distance, within(1e-3));
                double shown = scores.get(i).drivers().stream().mapToDouble(Driver::points).sum();
                assertThat(shown).as("drivers of %s", accounts.get(i).accountId()).isCloseTo(distance, within(2.0));
            }
            assertThat(points[0][FEATURES.size()]).as("one average for all").isEqualTo(points[1][FEATURES.size()]);
        }
    }

    @Test
    void a_registry_without_a_promoted_model_gives_no_scorer() {
        assertThat(ModelScorer.load(dir.resolve("nothing-here"), null)).isEmpty();
        ModelRegistry saved = new ModelRegistry(dir.resolve("saved-not-promoted"));
        saved.save("m", model.boosterBytes(), metadata("m", "churn", FEATURES, null));
        assertThat(ModelScorer.load(saved.dir(), null)).isEmpty();
    }

    @Test
    void the_expansion_model_adds_its_probability_and_moves_neither_score_nor_drivers() {
        Path churn = promoted("churn", "churn-1", "churn", null);
        Path expansion = promoted("expansion", "expansion-1", "expansion", null);
        AccountSignals busy = account("busy", "SMB", 5.0);
        double expected = model.probabilities(byHand(5.0, 0, 1), FEATURES.size(), new int[] {0})[0];
        try (ModelScorer both = load(churn, expansion); ModelScorer churnOnly = load(churn, dir.resolve("empty"))) {
            HealthScore withExpansion = both.score(AS_OF, List.of(busy)).get(0);
            HealthScore without = churnOnly.score(AS_OF, List.of(busy)).get(0);

            assertThat(withExpansion.expansionProbability()).isCloseTo(expected, within(1e-5));
            assertThat(without.expansionProbability()).isNull();
            assertThat(withExpansion.score()).isEqualTo(without.score());
            assertThat(withExpansion.drivers()).isEqualTo(without.drivers());
            assertThat(both.expansionModelVersion()).contains("expansion-1");
            assertThat(churnOnly.expansionModelVersion()).isEmpty();
        }
    }

    @Test
    void a_model_of_the_wrong_kind_is_refused() {
        Path expansionAsChurn = promoted("churn", "expansion-1", "expansion", null);
        assertThatThrownBy(() -> ModelScorer.load(expansionAsChurn, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model expansion-1 in " + expansionAsChurn)
                .hasMessageContaining("is a expansion model where a churn model is expected");
    }

    @Test
    void columns_the_live_signals_cannot_fill_fail_at_load_naming_each() {
        ModelRegistry registry = new ModelRegistry(dir.resolve("telco"));
        registry.save("telco-1", model.boosterBytes(), metadata("telco-1", "churn",
                List.of("days_since_last_touch", "MonthlyCharges", "Contract=Month-to-month", "segment=Startup"), null));
        registry.promote("telco-1");

        assertThatThrownBy(() -> ModelScorer.load(registry.dir(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("model telco-1 in " + registry.dir()
                        + " was trained on columns the live signals do not have: MonthlyCharges, Contract=Month-to-month,"
                        + " segment=Startup; live scoring knows the signal keys (days_since_last_touch, ")
                .hasMessageEndingWith("Scores stay with the scorecard until a model trained on the store is promoted");
    }

    @Test
    void signals_are_the_scorecards_and_stale_sources_are_noted_after_the_drivers() {
        AccountSignals stale = new AccountSignals("quiet", "Enterprise", account("quiet", "Enterprise", 110.0).values(),
                java.util.Set.of(), Map.of(), Map.of("zendesk", "last complete pull 2024-06-01"));
        List<SignalValue> scorecardSignals = List.of(new SignalValue("days_since_last_touch", 110.0, 4.0, 0.5));
        HealthScore card = new HealthScore("quiet", AS_OF, 20, Band.RED, scorecardSignals, List.of(), null, null,
                "scorecard-v1");
        try (ModelScorer scorer = load(promoted("churn", "churn-1", "churn", null), null)) {
            HealthScore score = scorer.score(AS_OF, List.of(stale), List.of(card)).get(0);

            assertThat(score.signals()).isEqualTo(scorecardSignals);
            Driver last = score.drivers().get(score.drivers().size() - 1);
            assertThat(last).isEqualTo(new Driver("stale_data", 0.0, "Support data stale (last complete pull 2024-06-01)"));

            HealthScore other = new HealthScore("busy", AS_OF, 20, Band.RED, List.of(), List.of(), null, null, "scorecard-v1");
            assertThatThrownBy(() -> scorer.score(AS_OF, List.of(stale), List.of(other)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pass them in the same order");
        }
    }

    @Test
    void a_segment_that_moves_the_score_is_said_plainly() {
        FeatureColumns columns = FeatureColumns.of(FEATURES, Map.of("segment", SEGMENTS), "m");
        assertThat(columns.phrase(3, 1)).isEqualTo("Segment Enterprise");
        assertThat(columns.phrase(4, 0)).isEqualTo("Segment not SMB");
        assertThat(columns.phrase(4, Float.NaN)).isEqualTo("Segment blank");
        assertThat(Optional.ofNullable(columns.signal(3))).isEmpty();
        assertThat(columns.signal(0)).isEqualTo(Signal.DAYS_SINCE_LAST_TOUCH);
    }
}
