package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Outcome;
import io.healthsync.model.UsageDay;
import io.healthsync.scoring.evaluation.HistoryTraining;
import io.healthsync.scoring.features.AccountHistory;
import io.healthsync.scoring.features.SignalBuilder;
import io.healthsync.scoring.model.HistorySpec;
import io.healthsync.scoring.model.HistoryTable;
import io.healthsync.scoring.model.OutcomeLabels;
import io.healthsync.scoring.model.OutcomeTrainingSet;
import io.healthsync.scoring.model.PointInTimeTrainingSet;
import io.healthsync.scoring.scorecard.Scorecard;
import io.healthsync.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's history as a training table for {@code healthsync train} and {@code backtest}: labelled by the
 * billing source's outcomes (churn or expansion within the horizon after each monthly as-of date) when the
 * store holds any, else, for churn only, by renewal opportunities lost (the CRM alone, as before sources).
 * Features come from {@link SignalBuilder} as live scoring builds them, so training and scoring share one code.
 */
public final class StoreTrainingData {

    /** Usage days read before the first as-of date: the usage trend reaches 120 days back. */
    static final int USAGE_DAYS_BEFORE = 130;

    /**
     * A table ready to train on, and what to tell the user.
     *
     * @param events      distinct positive events behind the positive rows (churns, expansions or lost renewals)
     * @param eventsNoun  what an event is, for messages: "churns", "expansions", "lost renewals"
     * @param labelSource "outcomes" (billing) or "renewal_opportunities" (the CRM)
     */
    public record Prepared(HistoryTable table, HistoryTraining.Target target, int events, String eventsNoun,
                           String labelSource, List<LocalDate> asOfDates) {
    }

    private StoreTrainingData() {
    }

    /**
     * @param target       churn or expansion
     * @param horizonDays  the label's horizon after each as-of date
     * @param months       as-of dates on the first of each of the last {@code months} months (from outcomes: only
     *                     those the billing history reaches)
     * @throws IllegalArgumentException expansion without outcomes: the CRM alone cannot tell an expansion
     */
    public static Prepared prepare(HealthsyncConfig config, Store store, LocalDate today, OutcomeLabels.Target target,
                                   int horizonDays, int months) {
        List<Outcome> outcomes = store.outcomes().stream().filter(o -> o.accountId() != null && o.date() != null).toList();
        Map<String, List<Activity>> activities = new ActivityClassifier(config.taxonomy())
                .classify(store.activitiesByAccount(Instant.EPOCH));
        if (outcomes.isEmpty()) {
            if (target == OutcomeLabels.Target.EXPANSION) {
                throw new IllegalArgumentException("the store holds no billing outcomes, and the expansion model learns "
                        + "from them: connect a billing source (stripe in sources.yaml) and sync first");
            }
            return fromRenewals(store, today, horizonDays, months, activities);
        }
        List<LocalDate> asOfDates = OutcomeTrainingSet.asOfDates(today, months, outcomes, target);
        LocalDate since = asOfDates.isEmpty() ? today : asOfDates.get(0).minusDays(USAGE_DAYS_BEFORE);
        Map<String, List<UsageDay>> usage = store.usageByAccount(since);
        Map<String, List<Opportunity>> opportunities = store.opportunitiesByAccount();
        List<AccountHistory> histories = new ArrayList<>();
        for (Account account : store.accounts()) {
            String id = account.crmId();
            // no subscriptions: the store keeps them as they are today, which would leak the outcome
            histories.add(new AccountHistory(account, activities.getOrDefault(id, List.of()),
                    opportunities.getOrDefault(id, List.of()), usage.getOrDefault(id, List.of()), List.of(), Map.of()));
        }
        Map<String, List<Outcome>> byAccount = new HashMap<>();
        outcomes.forEach(o -> byAccount.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(o));
        Set<String> billed = new HashSet<>(store.subscriptionsByAccount().keySet());
        billed.addAll(byAccount.keySet());
        boolean churn = target == OutcomeLabels.Target.CHURN;
        OutcomeTrainingSet set = new OutcomeTrainingSet(
                PointInTimeTrainingSet.live(new SignalBuilder(ScoringService.trackedFeatures(config))),
                new OutcomeLabels(target, horizonDays), churn ? new Scorecard(config.scorecard()) : null,
                HistorySpec.DEFAULT_MAX_CATEGORIES);
        OutcomeTrainingSet.Result result = set.build(histories, byAccount, billed, asOfDates, today);
        return new Prepared(result.table(), new HistoryTraining.Target(target.key(), result.scorecardRisk(), churn,
                about("billing outcomes (" + target.positive().key() + ")", horizonDays, asOfDates, today)),
                result.events(), churn ? "churns" : "expansions", "outcomes", asOfDates);
    }

    private static Prepared fromRenewals(Store store, LocalDate today, int horizonDays, int months,
                                         Map<String, List<Activity>> activities) {
        List<LocalDate> asOfDates = PointInTimeTrainingSet.monthlyAsOfDates(today, months);
        PointInTimeTrainingSet.Result set = PointInTimeTrainingSet.live(horizonDays).build(store.accounts(), activities,
                store.opportunitiesByAccount(), asOfDates, today);
        return new Prepared(set.table(), new HistoryTraining.Target(OutcomeLabels.Target.CHURN.key(), null, true,
                about("renewal opportunities lost", horizonDays, asOfDates, today)), set.lostRenewals(), "lost renewals",
                "renewal_opportunities", asOfDates);
    }

    /** The as-of dates whose horizon is over: the rows trained on (later ones are censored). */
    private static Map<String, Object> about(String labels, int horizonDays, List<LocalDate> dates, LocalDate today) {
        List<LocalDate> asOfDates = dates.stream().filter(d -> d.plusDays(horizonDays).isBefore(today)).toList();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("labels", labels);
        about.put("horizon_days", horizonDays);
        about.put("training_window", asOfDates.isEmpty() ? Map.of()
                : Map.of("first_as_of", asOfDates.get(0).toString(), "last_as_of", asOfDates.get(asOfDates.size() - 1).toString()));
        return about;
    }
}
