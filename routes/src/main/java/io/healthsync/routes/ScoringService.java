package io.healthsync.routes;

import io.healthsync.connectors.progress.Progress;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import io.healthsync.scoring.features.AccountHistory;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalBuilder;
import io.healthsync.scoring.scorecard.Scorecard;
import io.healthsync.scoring.model.ModelScorer;
import java.util.Optional;
import io.healthsync.store.Store;
import java.time.Clock;
import java.time.Instant;
import io.healthsync.scoring.expansion.ExpansionScore;
import io.healthsync.scoring.expansion.ExpansionScorecard;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every live stored account as of today (UTC) with the rules scorecard and stores the scores: CRM
 * touches, support and billing events, product usage and subscriptions, whatever sources are connected.
 * Free-text activities are classified with the taxonomy of this run ({@link ActivityClassifier}); the labels
 * it left as "other" are counted for the report. Accounts with data from a source whose latest pull did not
 * complete are named, so their drivers say so and their scores can be held back.
 */
public final class ScoringService {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    /** Days of product usage read before the as-of date: the usage trend's quarter-ago window needs 120. */
    static final int USAGE_DAYS_READ = 130;

    private final HealthsyncConfig config;
    private final Store store;
    private final Clock clock;
    /** Where `train` keeps the models (churn/, expansion/); null: the scorecard alone. */
    private final java.nio.file.Path modelsDir;

    public ScoringService(HealthsyncConfig config, Store store, Clock clock) {
        this(config, store, clock, null);
    }

