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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every live stored account as of today (UTC) with the rules scorecard and stores the scores.
 * Free-text activities are classified with the taxonomy of this run ({@link ActivityClassifier}); the labels
 * it left as "other" are counted for the report.
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
        ActivityClassifier classifier = new ActivityClassifier(config.taxonomy());
        Map<String, List<Activity>> activities = classifier.classify(store.activitiesByAccount(since));
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
        return new Result(scores, mostFrequent(classifier.unknownLabels(), 10));
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
