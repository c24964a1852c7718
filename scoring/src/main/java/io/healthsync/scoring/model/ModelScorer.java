package io.healthsync.scoring.model;

import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.model.SignalValue;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.scorecard.Scorecard;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Health from the promoted churn model: score = 100 x (1 - calibrated churn probability), banded by the model's
 * own bands, with the account's strongest SHAP contributions as drivers in the scorecard's words and signed
 * score points (see {@link ScorePoints} for how log-odds become points that add up to the score). The promoted
 * expansion model, when there is one, adds the expansion probability. Accounts go in batches, never one per
 * account: the batch's SHAP values (and from them its margins) come from {@link TreeShap}'s tables (XGBoost's own
 * values, faster) or, for trees too deep for them, from predictContrib on one XGBoost matrix per batch.
 *
 * <p>Expansion readiness is not a driver: the drivers explain the health score and their points add up to it,
 * and the expansion probability has its own field (a zero-point note would also take room in the CRM's
 * length-capped drivers text).
 */
public final class ModelScorer implements AutoCloseable {

    public static final int DEFAULT_TOP_DRIVERS = 3;
    /** Rows per XGBoost matrix: large enough that XGBoost's threads stay busy, small enough to bound memory. */
    static final int BATCH_ROWS = 8_192;
    private static final Comparator<Driver> STRONGEST_FIRST =
            Comparator.comparingDouble((Driver driver) -> Math.abs(driver.points())).reversed();

    private final PromotedModel churn;
    private final PromotedModel expansion;
    private final int topDrivers;

    private ModelScorer(PromotedModel churn, PromotedModel expansion, int topDrivers) {
        this.churn = churn;
        this.expansion = expansion;
        this.topDrivers = topDrivers;
    }

    /** {@link #load(Path, Path, int)} with {@value #DEFAULT_TOP_DRIVERS} drivers per account. */
    public static Optional<ModelScorer> load(Path churnDir, Path expansionDir) {
        return load(churnDir, expansionDir, DEFAULT_TOP_DRIVERS);
    }

    /**
     * The promoted models of the churn registry and (optional, may be null) the expansion registry. Empty when
     * no churn model is promoted: the scorecard scores. Without a promoted expansion model, scores carry no
     * expansion probability.
     *
     * @throws IllegalStateException when a promoted model cannot be used: trained on columns the live signals do
     *                               not have (named in the message), metadata it cannot read, a booster that does
     *                               not load. The caller scores with the scorecard and reports the message.
     */
    public static Optional<ModelScorer> load(Path churnDir, Path expansionDir, int topDrivers) {
        if (topDrivers < 0) {
            throw new IllegalArgumentException("drivers per account must be 0 or more, got " + topDrivers);
        }
        Optional<PromotedModel> churn = PromotedModel.load(new ModelRegistry(churnDir), "churn");
        if (churn.isEmpty()) {
            return Optional.empty();
        }
        try {
            PromotedModel expansion = expansionDir == null ? null
                    : PromotedModel.load(new ModelRegistry(expansionDir), "expansion").orElse(null);
            return Optional.of(new ModelScorer(churn.get(), expansion, topDrivers));
        } catch (RuntimeException e) {
            churn.get().close();
            throw e;
        }
    }

    /** What every score records as having produced it: the churn model's id. */
    public String modelVersion() {
        return churn.id;
    }

    /** The expansion model's id, when one is promoted. */
    public Optional<String> expansionModelVersion() {
        return Optional.ofNullable(expansion).map(model -> model.id);
    }

    /**
     * One score per account, in input order, keeping the signals of the scorecard's scores of the same accounts
     * ({@code scorecard}: same order, as {@link Scorecard#run} returns them), so a stored score shows each
     * signal's value and cohort percentile whichever produced it.
     */
    public List<HealthScore> score(LocalDate asOf, List<AccountSignals> accounts, List<HealthScore> scorecard) {
        if (scorecard.size() != accounts.size()) {
            throw new IllegalArgumentException("the scorecard scored " + scorecard.size() + " accounts, the model is given "
                    + accounts.size() + ": pass the scorecard's scores of the same accounts, in the same order");
        }
        return score(asOf, accounts, scorecard::get);
    }

    /** One score per account, in input order, without signal values (see the overload with the scorecard's scores). */
    public List<HealthScore> score(LocalDate asOf, List<AccountSignals> accounts) {
        return score(asOf, accounts, index -> null);
    }

    private interface ScorecardScores {
        HealthScore get(int index);
    }

