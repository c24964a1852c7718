package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Opportunity;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalBuilder;
import io.healthsync.scoring.scorecard.Scorecard;
import io.healthsync.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import io.healthsync.model.ActivityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every live stored account as of today (UTC) with the rules scorecard and stores the scores.
 * Free-text activities are classified here, with the taxonomy of this run, so an edited taxonomy.yaml
 * applies to everything already stored; the labels it left as "other" are counted for the report.
 */
public final class ScoringService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);

    private final HealthsyncConfig config;
    private final Store store;
    private final Clock clock;

    public ScoringService(HealthsyncConfig config, Store store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    /** The scores, and the activity labels the taxonomy counted as "other", most frequent first (at most 10). */
    public record Result(List<HealthScore> scores, Map<String, Integer> unknownLabels) {
    }

    public Result scoreAll() {
        LocalDate asOf = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Account> accounts = store.accounts();
        Instant since = asOf.minusDays(config.sources().salesforce().historyDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Integer> unknown = new HashMap<>();
        Map<String, List<Activity>> activities = classify(store.activitiesByAccount(since), unknown);
        Map<String, List<Opportunity>> opportunities = store.opportunitiesByAccount();
        SignalBuilder signals = new SignalBuilder();
        List<AccountSignals> rows = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            rows.add(signals.build(asOf, account, activities.getOrDefault(account.crmId(), List.of()),
                    opportunities.getOrDefault(account.crmId(), List.of())));
        }
        List<HealthScore> scores = new Scorecard(config.scorecard()).score(asOf, rows);
        store.saveScores(scores, clock.instant());
        LOG.info("scored {} accounts as of {}", scores.size(), asOf);
        return new Result(scores, mostFrequent(unknown, 10));
    }

    private Map<String, List<Activity>> classify(Map<String, List<Activity>> byAccount, Map<String, Integer> unknown) {
        Map<String, List<Activity>> classified = new HashMap<>(byAccount.size() * 2);
        // labels repeat across thousands of activities: classify each distinct pair once
        Map<List<String>, ActivityType> known = new HashMap<>();
        byAccount.forEach((account, activities) -> {
            List<Activity> typed = new ArrayList<>(activities.size());
            for (Activity activity : activities) {
                if (activity.type() != null) {
                    typed.add(activity);
                    continue;
                }
                ActivityType type = known.computeIfAbsent(java.util.Arrays.asList(activity.rawType(), activity.sourceType()),
                        labels -> config.taxonomy().classify(labels.get(0), labels.get(1)));
                if (type == ActivityType.OTHER) {
                    String label = activity.label() == null || activity.label().isBlank() ? "(blank)" : activity.label();
                    unknown.merge(label, 1, Integer::sum);
                }
                typed.add(activity.withType(type));
            }
            classified.put(account, typed);
        });
        return classified;
    }

    private static Map<String, Integer> mostFrequent(Map<String, Integer> counts, int limit) {
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
