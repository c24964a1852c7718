package io.healthsync.store;

import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.SalesforcePageSink;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Outcome;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import io.healthsync.connectors.source.SourceSink;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WrittenValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything healthsync keeps between runs. Behind an interface so that H2 (embedded) and
 * PostgreSQL (shared by replicas) run the same contract tests.
 */
public interface Store extends SalesforcePageSink, SourceSink, SalesforceDescribeCache.Archive, AutoCloseable {

    /** One stream's cursor as stored: the source's own JSON, records stored through it, when it last completed. */
    record StreamCursor(String stream, String cursorJson, long recordsTotal, Instant updatedAt, Instant completeAt) {
    }

    /** One pull of a source, as recorded. */
    record SourceRun(String source, Instant startedAt, Instant finishedAt, String state, int pages, int records,
                     int retries, int quarantined, int unmatched, String message) {
    }

    /** Product usage days on or after {@code since}, grouped by account id. */
    Map<String, List<UsageDay>> usageByAccount(java.time.LocalDate since);

    /** {@link #usageByAccount(java.time.LocalDate)} of the accounts in {@code range} only. */
    Map<String, List<UsageDay>> usageByAccount(java.time.LocalDate since, AccountRange range);

    Map<String, List<Subscription>> subscriptionsByAccount();

    /** {@link #subscriptionsByAccount()} of the accounts in {@code range} only. */
    Map<String, List<Subscription>> subscriptionsByAccount(AccountRange range);

    /** Every stored commercial outcome, oldest first. */
    List<Outcome> outcomes();

    List<StreamCursor> cursors(String source);

    /** Forgets the source's cursors (one stream's when {@code stream} is not null); how many were forgotten. */
    int forgetCursors(String source, String stream);

    Optional<SourceRun> lastRun(String source);

    /** When every stream of the source last reached its end; empty when one never has. */
    Optional<Instant> sourceCompleteAt(String source);

    /** Records stored from the source, by kind (only kinds it has). */
    Map<String, Long> storedCounts(String source);

    int unmatchedCount(String source);

    List<String> unmatchedExamples(String source, int limit);

    int quarantinedCount(String source);

    /** The accounts that have any record from the source (activities, usage days, subscriptions). */
    java.util.Set<String> accountsWithData(String source);


    List<Account> accounts();

    /** CRM users' names by user id (account owners among them), for reports; users without a name are left out. */
    Map<String, String> userNames();

    /** Activities that occurred at or after {@code since}, grouped by account id. */
    Map<String, List<Activity>> activitiesByAccount(Instant since);

    /**
     * {@link #activitiesByAccount(Instant)} of the accounts in {@code range} only, with what scoring reads of each
     * activity: its source, account, types, time and measures. Its source id, actor and duration are left null, so
     * that the read is served by an index alone (activity_by_account holds every column it reads).
     */
    Map<String, List<Activity>> scoringActivities(Instant since, AccountRange range);

    Map<String, List<Opportunity>> opportunitiesByAccount();

    /** {@link #opportunitiesByAccount()} of the accounts in {@code range} only. */
    Map<String, List<Opportunity>> opportunitiesByAccount(AccountRange range);

    /**
     * Saves the run's scores as the latest, and each as its account's score of that day (score_history). A score
     * stored exactly as it is (a re-run the same day) is left as it is, computed_at included. Returns how many
     * accounts' scores were written. Written in parts of some thousand accounts, each in a transaction of its own.
     */
    int saveScores(List<HealthScore> scores, Instant computedAt);

    /**
     * The cohorts {@code day}'s scores rank against, as the day's first run stored them; empty when none is stored for
     * that day (the first run of a day).
     */
    Optional<io.healthsync.scoring.scorecard.CohortReference> cohortReference(LocalDate day);

    /** Stores the reference as its day's, in place of any stored before (of that day or an earlier one). */
    void saveCohortReference(io.healthsync.scoring.scorecard.CohortReference reference);

    /** An account's latest score (what the read API serves), if it was scored. */
    /**
     * The stored signal snapshot (see {@link SignalSnapshot}); its entries only when it is of {@code asOf} and
     * {@code inputsKey} (another day's are not read): empty when none was ever saved.
     */
    Optional<SignalSnapshot> signalSnapshot(LocalDate asOf, String inputsKey);

    /** The scoring changes logged since the snapshot was saved (every row of scoring_change). */
    SignalSnapshot.Changes scoringChanges();

    /**
     * Saves the snapshot in place of the stored one and deletes the change rows it has taken in, in one transaction;
     * false (nothing saved) when the stored snapshot is no longer of {@code snapshot.generation()} (0: none stored):
     * another scoring saved meanwhile. {@code reread}: the accounts whose entries differ from the stored snapshot's,
     * which it was built on (same day and inputs), so that only theirs need be written; null: write every entry.
     */
    boolean saveSignalSnapshot(SignalSnapshot snapshot, java.util.Set<String> reread, SignalSnapshot.Changes taken);

