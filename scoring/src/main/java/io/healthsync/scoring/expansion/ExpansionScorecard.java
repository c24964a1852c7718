package io.healthsync.scoring.expansion;

import io.healthsync.model.Driver;
import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.scorecard.Scorecard;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules expansion score, for a company with no trained expansion model: each {@link ExpansionSignal} earns
 * a share of its weight on an absolute scale, the score is the sum of the points earned (0-100), and a net plan
 * upgrade in the last 90 days (a prior upsell: customers who bought more once tend to again) adds a bonus, up to
 * 100. A signal without data is weighted out and the weights left renormalised, as in the health
 * {@link Scorecard}: for everyone when no account has it (a company without CSAT), else for that account; each
 * score says what it was computed without.
 */
public final class ExpansionScorecard {

    /** The {@link ExpansionSignalValue#name()} of the prior-upsell bonus. */
    public static final String PRIOR_UPSELL = "prior_upsell";
    /** DOMAIN.md names the bonus without a size: that of its smallest signal (feature requests, 5%). */
    public static final double DEFAULT_PRIOR_UPSELL_BONUS = 5.0;

    private final Map<ExpansionSignal, Double> weights;
    private final double priorUpsellBonus;

    /** DOMAIN.md's weights (40/30/15/10) and bonus. */
    public ExpansionScorecard() {
        this(defaultWeights(), DEFAULT_PRIOR_UPSELL_BONUS);
    }

    /**
     * @param weights          signal -> weight (any positive scale; renormalised); 0 or absent switches a signal off
     * @param priorUpsellBonus score points for a net plan upgrade in the last 90 days, 0..100
     */
    public ExpansionScorecard(Map<ExpansionSignal, Double> weights, double priorUpsellBonus) {
        Objects.requireNonNull(weights, "weights");
        EnumMap<ExpansionSignal, Double> positive = new EnumMap<>(ExpansionSignal.class);
        weights.forEach((signal, weight) -> {
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException(
                        "expansion weight of '" + signal.key() + "' must be a number >= 0, got " + weight);
            }
            if (weight > 0) {
                positive.put(signal, weight);
            }
        });
        if (positive.isEmpty()) {
            throw new IllegalArgumentException("expansion weights: at least one signal needs a weight above 0");
        }
        if (!Double.isFinite(priorUpsellBonus) || priorUpsellBonus < 0 || priorUpsellBonus > 100) {
            throw new IllegalArgumentException("expansion prior-upsell bonus must be 0..100 points, got " + priorUpsellBonus);
        }
        this.weights = Collections.unmodifiableMap(positive);
        this.priorUpsellBonus = priorUpsellBonus;
    }

    /** DOMAIN.md's weights, in percent. */
    public static Map<ExpansionSignal, Double> defaultWeights() {
        Map<ExpansionSignal, Double> defaults = new EnumMap<>(ExpansionSignal.class);
        for (ExpansionSignal signal : ExpansionSignal.values()) {
            defaults.put(signal, signal.defaultWeight());
        }
        return defaults;
    }

    /** The scores of one run, in input order, and the weighted signals no account had data for. */
    public record Run(List<ExpansionScore> scores, Set<ExpansionSignal> leftOut) {

        public Run {
            scores = List.copyOf(scores);
            leftOut = leftOut.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(leftOut));
        }

        /** For the run's report, or null when nothing was left out. */
        public String leftOutNote() {
            if (leftOut.isEmpty()) {
                return null;
            }
            return "expansion: not scored, no account has data: "
                    + leftOut.stream().map(ExpansionSignal::key).collect(Collectors.joining(", "))
                    + " (their weight went to the other signals)";
        }
    }

    /** One score per account, in input order, all as of {@code asOf}. */
    public Run run(LocalDate asOf, List<AccountSignals> accounts) {
        Set<ExpansionSignal> leftOut = EnumSet.copyOf(weights.keySet());
        for (AccountSignals account : accounts) {
            leftOut.removeIf(signal -> signal.value(account) != null);
        }
        double configured = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<ExpansionScore> scores = new ArrayList<>(accounts.size());
        for (AccountSignals account : accounts) {
            scores.add(scoreOne(asOf, account, leftOut, configured));
        }
        return new Run(scores, leftOut);
    }

    private ExpansionScore scoreOne(LocalDate asOf, AccountSignals account, Set<ExpansionSignal> leftOut,
                                    double configured) {
        double withData = 0;
        for (Map.Entry<ExpansionSignal, Double> weight : weights.entrySet()) {
            if (weight.getKey().value(account) != null) {
                withData += weight.getValue();
            }
        }
        List<ExpansionSignalValue> signals = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        double score = 0;
        for (Map.Entry<ExpansionSignal, Double> weight : weights.entrySet()) {
            ExpansionSignal signal = weight.getKey();
            if (leftOut.contains(signal)) {
                continue; // said once, in the company-wide note
            }
            Double value = signal.value(account);
            if (value == null) {
                signals.add(new ExpansionSignalValue(signal.key(), null, 0.0, 0.0, null));
                missing.add(signal.missingLabel());
                continue;
            }
            double share = weight.getValue() / withData;
            double points = 100.0 * share * signal.fraction(value);
            score += points;
            signals.add(new ExpansionSignalValue(signal.key(), value, share, points, signal.describe(account, value)));
        }
        Double planChange = account.value(Signal.PLAN_CHANGE_90D);
        if (planChange != null && planChange > 0 && priorUpsellBonus > 0) {
            double bonus = Math.min(priorUpsellBonus, 100.0 - score);
            score += bonus;
            signals.add(new ExpansionSignalValue(PRIOR_UPSELL, planChange, 0.0, bonus, upgraded(planChange)));
        }
        score = Math.max(0.0, Math.min(100.0, score));

        List<String> notes = new ArrayList<>();
        for (Driver stale : Scorecard.staleNotes(account)) {
            notes.add(stale.text());
        }
        if (withData == 0) {
            notes.add("No data on any expansion signal: not rated");
        }
        if (!missing.isEmpty()) {
            notes.add("No data, not scored: " + String.join(", ", missing));
        }
        if (!leftOut.isEmpty()) {
            notes.add("Not in this company's data, weighted out: "
                    + leftOut.stream().map(ExpansionSignal::missingLabel).collect(Collectors.joining(", ")));
        }
        int rounded = (int) Math.round(score);
        return new ExpansionScore(account.accountId(), asOf, score, ExpansionTier.of(rounded), score / 100.0,
                withData / configured, signals, notes);
    }

    private static String upgraded(double netUpgrades) {
        long n = Math.round(netUpgrades);
        return n == 1 ? "Plan upgraded in the last 90 days" : "Plan upgraded " + n + " times (net) in the last 90 days";
    }
}
