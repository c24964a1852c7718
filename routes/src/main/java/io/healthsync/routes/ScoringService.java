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
import io.healthsync.store.SignalSnapshot;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
        List<Account> accounts = store.accounts();
        Map<String, Map<String, String>> staleByAccount = staleByAccount(stale);
        Progress progress = Progress.start("score accounts", accounts.size());
        Signals signals = signalsOf(accounts, asOf, backfill, earliest, classifier, stale, staleByAccount, progress);
        List<String> problems = new ArrayList<>();
        try (LoadedModel model = loadModel(problems)) {
            // ranked against the cohorts of the day's first run, so the day's later runs rewrite only changed scores
            var pinned = store.cohortReference(asOf).orElse(null);
            Scorecard.Run run = new Scorecard(config.scorecard()).run(asOf, signals.today(), pinned);
            if (run.reference() != pinned) {
                store.saveCohortReference(run.reference());
            }
            List<HealthScore> scores = model.score(asOf, signals.today(), run.scores());
            // the rules expansion readiness: what expansion playbooks go by when no expansion model is promoted, and
            // the talking points of every expansion Opportunity; not written to the CRM as a propensity (it is not a
            // calibrated probability)
            Map<String, ExpansionScore> expansion = new java.util.HashMap<>();
            expansionScorecard().run(asOf, signals.today()).scores().forEach(e -> expansion.put(e.accountId(), e));
            int changed;
            // the past days are scored on a worker while today's scores are stored (one core scoring, one writing)
            try (Backfill pastDays = new Backfill(signals.past(), model)) {
                changed = store.saveScores(scores, clock.instant());
                signals.saveSnapshot();
                pastDays.store();
            }
            String scoredBy = scores.isEmpty() ? Scorecard.MODEL_VERSION : scores.get(0).modelVersion();
            LOG.info("scored {} accounts as of {} with {} ({} changed since the last save)", scores.size(), asOf,
                    scoredBy, changed);
            progress.finish();
            return new Result(scores, mostFrequent(signals.unknownLabels(), 10), stale, staleByAccount.keySet(),
                    run.leftOutNote(), scoredBy, problems, expansion, accounts, changed, signals.historiesRead);
        }
    }

    /** Accounts read from the store at a time: their histories are all that scoring holds of the store at once. */
    static final int ACCOUNTS_PER_READ = 2_000;

    /**
     * Ranges read from the store at once. Reading (the embedded database walking its pages, the rows made objects)
     * is the larger half of scoring's work and one thread's alone: on 2 cores, one reader kept one core busy while the
     * signals left the other mostly idle. Each reader holds a connection of the store's pool (4) while it reads.
     */
    static final int READERS = 2;

    /**
     * Every account's signals today (whole), and as of each past day to backfill (compact, see {@link SignalTable});
     * the labels left as "other" in today's histories; and the snapshot of today's signals to save, with the change
     * rows it takes in (null: nothing to save, the stored one is current).
     */
    private final class Signals {
        final List<AccountSignals> today;
        final List<SignalTable> past;
        final Map<String, Integer> unknownLabels;
        final int historiesRead;
        private final SignalSnapshot snapshot;
        private final Set<String> reread;
        private final SignalSnapshot.Changes taken;

        Signals(List<AccountSignals> today, List<SignalTable> past, Map<String, Integer> unknownLabels,
                int historiesRead, SignalSnapshot snapshot, Set<String> reread, SignalSnapshot.Changes taken) {
            this.today = today;
            this.reread = reread;
            this.historiesRead = historiesRead;
            this.past = past;
            this.unknownLabels = unknownLabels;
            this.snapshot = snapshot;
            this.taken = taken;
        }

        List<AccountSignals> today() {
            return today;
        }

        List<SignalTable> past() {
            return past;
        }

        Map<String, Integer> unknownLabels() {
            return unknownLabels;
        }

        /** Saves the snapshot for the day's later runs; a failure costs them only a full read, so it is logged, not thrown. */
        void saveSnapshot() {
            if (snapshot == null) {
                return;
            }
            try {
                long started = System.nanoTime();
                if (store.saveSignalSnapshot(snapshot, reread, taken)) {
                    LOG.info("signal snapshot of {} accounts saved ({}) in {} ms, for the day's later runs",
                            snapshot.entries().size(), reread == null ? "every account" : reread.size() + " read again",
                            (System.nanoTime() - started) / 1_000_000);
                } else {
                    LOG.info("signal snapshot not saved: another scoring saved one meanwhile (its changes stay for the next run)");
                }
            } catch (RuntimeException e) {
                LOG.warn("signal snapshot not saved, so the day's next run reads every account's history: {}", e.getMessage());
            }
        }
    }

    /**
     * Today's signals: from the day's snapshot for the accounts whose data did not change since it was saved (their
     * CRM record the same, no change logged under them), read from the store for the others; every account read when
     * there is no snapshot of today and these inputs (a day's first run, an edited taxonomy, days to backfill). The
     * histories are read a range or list of accounts at a time (at most {@value #ACCOUNTS_PER_READ}), so the heap
     * holds one range's activities and usage, never the whole store's. Accounts keep the store's order.
     */
    private Signals signalsOf(List<Account> accounts, LocalDate asOf, List<LocalDate> backfill, LocalDate earliest,
                              ActivityClassifier classifier, Map<String, String> stale,
                              Map<String, Map<String, String>> staleByAccount, Progress progress) {
        String inputsKey = inputsKey(stale);
        // read before any history: a change stored after this stays logged and is taken in by the next run
        long started = System.nanoTime();
        SignalSnapshot.Changes changes = store.scoringChanges();
        Optional<SignalSnapshot> stored = backfill.isEmpty() ? store.signalSnapshot(asOf, inputsKey) : Optional.empty();
        long snapshotMs = (System.nanoTime() - started) / 1_000_000;
        long generation = stored.map(SignalSnapshot::generation).orElse(0L);
        Map<String, SignalSnapshot.Entry> kept = new HashMap<>();
        if (stored.isPresent() && stored.get().asOf().equals(asOf) && stored.get().inputsKey().equals(inputsKey)
                && !changes.everyAccount()) {
            stored.get().entries().forEach(e -> kept.put(e.signals().accountId(), e));
        }
        long[] digests = new long[accounts.size()];
        List<Account> toRead = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            Account account = accounts.get(i);
            digests[i] = accountDigest(account);
            SignalSnapshot.Entry entry = kept.get(account.crmId());
            if (entry == null || entry.accountDigest() != digests[i] || changes.accounts().contains(account.crmId())) {
                toRead.add(account);
            }
        }
        boolean whole = toRead.size() == accounts.size();
        if (!whole) {
            progress.advance(accounts.size() - toRead.size());
        }

        Window todayWindow = Window.of(asOf, config);
        Window read = backfill.isEmpty() ? todayWindow : Window.of(earliest, config);
        SignalBuilder builder = new SignalBuilder(trackedFeatures(config));
        Map<String, SignalSnapshot.Entry> fresh = new HashMap<>(toRead.size() * 2);
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
                    AccountHistory today = read == todayWindow ? history
                            : history.since(todayWindow.activitiesFrom(), todayWindow.usageFrom());
                    Map<String, Integer> unknown = classifier.unknownLabels(read == todayWindow ? activities
                            : activities.stream().filter(a -> !a.occurredAt().isBefore(todayWindow.activitiesFrom())).toList());
                    fresh.put(id, new SignalSnapshot.Entry(builder.build(asOf, today), 0L, unknown));
                    past.forEach(table -> builder.addTo(table, history));
                }
                progress.advance(range.accounts().size());
            }
        }

        List<AccountSignals> today = new ArrayList<>(accounts.size());
        List<SignalSnapshot.Entry> entries = new ArrayList<>(accounts.size());
        Map<String, Integer> unknownLabels = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            String id = accounts.get(i).crmId();
            SignalSnapshot.Entry computed = fresh.get(id);
            SignalSnapshot.Entry entry = computed == null ? kept.get(id)
                    : new SignalSnapshot.Entry(computed.signals(), digests[i], computed.unknownLabels());
            today.add(entry.signals());
            entries.add(entry);
            entry.unknownLabels().forEach((label, count) -> unknownLabels.merge(label, count, Integer::sum));
        }
        boolean current = !whole && toRead.isEmpty() && changes.rows().isEmpty() && kept.size() == accounts.size();
        if (!whole) {
            LOG.info("signals: {} of {} accounts read from the store (their data changed since the day's earlier run), "
                    + "the others' as that run computed them (its snapshot and {} logged changes read in {} ms)",
                    toRead.size(), accounts.size(), changes.rows().size(), snapshotMs);
        }
        SignalSnapshot snapshot = current ? null : new SignalSnapshot(asOf, inputsKey, generation, entries);
        // built on the stored snapshot: only the accounts read again need writing
        Set<String> reread = whole ? null : new HashSet<>(fresh.keySet());
        return new Signals(today, past, unknownLabels, toRead.size(), snapshot, reread, changes);
    }

    /** How far back today's signals look: activities from, usage days from (see {@link AccountHistory#since}). */
    private record Window(Instant activitiesFrom, LocalDate usageFrom) {
        static Window of(LocalDate day, HealthsyncConfig config) {
            return new Window(day.minusDays(config.sources().salesforce().historyDays()).atStartOfDay(ZoneOffset.UTC)
                    .toInstant(), day.minusDays(USAGE_DAYS_READ));
        }
    }

    /**
     * What today's signals are computed from besides the accounts' own data and the day: a snapshot saved with
     * another key is not used. A digest (SHA-256) of the taxonomy, the history windows, the tracked features, the
     * stale sources, and the signals and details this build computes (a build with others computes other values).
     */
    String inputsKey(Map<String, String> stale) {
        String inputs = String.join("\n", "signal-snapshot-1", String.valueOf(config.taxonomy()),
                String.valueOf(config.sources().salesforce().historyDays()), String.valueOf(USAGE_DAYS_READ),
                String.valueOf(trackedFeatures(config)), String.valueOf(new TreeMap<>(stale)),
                java.util.Arrays.toString(io.healthsync.model.Signal.values()),
                java.util.Arrays.toString(io.healthsync.scoring.features.SignalDetail.values()));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(inputs.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A 64-bit digest (FNV-1a) of what an account's CRM record holds besides the fields healthsync writes and the
     * record's modstamp: an Account pulled back after our write (every one, after a first write) digests the same,
     * so its signals are kept; one whose segment, dates, seats or anything else changed is read again.
     */
    static long accountDigest(Account account) {
        long hash = 0xcbf29ce484222325L;
        for (Object field : new Object[] {account.crmId(), account.name(), account.segment(), account.industry(),
                account.arr(), account.seatsLicensed(), account.contractStart(), account.renewalDate(),
                account.ownerId(), account.createdAt(), account.domain()}) {
            String text = field == null ? "\u0000null" : field.toString();
            for (int i = 0; i < text.length(); i++) {
                hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0x1f) * 0x100000001b3L; // a separator, so that ("ab", "c") and ("a", "bc") differ
        }
        return hash;
    }

    /** What the store holds of one range of accounts, as scoring reads it. */
    private record StoredRange(List<Account> accounts, Map<String, List<Activity>> activities,
                               Map<String, List<Opportunity>> opportunities, Map<String, List<UsageDay>> usage,
                               Map<String, List<Subscription>> subscriptions) {
    }

    private StoredRange read(List<Account> accounts, AccountRange ids, Window window) {
        return new StoredRange(accounts, store.activitiesByAccount(window.activitiesFrom(), ids),
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
     * days are scored on a worker from the moment this is made, the next day scored while one is stored, and a day's
     * table let go once scored.
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
            scored = new StepsAhead<>("score-history", days, step -> {
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
                            + "saving today's scores), so the playbooks see drops and red spells from the first run", days,
                    oldest, newest, (System.nanoTime() - started) / 1_000_000);
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
