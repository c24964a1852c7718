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
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Scores every stored account as of today (UTC) with the rules scorecard and stores the scores. */
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

    public List<HealthScore> scoreAll() {
        LocalDate asOf = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Account> accounts = store.accounts();
        Instant since = asOf.minusDays(config.sources().salesforce().historyDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<Activity>> activities = store.activitiesByAccount(since);
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
        return scores;
    }
}
