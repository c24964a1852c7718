package io.healthsync.scoring;

import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.model.ChurnModel;
import io.healthsync.scoring.model.ChurnTrainer;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.scoring.model.ModelScorer;
import io.healthsync.scoring.model.TrainingParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Times health from a promoted model over 100k synthetic accounts with all 20 signals and a segment (23 model
 * columns): churn probability, band and the top 3 SHAP drivers in CSM words per account, then the same with an
 * expansion model as well. The model is trained first (not timed) with the default parameters on 20k accounts
 * drawn the same way, four signals planted, and promoted in a temporary registry, so loading is what
 * production does. A main, not a test: timings on shared CI machines are noise. Run after
 * {@code mvn -o test-compile -pl scoring -am}:
 * {@code java -cp scoring/target/test-classes:scoring/target/classes:mappings/target/classes:$(cat CP) io.healthsync.scoring.ModelScoringBenchmark [accounts]}
 * where CP is written by {@code mvn -o dependency:build-classpath -pl scoring -Dmdep.outputFile=CP}.
 */
public final class ModelScoringBenchmark {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final List<String> SEGMENTS = List.of("Enterprise", "Mid-Market", "SMB");
    private static final int TRAINING_ROWS = 20_000;

    public static void main(String[] args) throws IOException {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(42); // fixed seed: the same workload every run
        Path dir = Files.createTempDirectory("model-scoring-bench");
        ChurnModel model = train(random);
        promote(dir.resolve("churn"), "churn-bench", "churn", model);
        promote(dir.resolve("expansion"), "expansion-bench", "expansion", model);
        System.out.printf(Locale.ROOT, "model: %d trees of depth <= %d on %d columns, trained on %,d rows (not timed)%n",
                model.rounds(), TrainingParameters.defaults(42).maxDepth(), Signal.values().length + SEGMENTS.size(), TRAINING_ROWS);
        model.dispose();

        List<AccountSignals> rows = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            rows.add(account("001" + i, random));
        }
        try (ModelScorer churnOnly = ModelScorer.load(dir.resolve("churn"), null).orElseThrow();
             ModelScorer both = ModelScorer.load(dir.resolve("churn"), dir.resolve("expansion")).orElseThrow()) {
            churnOnly.score(AS_OF, rows.subList(0, Math.min(accounts, 10_000))); // warm-up: JIT and XGBoost's threads
            time("churn model with drivers", churnOnly, rows, accounts);
            time("churn + expansion models", both, rows, accounts);
        }
    }

    private static void time(String what, ModelScorer scorer, List<AccountSignals> rows, int accounts) {
        long start = System.nanoTime();
        List<HealthScore> scores = scorer.score(AS_OF, rows);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long[] bands = new long[3];
        long drivers = 0;
        for (HealthScore score : scores) {
            bands[score.band().ordinal()]++;
            drivers += score.drivers().size();
        }
        System.out.printf(Locale.ROOT, "%s: %,d accounts in %,d ms on %d cores (red %d, yellow %d, green %d; %.2f drivers per account)%n",
                what, accounts, millis, Runtime.getRuntime().availableProcessors(), bands[0], bands[1], bands[2],
                (double) drivers / accounts);
    }

    /** Churn driven by a long silence, low usage, failed payments and rising tickets; the rest is noise. */
    private static ChurnModel train(Random random) {
        List<String> names = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            names.add(signal.key());
        }
        SEGMENTS.forEach(segment -> names.add("segment=" + segment));
        int width = names.size();
        float[] features = new float[TRAINING_ROWS * width];
        int[] labels = new int[TRAINING_ROWS];
        String[] ids = new String[TRAINING_ROWS];
        for (int r = 0; r < TRAINING_ROWS; r++) {
            AccountSignals account = account("t" + r, random);
            Signal[] signals = Signal.values();
            for (int s = 0; s < signals.length; s++) {
                Double value = account.value(signals[s]);
                features[r * width + s] = value == null ? Float.NaN : value.floatValue();
            }
            for (int c = 0; c < SEGMENTS.size(); c++) {
                features[r * width + signals.length + c] = account.segment() == null ? Float.NaN
                        : account.segment().equals(SEGMENTS.get(c)) ? 1 : 0;
            }
            double risk = -2.5 + orZero(account.value(Signal.DAYS_SINCE_LAST_TOUCH)) / 60
                    - 2 * orZero(account.value(Signal.ACTIVE_USERS_PER_SEAT))
                    + 0.8 * orZero(account.value(Signal.PAYMENT_FAILURES_90D))
                    + 0.3 * orZero(account.value(Signal.TICKET_TREND));
            labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-risk)) ? 1 : 0;
            ids[r] = account.accountId();
        }
        HistoryTable table = new HistoryTable(List.copyOf(names), Map.of("segment", SEGMENTS), features, labels, ids,
                null, "benchmark");
        return new ChurnTrainer(TrainingParameters.defaults(42)).train(table, IntStream.range(0, TRAINING_ROWS).toArray());
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static void promote(Path dir, String id, String kind, ChurnModel model) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", id);
        metadata.put("kind", kind);
        List<String> features = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            features.add(signal.key());
        }
        SEGMENTS.forEach(segment -> features.add("segment=" + segment));
        metadata.put("features", features);
        metadata.put("categories", Map.of("segment", SEGMENTS));
        metadata.put("trees", model.rounds());
        metadata.put("calibration", Map.of("method", "platt", "a", model.calibration().a(), "b", model.calibration().b()));
        metadata.put("bands", Map.of("red_max", 40, "yellow_max", 75));
        ModelRegistry registry = new ModelRegistry(dir);
        registry.save(id, model.boosterBytes(), metadata);
        registry.promote(id);
    }

    /** Every signal in a plausible range, about 5% of values missing, about 5% of accounts without a segment. */
    private static AccountSignals account(String id, Random random) {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            if (random.nextInt(20) == 0) {
                continue;
            }
            values.put(signal, switch (signal) {
                case DAYS_SINCE_LAST_TOUCH, DAYS_SINCE_QBR -> (double) random.nextInt(300);
                case TOUCHES_30D -> (double) random.nextInt(10);
                case TOUCHES_90D -> (double) random.nextInt(25);
                case TOUCH_TREND, TICKET_TREND, PLAN_CHANGE_90D -> (double) (random.nextInt(7) - 3);
                case OPEN_OPPORTUNITIES, ESCALATIONS_30D, PAYMENT_FAILURES_90D, CANCELLATION_INTENT_90D ->
                        (double) random.nextInt(4);
                case DAYS_TO_RENEWAL -> (double) (random.nextInt(400) - 30);
                case TENURE_DAYS -> (double) random.nextInt(2000);
                case ACTIVE_USERS_PER_SEAT, ACTIVE_RATE_30D, FEATURE_BREADTH, CSAT_BAD_SHARE_90D -> random.nextDouble();
                case ACTIVE_RATE_TREND -> random.nextDouble() - 0.5;
                case TICKETS_30D -> (double) random.nextInt(12);
                case RESOLUTION_HOURS -> random.nextDouble() * 200;
            });
        }
        String segment = random.nextInt(20) == 0 ? null : SEGMENTS.get(random.nextInt(SEGMENTS.size()));
        return new AccountSignals(id, segment, values);
    }
}
