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
import io.healthsync.scoring.features.SignalTable;
import io.healthsync.store.AccountRange;
import io.healthsync.scoring.scorecard.Scorecard;
import io.healthsync.scoring.model.ModelScorer;
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
 * complete are named, so their drivers say so and their scores can be held back. A day's later runs read only the
 * histories of the accounts whose data changed since the day's earlier run, and take the others' signals from the
 * snapshot it left ({@link SameDaySignals}).
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
    private final int accountsPerRead;
    private final int readers;

    public ScoringService(HealthsyncConfig config, Store store, Clock clock) {
        this(config, store, clock, null);
    }

    public ScoringService(HealthsyncConfig config, Store store, Clock clock, java.nio.file.Path modelsDir) {
        this(config, store, clock, modelsDir, ACCOUNTS_PER_READ, READERS);
    }

    /**
     * With {@code accountsPerRead} accounts' histories read from the store at a time, by {@code readers} threads
     * (see {@link #READERS}).
     */
    ScoringService(HealthsyncConfig config, Store store, Clock clock, java.nio.file.Path modelsDir, int accountsPerRead,
                   int readers) {
        if (accountsPerRead < 1 || readers < 1) {
            throw new IllegalArgumentException("accounts per read and readers must be at least 1, got "
                    + accountsPerRead + " and " + readers);
        }
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.modelsDir = modelsDir;
        this.accountsPerRead = accountsPerRead;
        this.readers = readers;
    }

    /**
     * The scores; the activity labels the taxonomy counted as "other", most frequent first (at most 10); the
     * sources whose latest pull did not complete (source -> since when their data is stale); the accounts that
     * have data from them; the signals no account has data for (left out of every score), or null; what scored
     * them (the scorecard's version or the churn model's id); why a promoted model could not be used; the
     * accounts as read for scoring, so that the plan that follows need not read 100,000 of them again; how many
     * scores differ from the ones stored before (the rest were left as they were); and how many accounts' histories
     * were read from the store (a day's later run reads only the accounts whose data changed).
     */
    public record Result(List<HealthScore> scores, Map<String, Integer> unknownLabels, Map<String, String> staleSources,
                         Set<String> heldAccounts, String signalsLeftOut, String scoredBy, List<String> problems,
                         Map<String, ExpansionScore> expansion, List<Account> accounts, int changed, int historiesRead) {
    }

    public Result scoreAll() {
        LocalDate asOf = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, String> stale = staleSources();
        List<LocalDate> backfill = daysToBackfill(asOf);
        LocalDate earliest = backfill.isEmpty() ? asOf : backfill.get(backfill.size() - 1);
        ActivityClassifier classifier = new ActivityClassifier(config.taxonomy());
        List<Account> accounts;
        SameDaySignals sameDay;
        // the logged changes and the day's snapshot are read on a thread of their own while the accounts are (both
        // before any history, so that a change stored meanwhile stays logged for the next run)
        try (StepsAhead<SameDaySignals> snapshotRead = new StepsAhead<>("signal-snapshot-read", 1,
                step -> new SameDaySignals(store, asOf, SameDaySignals.inputsKey(config, stale), backfill.isEmpty()))) {
            accounts = store.accounts();
            sameDay = snapshotRead.take(0);
        }
        Map<String, Map<String, String>> staleByAccount = staleByAccount(stale);
        Progress progress = Progress.start("score accounts", accounts.size());
        Signals signals = signalsOf(accounts, asOf, backfill, earliest, classifier, staleByAccount, progress, sameDay);
        List<String> problems = new ArrayList<>();
        // the day's snapshot is saved on a thread of its own while the scores are ranked (one core each), and waited
        // for however scoring ends: a database write interrupted midway can cost more than the wait (H2 may close its
        // file); the past days are scored on another from now on, while today's are ranked and stored
        try (LoadedModel model = loadModel(problems);
             StepsAhead<Boolean> snapshotSaved = new StepsAhead<>("signal-snapshot", 1,
                     step -> sameDay.save(signals.today()));
             Backfill pastDays = new Backfill(signals.past(), model)) {
            try {
                return score(asOf, accounts, stale, staleByAccount, signals, model, pastDays, problems, progress);
            } finally {
                snapshotSaved.take(0);
            }
        }
    }

    /** Today's scores from today's signals, stored with the past days' (see {@link #scoreAll}). */
    private Result score(LocalDate asOf, List<Account> accounts, Map<String, String> stale,
                         Map<String, Map<String, String>> staleByAccount, Signals signals, LoadedModel model,
                         Backfill pastDays, List<String> problems, Progress progress) {
        // ranked against the cohorts of the day's first run, so the day's later runs rewrite only changed scores
        var pinned = store.cohortReference(asOf).orElse(null);
        Scorecard.Run run = new Scorecard(config.scorecard()).run(asOf, signals.today().signals(), pinned);
        if (run.reference() != pinned) {
            store.saveCohortReference(run.reference());
        }
        List<HealthScore> scores = model.score(asOf, signals.today().signals(), run.scores());
        // the rules expansion readiness: what expansion playbooks go by when no expansion model is promoted, and
        // the talking points of every expansion Opportunity; not written to the CRM as a propensity (it is not a
        // calibrated probability). Computed on a second core while today's scores are stored, which leaves it
        // partly idle (the store's writes are one thread's, with H2's page writer behind them)
        Map<String, ExpansionScore> expansion;
        int changed;
        try (StepsAhead<Map<String, ExpansionScore>> readiness = new StepsAhead<>("expansion-readiness", 1, step -> {
            Map<String, ExpansionScore> byAccount = new java.util.HashMap<>();
            expansionScorecard().run(asOf, signals.today().signals()).scores()
                    .forEach(e -> byAccount.put(e.accountId(), e));
            return byAccount;
        })) {
            changed = store.saveScores(scores, clock.instant());
            expansion = readiness.take(0);
        }
        pastDays.store();
        String scoredBy = scores.isEmpty() ? Scorecard.MODEL_VERSION : scores.get(0).modelVersion();
        LOG.info("scored {} accounts as of {} with {} ({} changed since the last save)", scores.size(), asOf,
                scoredBy, changed);
        progress.finish();
        return new Result(scores, mostFrequent(signals.today().unknownLabels(), 10), stale, staleByAccount.keySet(),
                run.leftOutNote(), scoredBy, problems, expansion, accounts, changed, signals.historiesRead());
    }

    /**
     * Accounts read from the store at a time: their histories are all that scoring holds of the store at once. The
     * ranges in flight (the one being scored, and one ahead per reader) live through the collector's young
     * collections, each of which copies them: with every source (some 90 activities and usage days an account), a
     * 30,000-account first run's scoring took 46-50 s of CPU (9.2-10.7 s of it collecting) by ranges of 2,000, 32 s
     * (5.1 s) by ranges of 500 and 30 s (3.4 s) by ranges of 250; the queries' own cost does not show.
     */
    static final int ACCOUNTS_PER_READ = 250;

    /**
     * Ranges read from the store at once. Reading (the embedded database walking its pages, the rows made objects)
     * is the larger half of scoring's work and one thread's alone: on 2 cores, one reader kept one core busy while the
     * signals left the other mostly idle. Each reader holds a connection of the store's pool (4) while it reads.
     */
    static final int READERS = 2;

    /**
     * Every account's signals today (whole) with the labels left as "other" in today's histories and the snapshot to
     * save; the signals as of each past day to backfill (compact, see {@link SignalTable}); and how many accounts'
     * histories were read.
     */
    private record Signals(SameDaySignals.Today today, List<SignalTable> past, int historiesRead) {
    }

    /**
     * Today's signals: from the day's snapshot for the accounts whose data did not change since it was saved, read
     * from the store for the others (see {@link SameDaySignals}). The histories are read a range or list of accounts
     * at a time (at most {@value #ACCOUNTS_PER_READ}), so the heap holds one range's activities and usage, never the
     * whole store's. Accounts keep the store's order.
     */
    private Signals signalsOf(List<Account> accounts, LocalDate asOf, List<LocalDate> backfill, LocalDate earliest,
                              ActivityClassifier classifier, Map<String, Map<String, String>> staleByAccount,
                              Progress progress, SameDaySignals sameDay) {
        List<Account> toRead = sameDay.toRead(accounts);
        boolean whole = toRead.size() == accounts.size();
        progress.advance(accounts.size() - toRead.size());
        Window todayWindow = Window.of(asOf, config);
        Window read = backfill.isEmpty() ? todayWindow : Window.of(earliest, config);
        SignalBuilder builder = new SignalBuilder(trackedFeatures(config));
        Map<String, SameDaySignals.Computed> computed = new HashMap<>(toRead.size() * 2);
        List<SignalTable> past = new ArrayList<>();
        backfill.forEach(day -> past.add(new SignalTable(day, accounts.size())));
        // a whole read goes by ranges of ids (an index range each); the changed accounts of a later run, spread over
        // every range, by lists of ids
        int perRead = whole ? accountsPerRead : Math.min(accountsPerRead, AccountRange.MAX_IDS);
        int reads = (toRead.size() + perRead - 1) / perRead;
        // the next ranges are read from the store while this one's signals are computed
        try (StepsAhead<StoredRange> ahead = new StepsAhead<>("scoring-read", reads, readers, r -> {
            List<Account> group = toRead.subList(r * perRead, Math.min(toRead.size(), (r + 1) * perRead));
            AccountRange selection = whole
                    ? new AccountRange(group.get(0).crmId(), group.get(group.size() - 1).crmId())
                    : AccountRange.only(group.stream().map(Account::crmId).toList());
            return read(group, selection, read);
        })) {
            for (int r = 0; r < reads; r++) {
                StoredRange range = ahead.take(r);
                for (Account account : range.accounts()) {
                    String id = account.crmId();
                    List<Activity> activities = range.activities().getOrDefault(id, List.of());
                    AccountHistory history = new AccountHistory(account, classifier.classify(activities),
                            range.opportunities().getOrDefault(id, List.of()), range.usage().getOrDefault(id, List.of()),
                            range.subscriptions().getOrDefault(id, List.of()), staleByAccount.getOrDefault(id, Map.of()));
                    // today's signals from today's windows, whatever was read for the past days: a day's later run,
                    // which reads only the changed accounts, then computes what a run reading every account would
                    computed.put(id, new SameDaySignals.Computed(
                            builder.build(asOf, history, historyDays(), USAGE_DAYS_READ),
                            classifier.unknownLabels(activities, todayWindow.activitiesFrom())));
                    past.forEach(table -> builder.addTo(table, history));
                }
                progress.advance(range.accounts().size());
            }
        }
        return new Signals(sameDay.today(accounts, computed), past, toRead.size());
    }

    /** What a run reads from the store: activities from, usage days from (a day's history windows back from it). */
    private record Window(Instant activitiesFrom, LocalDate usageFrom) {
        static Window of(LocalDate day, HealthsyncConfig config) {
            return new Window(day.minusDays(config.sources().salesforce().historyDays()).atStartOfDay(ZoneOffset.UTC)
                    .toInstant(), day.minusDays(USAGE_DAYS_READ));
        }
    }

    /** Days of activities today's signals count (sources.yaml's salesforce history_days). */
    private long historyDays() {
        return config.sources().salesforce().historyDays();
    }

    /** What the store holds of one range of accounts, as scoring reads it. */
    private record StoredRange(List<Account> accounts, Map<String, List<Activity>> activities,
                               Map<String, List<Opportunity>> opportunities, Map<String, List<UsageDay>> usage,
                               Map<String, List<Subscription>> subscriptions) {
    }

    private StoredRange read(List<Account> accounts, AccountRange ids, Window window) {
        return new StoredRange(accounts, store.scoringActivities(window.activitiesFrom(), ids),
                store.opportunitiesByAccount(ids), store.usageByAccount(window.usageFrom(), ids),
                store.subscriptionsByAccount(ids));
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
        days.removeAll(store.scoredDays(days));
        return new ArrayList<>(days);
    }

    /**
     * Scores each past day from its signal table and stores it as that day's estimated scores (score_backfill): the
     * days are scored in turn on a worker from the moment this is made (while today's scores are ranked and stored),
     * and a day's table let go once scored.
     */
    private final class Backfill implements AutoCloseable {

        private final StepsAhead<List<HealthScore>> scored;
        private final int days;
        private final LocalDate newest;
        private final LocalDate oldest;
        private final long started = System.nanoTime();

        Backfill(List<SignalTable> past, LoadedModel model) {
            boolean none = past.isEmpty() || past.get(0).size() == 0;
            days = none ? 0 : past.size();
            newest = none ? null : past.get(0).day();
            oldest = none ? null : past.get(past.size() - 1).day();
            Scorecard scorecard = new Scorecard(config.scorecard());
            SignalTable[] tables = past.toArray(new SignalTable[0]);
            past.clear(); // held by the array alone, so each day's table can go once scored
            int last = tables.length - 1;
            // every day asked ahead, so the worker scores on while today's scores are ranked and stored rather than
            // a day at a time between the stores; a day's scores take less heap than its table, let go once scored
            scored = new StepsAhead<>("score-history", days, 1, Math.max(1, days), step -> {
                SignalTable day = tables[last - step];
                tables[last - step] = null;
                return model.score(day, scorecard);
            });
        }

        /** Stores each day's scores as they come, oldest first. */
        void store() {
            if (days == 0) {
                return;
            }
            for (int step = 0; step < days; step++) {
                ScoringService.this.store.saveScoreHistory(scored.take(step));
            }
            LOG.info("score history: {} past days without scores scored from stored data ({} to {}) in {} ms (beside "
                    + "ranking and saving today's scores), so the playbooks see drops and red spells from the first "
                    + "run", days, oldest, newest, (System.nanoTime() - started) / 1_000_000);
        }

        @Override
        public void close() {
            scored.close();
        }
    }

    /**
     * The promoted churn model (with the expansion model when one is promoted), loaded once for today and every
     * past day; none when no model is promoted or the promoted one cannot be used here (said in the report): the
     * scorecard's scores stand.
     */
    private LoadedModel loadModel(List<String> problems) {
        if (modelsDir == null) {
            return new LoadedModel(null);
        }
        try {
            return new LoadedModel(ModelScorer.load(modelsDir.resolve("churn"), modelsDir.resolve("expansion"),
                    config.scorecard().topDrivers()).orElse(null));
        } catch (IllegalStateException e) {
            problems.add("scored with the scorecard: the promoted model cannot be used (" + e.getMessage() + ")");
            return new LoadedModel(null);
        }
    }

    /** A promoted model, or none: then the scorecard's scores are the scores. Closed after the last day scored. */
    private record LoadedModel(ModelScorer scorer) implements AutoCloseable {

        List<HealthScore> score(LocalDate asOf, List<AccountSignals> rows, List<HealthScore> scorecard) {
            return scorer == null ? scorecard : scorer.score(asOf, rows, scorecard);
        }

        /** A past day's scores: the scorecard's from the table's columns, the model's from its rows. */
        List<HealthScore> score(SignalTable day, Scorecard scorecard) {
            List<HealthScore> scores = scorecard.scoresOnly(day);
            return scorer == null ? scores : scorer.score(day.day(), day.rows(), scores);
        }

        @Override
        public void close() {
            if (scorer != null) {
                scorer.close();
            }
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