    public ScoringService(HealthsyncConfig config, Store store, Clock clock, java.nio.file.Path modelsDir) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.modelsDir = modelsDir;
    }

    /**
     * The scores; the activity labels the taxonomy counted as "other", most frequent first (at most 10); the
     * sources whose latest pull did not complete (source -> since when their data is stale); the accounts that
     * have data from them; the signals no account has data for (left out of every score), or null; what scored
     * them (the scorecard's version or the churn model's id); and why a promoted model could not be used.
     */
    public record Result(List<HealthScore> scores, Map<String, Integer> unknownLabels, Map<String, String> staleSources,
                         Set<String> heldAccounts, String signalsLeftOut, String scoredBy, List<String> problems,
                         Map<String, ExpansionScore> expansion) {
    }

    public Result scoreAll() {
        Progress progress = Progress.start("score accounts");
        LocalDate asOf = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, String> stale = staleSources();
        List<LocalDate> backfill = daysToBackfill(asOf);
        LocalDate earliest = backfill.isEmpty() ? asOf : backfill.get(backfill.size() - 1);
        ActivityClassifier classifier = new ActivityClassifier(config.taxonomy());
        StoredData data = new StoredData(store.accounts(),
                classifier.classify(store.activitiesByAccount(earliest.minusDays(config.sources().salesforce().historyDays())
                        .atStartOfDay(ZoneOffset.UTC).toInstant())),
                store.opportunitiesByAccount(), store.usageByAccount(earliest.minusDays(USAGE_DAYS_READ)),
                store.subscriptionsByAccount(), staleByAccount(stale));
        List<String> problems = new ArrayList<>();
        Scored today = scoreOn(asOf, data, problems);
        // the rules expansion readiness: what expansion playbooks go by when no expansion model is promoted, and
        // the talking points of every expansion Opportunity; not written to the CRM as a propensity (it is not a
        // calibrated probability)
        Map<String, ExpansionScore> expansion = new java.util.HashMap<>();
        expansionScorecard().run(asOf, today.rows()).scores().forEach(e -> expansion.put(e.accountId(), e));
        List<HealthScore> scores = today.scores();
        store.saveScores(scores, clock.instant());
        backfill(backfill, data);
        String scoredBy = scores.isEmpty() ? Scorecard.MODEL_VERSION : scores.get(0).modelVersion();
        LOG.info("scored {} accounts as of {} with {}", scores.size(), asOf, scoredBy);
        progress.advance(scores.size()).finish();
        return new Result(scores, mostFrequent(classifier.unknownLabels(), 10), stale, data.staleByAccount().keySet(),
                today.leftOutNote(), scoredBy, problems, expansion);
    }

    /** The rules expansion readiness with playbooks.yaml's weights (opportunity.readiness). */
    private ExpansionScorecard expansionScorecard() {
        var readiness = config.playbooks().opportunity().readiness();
        Map<io.healthsync.scoring.expansion.ExpansionSignal, Double> weights = new java.util.EnumMap<>(
                io.healthsync.scoring.expansion.ExpansionSignal.class);
        readiness.weights().forEach((key, weight) -> io.healthsync.scoring.expansion.ExpansionSignal.fromKey(key)
                .ifPresent(signal -> weights.put(signal, weight)));
        return new ExpansionScorecard(weights, readiness.priorUpsellBonus());
    }

    /** What scoring reads from the store, read once for today and any past day being backfilled. */
    private record StoredData(List<Account> accounts, Map<String, List<Activity>> activities,
                              Map<String, List<Opportunity>> opportunities, Map<String, List<UsageDay>> usage,
                              Map<String, List<Subscription>> subscriptions, Map<String, Map<String, String>> staleByAccount) {
    }

    private record Scored(List<AccountSignals> rows, List<HealthScore> scores, String leftOutNote) {
    }

    /** Every account's score as of {@code day}: the signals see only what had happened by then. */
    private Scored scoreOn(LocalDate day, StoredData data, List<String> problems) {
        List<AccountSignals> rows = signalsOn(day, data);
        Scorecard.Run run = new Scorecard(config.scorecard()).run(day, rows);
        return new Scored(rows, byModel(day, rows, run.scores(), problems), run.leftOutNote());
    }

    /**
     * Every account's score and band as of a past {@code day}, for the score history: the scores of
     * {@link #scoreOn} without the drivers and signal lists that only today's scores show.
     */
    private List<HealthScore> scoreHistoryOn(LocalDate day, StoredData data) {
        List<AccountSignals> rows = signalsOn(day, data);
        return byModel(day, rows, new Scorecard(config.scorecard()).scoresOnly(day, rows), new ArrayList<>());
    }

    /** Each account's signals as of {@code day}, in the order of the stored accounts. */
    private List<AccountSignals> signalsOn(LocalDate day, StoredData data) {
        SignalBuilder signals = new SignalBuilder(trackedFeatures(config));
        List<AccountSignals> rows = new ArrayList<>(data.accounts().size());
        for (Account account : data.accounts()) {
            String id = account.crmId();
            rows.add(signals.build(day, new AccountHistory(account, data.activities().getOrDefault(id, List.of()),
                    data.opportunities().getOrDefault(id, List.of()), data.usage().getOrDefault(id, List.of()),
                    data.subscriptions().getOrDefault(id, List.of()), data.staleByAccount().getOrDefault(id, Map.of()))));
        }
        return rows;
    }

    /**
     * The past days the playbooks' triggers look at that have no scores yet (a first run, or days without a run):
     * each of the last 7 days, then weekly back to the longest trigger window (a score drop within 7 or 14 days,
     * red for 30 days), newest first. Scored from what is stored, as of each day, so a drop or a long red spell
     * is seen from the first run on, not a month after installing.
     */
    List<LocalDate> daysToBackfill(LocalDate asOf) {
        int longest = config.playbooks().longestLookbackDays();
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (int back = 1; back <= Math.min(7, longest); back++) {
            days.add(asOf.minusDays(back));
        }
        for (int back = 14; back < longest; back += 7) {
            days.add(asOf.minusDays(back));
        }
        if (longest > 0) {
            days.add(asOf.minusDays(longest));
        }
        days.removeAll(store.scoredDays(asOf.minusDays(longest)));
        return new ArrayList<>(days);
    }

    private void backfill(List<LocalDate> days, StoredData data) {
        if (days.isEmpty() || data.accounts().isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        for (LocalDate day : days) {
            store.saveScoreHistory(scoreHistoryOn(day, data));
        }
        LOG.info("score history: {} past days without scores scored from stored data ({} to {}) in {} ms, so the "
                        + "playbooks see drops and red spells from the first run", days.size(), days.get(days.size() - 1),
                days.get(0), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The promoted churn model's scores (with the expansion model's propensity when one is promoted), or the
     * scorecard's when no model is promoted or the promoted one cannot be used here (said in the report).
     */
    private List<HealthScore> byModel(LocalDate asOf, List<AccountSignals> rows, List<HealthScore> scorecard,
                                      List<String> problems) {
        if (modelsDir == null) {
            return scorecard;
        }
        Optional<ModelScorer> model;
        try {
            model = ModelScorer.load(modelsDir.resolve("churn"), modelsDir.resolve("expansion"),
                    config.scorecard().topDrivers());
        } catch (IllegalStateException e) {
            problems.add("scored with the scorecard: the promoted model cannot be used (" + e.getMessage() + ")");
            return scorecard;
        }
        if (model.isEmpty()) {
            return scorecard;
        }
        try (ModelScorer scorer = model.get()) {
            return scorer.score(asOf, rows, scorecard);
        }
    }

    /**
     * Enabled HTTP sources whose latest pull did not complete, with since when their data is stale, as the
     * drivers say it: "last complete pull 2026-11-30".
     */
    Map<String, String> staleSources() {
        Map<String, String> stale = new LinkedHashMap<>();
        for (var source : config.sources().enabledHttpSources()) {
            var last = store.lastRun(source.name());
            if (last.isPresent() && !"ok".equals(last.get().state())) {
                stale.put(source.name(), store.sourceCompleteAt(source.name())
                        .map(at -> "last complete pull " + at.toString().substring(0, 10))
                        .orElse("never pulled completely"));
            }
        }
        return stale;
    }

    /** Per account, the stale sources it has data from. */
    private Map<String, Map<String, String>> staleByAccount(Map<String, String> stale) {
        Map<String, Map<String, String>> byAccount = new HashMap<>();
        stale.forEach((source, text) -> {
            Set<String> accounts = new HashSet<>(store.accountsWithData(source));
            accounts.forEach(account -> byAccount.computeIfAbsent(account, k -> new LinkedHashMap<>()).put(source, text));
        });
        return byAccount;
    }

    /** The features the product-analytics source tracks: feature breadth is measured against them. */
    static Set<String> trackedFeatures(HealthsyncConfig config) {
        Set<String> tracked = new TreeSet<>();
        config.sources().enabledHttpSources().stream()
                .filter(c -> c.name().equals("amplitude") || c.name().equals("mixpanel"))
                .forEach(c -> tracked.addAll(c.features().keySet()));
        return tracked;
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
