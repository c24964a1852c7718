package io.healthsync.scoring.model;

import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountHistory;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.scorecard.Scorecard;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training rows from the store when it holds billing outcomes: one per account and monthly as-of date, the
 * features every signal of the live {@link io.healthsync.scoring.features.SignalBuilder} over the account's
 * history cut at the end of the as-of date (the same code that scores today), the label from
 * {@link OutcomeLabels} (churn or expansion within the horizon after it).
 *
 * <p>What a row may not read: anything dated after its as-of date (activities and usage days are cut, and
 * opportunities are read through their own created and close dates); subscriptions, which the store keeps
 * as they are now only (a canceled status or today's seats would tell the model the outcome), so training
 * histories carry none; and {@link PointInTimeTrainingSet#UNDATED} signals (the renewal date as it is today).
 *
 * <p>Which rows: accounts the billing source knows (it is where outcomes come from: an account it never saw
 * would be a negative nobody observed), on as-of dates from the first outcome on (before it the billing
 * history does not reach, and every row would be a false negative), once the account is a customer (created
 * and contract started on or before the as-of date).
 *
 * <p>With a scorecard, each row also gets the rules scorecard's risk (1 - score / 100) among the rows of its
 * as-of date, from the same signals: the scorecard baseline of the report, on the same rows and folds.
 */
public final class OutcomeTrainingSet {

    /** Every signal: with outcomes to learn from, the sources' history covers the as-of dates trained on. */
    public static final List<Signal> TRAINED = List.of(Signal.values());

    /**
     * @param events        distinct positive outcomes (account and date) behind the positive rows: one churn
     *                      labels every as-of date of its horizon
     * @param scorecardRisk per row, the scorecard's churn risk (0..1), or null without a scorecard
     */
    public record Result(HistoryTable table, int events, int accounts, double[] scorecardRisk) {
    }

    private final PointInTimeTrainingSet.Features features;
    private final OutcomeLabels labels;
    private final Scorecard scorecard;
    private final int maxCategories;

    /** @param scorecard the rules scorecard to rank the same rows with, or null for no scorecard baseline */
    public OutcomeTrainingSet(PointInTimeTrainingSet.Features features, OutcomeLabels labels, Scorecard scorecard,
                              int maxCategories) {
        this.features = features;
        this.labels = labels;
        this.scorecard = scorecard;
        this.maxCategories = maxCategories;
    }

    public static List<String> signalNames() {
        return TRAINED.stream().map(Signal::key).toList();
    }

    /**
     * The first of each of the last {@code months} months whose horizon could be seen whole: on or after the
     * first outcome of the target's family (renewed or churned for churn, expanded or contracted for expansion),
     * where the billing history of such outcomes starts, oldest first. A billing source may reach back less far
     * for seat changes than for cancellations (Stripe keeps its events 30 days), and every as-of date before
     * that would be a false negative. Censoring is left to the labels.
     */
    public static List<LocalDate> asOfDates(LocalDate today, int months, List<Outcome> outcomes, OutcomeLabels.Target target) {
        Set<OutcomeKind> family = target == OutcomeLabels.Target.CHURN
                ? EnumSet.of(OutcomeKind.CHURNED, OutcomeKind.RENEWED) : EnumSet.of(OutcomeKind.EXPANDED, OutcomeKind.CONTRACTED);
        LocalDate first = outcomes.stream().filter(o -> family.contains(o.kind())).map(Outcome::date)
                .filter(d -> d != null).min(LocalDate::compareTo).orElse(null);
        if (first == null) {
            return List.of();
        }
        return PointInTimeTrainingSet.monthlyAsOfDates(today, months).stream().filter(d -> !d.isBefore(first)).toList();
    }

    /** The account's signals as of {@code asOf}, as a training row sees them (cut, no subscriptions). */
    public AccountSignals signals(LocalDate asOf, AccountHistory history) {
        AccountHistory cut = history.asOf(asOf);
        // no subscriptions: they are today's state, not the as-of date's (see the class comment); nothing stale either
        return features.build(asOf, new AccountHistory(cut.account(), cut.activities(), cut.opportunities(), cut.usage(),
                List.of(), Map.of()));
    }

    /** One row's features: NaN where a signal has no data, and for the undated signals. */
    public float[] features(LocalDate asOf, AccountHistory history) {
        return row(signals(asOf, history));
    }

    private static float[] row(AccountSignals signals) {
        float[] row = new float[TRAINED.size()];
        for (int s = 0; s < row.length; s++) {
            Signal signal = TRAINED.get(s);
            Double value = signals.value(signal);
            row[s] = value == null || PointInTimeTrainingSet.UNDATED.contains(signal) ? Float.NaN : value.floatValue();
        }
        return row;
    }

    /**
     * @param histories every account's whole history (subscriptions, if any, are ignored)
     * @param outcomes  account id -> its outcomes
     * @param billed    the accounts the billing source knows (a subscription or an outcome)
     */
    public Result build(List<AccountHistory> histories, Map<String, List<Outcome>> outcomes, Set<String> billed,
                        List<LocalDate> asOfDates, LocalDate today) {
        List<float[]> signalRows = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<Integer> rowLabels = new ArrayList<>();
        Map<LocalDate, List<AccountSignals>> byDate = new LinkedHashMap<>();
        Map<LocalDate, List<Integer>> rowsByDate = new LinkedHashMap<>();
        Set<String> events = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (AccountHistory history : histories) {
            Account account = history.account();
            if (!billed.contains(account.crmId())) {
                continue;
            }
            List<Outcome> theirs = outcomes.getOrDefault(account.crmId(), List.of());
            for (LocalDate asOf : asOfDates) {
                if (!customerOn(account, asOf)) {
                    continue;
                }
                OutcomeLabels.Label label = labels.label(asOf, theirs, today);
                if (label == OutcomeLabels.Label.CENSORED || label == OutcomeLabels.Label.GONE) {
                    continue;
                }
                AccountSignals signals = signals(asOf, history);
                rowsByDate.computeIfAbsent(asOf, d -> new ArrayList<>()).add(ids.size());
                byDate.computeIfAbsent(asOf, d -> new ArrayList<>()).add(withoutUndated(signals));
                signalRows.add(row(signals));
                segments.add(account.segment() == null ? "" : account.segment().strip());
                ids.add(account.crmId());
                times.add((double) asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
                rowLabels.add(label == OutcomeLabels.Label.POSITIVE ? 1 : 0);
                accounts.add(account.crmId());
                if (label == OutcomeLabels.Label.POSITIVE) {
                    events.add(account.crmId() + "\u0000" + labels.firstPositiveAfter(asOf, theirs));
                }
            }
        }
        HistoryTable table = PointInTimeTrainingSet.table(signalNames(), signalRows, segments, ids, times, rowLabels,
                maxCategories);
        return new Result(table, events.size(), accounts.size(), scorecardRisk(byDate, rowsByDate, ids.size()));
    }

    /** Created and under contract on the as-of date, as far as the CRM's dated fields say. */
    private static boolean customerOn(Account account, LocalDate asOf) {
        if (account.createdAt() != null && account.createdAt().atZone(ZoneOffset.UTC).toLocalDate().isAfter(asOf)) {
            return false;
        }
        return account.contractStart() == null || !account.contractStart().isAfter(asOf);
    }

    /** The scorecard ranks an as-of date's accounts among themselves, as a live run ranks today's. */
    private double[] scorecardRisk(Map<LocalDate, List<AccountSignals>> byDate, Map<LocalDate, List<Integer>> rowsByDate,
                                   int rows) {
        if (scorecard == null) {
            return null;
        }
        double[] risk = new double[rows];
        Arrays.fill(risk, Double.NaN);
        byDate.forEach((asOf, signals) -> {
            List<HealthScore> scores = scorecard.score(asOf, signals);
            List<Integer> theirRows = rowsByDate.get(asOf);
            for (int i = 0; i < scores.size(); i++) {
                risk[theirRows.get(i)] = 1 - scores.get(i).score() / 100.0;
            }
        });
        return risk;
    }

    /** The same signals the model sees: the undated ones (today's renewal date) left out of the scorecard too. */
    private static AccountSignals withoutUndated(AccountSignals signals) {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        signals.values().forEach((signal, value) ->
                values.put(signal, PointInTimeTrainingSet.UNDATED.contains(signal) ? null : value));
        return new AccountSignals(signals.accountId(), signals.segment(), values, signals.neverHappened(),
                signals.details(), signals.staleSources());
    }
}
