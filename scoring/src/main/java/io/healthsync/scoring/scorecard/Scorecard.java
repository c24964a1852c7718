package io.healthsync.scoring.scorecard;

import io.healthsync.mappings.ScorecardConfig;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.model.SignalValue;
import io.healthsync.scoring.features.AccountSignals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The transparent rules scorecard: each weighted signal becomes a 0-100 percentile within the
 * account's cohort (healthy end high), and the score is their weighted mean. Every point of a score
 * can be traced to a signal, which is what the drivers tell the CSM.
 */
public final class Scorecard {

    public static final String MODEL_VERSION = "scorecard-v1";
    /** Shown for a signal the account has no data for: the cohort middle, with weight 0 it moves nothing. */
    static final double NOT_RANKED = 50.0;
    private static final String DRIVER_SEPARATOR = "; ";
    private static final Comparator<Pull> STRONGEST_FIRST =
            Comparator.comparingDouble((Pull pull) -> Math.abs(pull.points())).reversed();

    private final ScorecardConfig config;
    private final Set<Signal> weightedSignals = EnumSet.noneOf(Signal.class);

    public Scorecard(ScorecardConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // resolving every weight set here makes a bad scorecard.yaml fail before any account is scored
        weightedSignals.addAll(SignalWeights.resolve(config.weights(), "weights").keySet());
        config.segmentWeights().forEach((segment, weights) ->
                weightedSignals.addAll(SignalWeights.resolve(weights, "weights of segment " + segment).keySet()));
    }

    /** One score per account, in input order. */
    public List<HealthScore> score(LocalDate asOf, List<AccountSignals> accounts) {
        Cohorts cohorts = Cohorts.of(accounts, config.minCohortSize(), weightedSignals);
        Map<String, Map<Signal, Double>> weightsBySegment = new HashMap<>();
        List<HealthScore> scores = new ArrayList<>(accounts.size());
        for (AccountSignals account : accounts) {
            Map<Signal, Double> weights = weightsBySegment.computeIfAbsent(account.segment(),
                    segment -> SignalWeights.resolve(config.weightsFor(segment), "weights"));
            scores.add(scoreOne(asOf, account, weights, cohorts.of(account)));
        }
        return scores;
    }

    private HealthScore scoreOne(LocalDate asOf, AccountSignals account, Map<Signal, Double> weights, CohortRanks cohort) {
        // a signal without data is left out and its weight shared by the others in proportion
        double weightWithData = 0;
        for (Map.Entry<Signal, Double> weight : weights.entrySet()) {
            if (account.value(weight.getKey()) != null) {
                weightWithData += weight.getValue();
            }
        }

        List<SignalValue> signals = new ArrayList<>(weights.size());
        List<Pull> pulls = new ArrayList<>(weights.size());
        double score = weightWithData > 0 ? 0 : NOT_RANKED; // no data at all: the typical account, no drivers
        for (Map.Entry<Signal, Double> weight : weights.entrySet()) {
            Signal signal = weight.getKey();
            Double value = account.value(signal);
            if (value == null) {
                signals.add(new SignalValue(signal.key(), null, NOT_RANKED, 0.0));
                continue;
            }
            double share = weight.getValue() / weightWithData;
            double percentile = cohort.percentile(signal, value);
            score += share * percentile;
            signals.add(new SignalValue(signal.key(), value, percentile, share));
            pulls.add(new Pull(signal, value, share * (percentile - 50.0)));
        }
        score = Math.max(0.0, Math.min(100.0, score));

        return new HealthScore(account.accountId(), asOf, score, config.band((int) Math.round(score)),
                signals, drivers(account, pulls), null, null, MODEL_VERSION);
    }

    /** Strongest pulls first (ties keep signal order: the sort is stable), without those that round to 0. */
    private List<Driver> drivers(AccountSignals account, List<Pull> pulls) {
        pulls.sort(STRONGEST_FIRST);
        List<Driver> drivers = new ArrayList<>();
        for (Pull pull : pulls) {
            long rounded = DriverText.roundPoints(pull.points());
            if (drivers.size() == config.topDrivers() || rounded == 0) {
                break; // sorted: every later pull is weaker
            }
            String text = DriverText.describe(pull.signal(), pull.value(), account.neverHappened(pull.signal()), rounded);
            drivers.add(new Driver(pull.signal().key(), pull.points(), text));
        }
        return drivers;
    }

    /**
     * Drivers joined with "; ", as many whole drivers (strongest first) as fit in {@code maxLength}
     * characters: a CRM text field must never show half a sentence.
     */
    public static String driversText(List<Driver> drivers, int maxLength) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (Driver driver : drivers) {
            int length = text.length() + (first ? 0 : DRIVER_SEPARATOR.length()) + driver.text().length();
            if (length > maxLength) {
                break;
            }
            if (!first) {
                text.append(DRIVER_SEPARATOR);
            }
            text.append(driver.text());
            first = false;
        }
        return text.toString();
    }

    /** How far one signal pulled the score from the cohort middle (50), in score points. */
    private record Pull(Signal signal, double value, double points) {
    }
}