    private List<HealthScore> score(LocalDate asOf, List<AccountSignals> accounts, ScorecardScores scorecard) {
        List<HealthScore> scores = new ArrayList<>(accounts.size());
        for (int from = 0; from < accounts.size(); from += BATCH_ROWS) {
            int to = Math.min(accounts.size(), from + BATCH_ROWS);
            float[] features = churn.columns.matrix(accounts, from, to);
            PromotedModel.Explained explained = churn.explain(features, to - from);
            double[] expansionProbabilities = expansion == null ? null
                    : expansion.probabilities(expansion.columns.matrix(accounts, from, to), to - from);
            for (int r = from; r < to; r++) {
                HealthScore card = scorecard.get(r);
                if (card != null && !card.accountId().equals(accounts.get(r).accountId())) {
                    throw new IllegalArgumentException("the scorecard's score " + r + " is of account " + card.accountId()
                            + ", the model's row " + r + " of " + accounts.get(r).accountId() + ": pass them in the same order");
                }
            }
            // the drivers' words take as long as the SHAP values: the batch's accounts are told in parallel
            int batchFrom = from;
            HealthScore[] batch = new HealthScore[to - from];
            IntStream.range(0, to - from).parallel().forEach(i -> {
                HealthScore card = scorecard.get(batchFrom + i);
                batch[i] = scoreOne(asOf, accounts.get(batchFrom + i), features, i * churn.columns.width(),
                        explained.margins()[i], explained.contributions()[i],
                        expansionProbabilities == null ? null : expansionProbabilities[i],
                        card == null ? List.of() : card.signals());
            });
            scores.addAll(Arrays.asList(batch));
        }
        return scores;
    }

    private HealthScore scoreOne(LocalDate asOf, AccountSignals account, float[] features, int offset, double margin,
                                 double[] contributions, Double expansionProbability, List<SignalValue> signals) {
        double bias = contributions[churn.columns.width()];
        double p = churn.calibration.probability(margin);
        double score = 100 * (1 - p);
        double pointsPerUnit = ScorePoints.perMarginUnit(churn.calibration, margin, bias);
        List<Driver> drivers = drivers(account, features, offset, contributions, pointsPerUnit);
        drivers.addAll(Scorecard.staleNotes(account));
        return new HealthScore(account.accountId(), asOf, score, churn.bands.band(score), signals, drivers, p,
                expansionProbability, churn.id);
    }

    /**
     * The strongest contributions in score points: signals with a value are told as the scorecard tells them
     * (one silence stated by several touch signals is one driver); a signal without data and a column that is no
     * signal (a segment) in plain words. Strongest first, at most {@link #topDrivers}, none that rounds to 0.
     */
    private List<Driver> drivers(AccountSignals account, float[] features, int offset, double[] contributions,
                                 double pointsPerUnit) {
        FeatureColumns columns = churn.columns;
        Map<Signal, Double> signalPoints = new EnumMap<>(Signal.class);
        List<Driver> others = new ArrayList<>();
        for (int f = 0; f < columns.width(); f++) {
            if (contributions[f] == 0) {
                continue;
            }
            double points = contributions[f] * pointsPerUnit;
            Signal signal = columns.signal(f);
            if (signal != null && account.value(signal) != null) {
                signalPoints.merge(signal, points, Double::sum);
            } else if (Scorecard.roundPoints(points) != 0) {
                others.add(signal != null ? Scorecard.noDataDriver(signal, points)
                        : new Driver(columns.name(f), points, Scorecard.withPoints(columns.phrase(f, features[offset + f]), points)));
            }
        }
        List<Driver> drivers = Scorecard.driversFor(account, signalPoints, topDrivers);
        if (others.isEmpty()) {
            return drivers;
        }
        drivers.addAll(others);
        drivers.sort(STRONGEST_FIRST); // stable: on a tie a signal with a value stays ahead
        return new ArrayList<>(drivers.subList(0, Math.min(topDrivers, drivers.size())));
    }

    /**
     * Points per feature column of each account, and last the score of the average margin (XGBoost's bias), for
     * checks: a row's points add up to its score less that.
     */
    double[][] points(List<AccountSignals> accounts) {
        PromotedModel.Explained explained = churn.explain(churn.columns.matrix(accounts, 0, accounts.size()), accounts.size());
        int width = churn.columns.width();
        double[][] points = new double[accounts.size()][width + 1];
        for (int r = 0; r < accounts.size(); r++) {
            double[] contributions = explained.contributions()[r];
            double perUnit = ScorePoints.perMarginUnit(churn.calibration, explained.margins()[r], contributions[width]);
            for (int f = 0; f < width; f++) {
                points[r][f] = contributions[f] * perUnit;
            }
            points[r][width] = ScorePoints.score(churn.calibration, contributions[width]);
        }
        return points;
    }

    @Override
    public void close() {
        churn.close();
        if (expansion != null) {
            expansion.close();
        }
    }
}