    Optional<StoredScore> latestScore(String accountId);

    /**
     * The database several replicas share (PostgreSQL), where the scheduler keeps its jobs in clustered mode;
     * empty for the embedded store, which is one process's.
     */
    Optional<javax.sql.DataSource> sharedDatabase();

    /** Throws a {@link StoreException} when the database cannot be reached (readiness). */
    void checkReachable();

    /** Scores of a past day, into the score history only (the latest scores stay as they are). */
    void saveScoreHistory(List<HealthScore> scores);

    /** Which of {@code days} have scores in the history (any account's). */
    java.util.Set<LocalDate> scoredDays(java.util.Collection<LocalDate> days);

    /** Each account's daily scores on or after {@code since}, oldest first: how its score moved. */
    default Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> scoreHistory(java.time.LocalDate since) {
        return scoreHistory(since, null);
    }

    /**
     * Each account's daily scores on or after {@code since} and before {@code before} (null: up to the latest),
     * oldest first. The playbooks compare today's score with the days before it, so they read those days only.
     */
    Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> scoreHistory(java.time.LocalDate since,
                                                                              java.time.LocalDate before);

    /** Last successfully written value per record id and field, for one sObject. */
    Map<String, Map<String, WrittenValue>> writtenFields(String sobject);

    /** Stores a new plan whole (its writes, playbook actions and row) or not at all; older plans become superseded. */
    void savePlan(WritebackPlan plan);

    Optional<WritebackPlan> plan(String planId);

    Optional<WritebackPlan> latestPlan();

    /** The newer plan that replaced this one, if any: a superseded plan must not be applied. */
    Optional<String> supersededBy(String planId);

    /** When the object's last pull that reached its last page finished. */
    Optional<Instant> lastCompletePull(String objectName);

    /** The plan's writes not yet written successfully, in plan order. */
    List<PlannedWrite> pendingWrites(String planId);

    /** Whether any of the plan's writes was written successfully (one index lookup, whatever the plan's size). */
    boolean anyWritten(String planId);

    /**
     * Records one batch's results in one transaction: each outbox row's status, and for successes the
     * new baseline in written_record, so a crash never leaves the two disagreeing.
     */
    void recordResults(String planId, List<PlannedWrite> batch, List<WriteResult> results, Instant at);

    /**
     * Sets the plan's status from its outbox once more (applied, or partial while any record is planned or failed),
     * after apply's lanes are done: each batch's transaction sets it too, but two lanes' last batches, committed side
     * by side, may each have counted the other's records as still planned.
     */
    void settlePlanStatus(String planId);

    /** A plan's outbox rows per status: of its Account updates, or of its playbook records (Tasks, Opportunities). */
    Map<String, Integer> outboxCounts(String planId, boolean playbookRecords);

    default Map<String, Integer> outboxCounts(String planId) {
        return outboxCounts(planId, false);
    }

    /** Every playbook action recorded, oldest first, with the score each fired on. */
    List<StoredAction> playbookActions();

    /**
     * What became of the playbook actions decided on {@code since} or later, oldest first (then by key): what the next
     * plan's cooldowns need, read without the actions' texts (at 100,000 accounts some 76,000 a run).
     */
    List<ActionOutcome> actionOutcomes(LocalDate since);

    List<StoredAction> playbookActions(String planId);

    /** The plan's log-only actions still to be logged or posted (their score left out). */
    List<StoredAction> pendingLogOnly(String planId);

    /** Log-only actions of a plan, once apply has posted them to the webhook. */
    void markLogged(java.util.Collection<String> keys, String planId, Instant at);

    /**
     * Every log-only action of the plan still pending, marked logged (no webhook to post them to): how many. Their
     * keys are read once and updated by key in parts; at 100,000 accounts a plan holds some 56,000.
     */
    int markAllLogOnlyLogged(String planId, Instant at);

    /** A plan's failed records (Id or key -> error): of its Account updates, or of its playbook records. */
    Map<String, String> failedWrites(String planId, boolean playbookRecords);

    default Map<String, String> failedWrites(String planId) {
        return failedWrites(planId, false);
    }

    @Override
    void quarantine(List<QuarantinedRecord> records);

    int quarantinedCount();

    /** The most recently quarantined records, newest first, at most {@code limit}. */
    List<QuarantinedRecord> recentQuarantine(int limit);

    long activityCount();

    /** Which database this is, for reports: "H2 /path/healthsync" or the JDBC URL, never with credentials. */
    String describe();

    /** Nothing pulled yet: the next pull reads everything from scratch. */
    boolean isEmpty();

    @Override
    void close();
}
