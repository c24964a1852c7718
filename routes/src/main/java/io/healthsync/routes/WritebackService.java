package io.healthsync.routes;

import io.healthsync.connectors.salesforce.SObjectCollections;
import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import io.healthsync.store.Store;
import io.healthsync.scoring.expansion.ExpansionScore;
import io.healthsync.scoring.playbooks.PriorAction;
import io.healthsync.scoring.playbooks.ScorePoint;
import io.healthsync.writeback.CrmPlaybookRecord;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.PlaybookPlanner;
import io.healthsync.writeback.PriorActions;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WritebackPlanner;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans writes from the latest scores and records the results of applying them. */
public final class WritebackService {

    private static final Logger LOG = LoggerFactory.getLogger(WritebackService.class);
    private static final DateTimeFormatter PLAN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final HealthsyncConfig config;
    private final Store store;
    private final SalesforceDescribeCache describes;
    private final Clock clock;

    public WritebackService(HealthsyncConfig config, Store store, SalesforceDescribeCache describes, Clock clock) {
        this.config = config;
        this.store = store;
        this.describes = describes;
        this.clock = clock;
    }

    public WritebackPlan plan(List<HealthScore> scores) {
        return plan(scores, null, Map.of(), Map.of(), null);
    }

    /**
     * The Account field updates, then the playbooks' actions.
     *
     * @param crmRecords the Tasks and Opportunities carrying a Healthsync_Key__c as Salesforce holds them now
     *                   (null when they could not be read: then the store's record alone decides)
     * @param unreadable  Task or Opportunity when the org would not describe or query it, with why: the
     *                   playbooks' records of that kind are left out
     * @param expansion   account id -> its rules expansion score (the talking points of expansion Opportunities)
     * @param scoredAccounts the stored accounts as scoring read them just before (null: read them here)
     */
    public WritebackPlan plan(List<HealthScore> scores, List<CrmPlaybookRecord> crmRecords, Map<String, String> unreadable,
                              Map<String, ExpansionScore> expansion, List<Account> scoredAccounts) {
        LocalDate asOf = scores.isEmpty() ? LocalDate.now(clock) : scores.get(0).asOf();
        WritebackPlan fields;
        PlaybookPlanner.Result playbooks;
        String id = PLAN_ID.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 6);
        // what the playbooks read (a month of score history: 1.2 million rows at 100,000 accounts; the prior actions)
        // is read on threads of its own while the Account fields are planned: one read after the other outlasted
        // the fields' planning by seconds, the history and the actions read side by side do not
        try (StepsAhead<Map<String, List<ScorePoint>>> history = new StepsAhead<>("plan-read-history", 1,
                step -> playbookHistory(asOf));
             StepsAhead<List<io.healthsync.store.ActionOutcome>> prior = new StepsAhead<>("plan-read-actions", 1,
                     step -> priorActions(asOf))) {
            Map<String, Account> accounts = (scoredAccounts != null ? scoredAccounts : store.accounts()).stream()
                    .collect(Collectors.toMap(Account::crmId, Function.identity()));
            SObjectDescribe describe = describes.get(WritebackPlanner.ACCOUNT).orElse(null);
            fields = new WritebackPlanner(config.fields()).plan(id, asOf, clock.instant(), scores, accounts,
                    store.writtenFields(WritebackPlanner.ACCOUNT), store.lastCompletePull(WritebackPlanner.ACCOUNT).orElse(null),
                    describe);
            playbooks = planPlaybooks(asOf, scores, accounts, history.take(0), prior.take(0), crmRecords, unreadable,
                    expansion);
        }
        List<String> problems = new ArrayList<>(fields.problems());
        problems.addAll(playbooks.problems());
        WritebackPlan plan = new WritebackPlan(id, asOf, fields.createdAt(), fields.accountsConsidered(), fields.writes(),
                problems, playbooks.actions(), playbooks.skipped(), playbooks.writes());
        store.savePlan(plan);
        plan.problems().forEach(p -> LOG.warn("plan {}: {}", id, p));
        LOG.info("plan {}: {} of {} accounts to write, {} fields; playbooks: {} actions ({} held out), {} suppressed",
                id, fields.writes().size(), scores.size(), plan.fieldsChanged(), plan.actions().size(), plan.heldOut(),
                plan.skipped().size());
        return plan;
    }

    /** Each account's scores of the days before today: the playbooks compare today's score (in the plan's) with them. */
    private Map<String, List<ScorePoint>> playbookHistory(LocalDate asOf) {
        return store.scoreHistory(asOf.minusDays(config.playbooks().longestLookbackDays() + 1L), asOf);
    }

    /**
     * The actions within the longest cooldown: only they can hold a playbook back by date; whether an older record is
     * still open (or lost) is Salesforce's to say, in crmRecords. All actions ever, at 100,000 accounts, grow by some
     * 76,000 a run.
     */
    private List<io.healthsync.store.ActionOutcome> priorActions(LocalDate asOf) {
        return store.actionOutcomes(asOf.minusDays(config.playbooks().longestCooldownDays()));
    }

    private PlaybookPlanner.Result planPlaybooks(LocalDate asOf, List<HealthScore> scores, Map<String, Account> accounts,
                                                 Map<String, List<ScorePoint>> history,
                                                 List<io.healthsync.store.ActionOutcome> storedActions,
                                                 List<CrmPlaybookRecord> crmRecords,
                                                 Map<String, String> unreadable, Map<String, ExpansionScore> expansion) {
        Map<String, SObjectDescribe> objects = new java.util.HashMap<>();
        for (String sobject : List.of(PlaybookPlanner.TASK, PlaybookPlanner.OPPORTUNITY)) {
            describes.get(sobject).ifPresent(d -> objects.put(sobject, d));
        }
        List<PriorAction> prior = PriorActions.of(storedActions, crmRecords);
        return new PlaybookPlanner(config.playbooks()).plan(asOf, scores, accounts, history, prior, objects,
                unreadable, expansion);
    }

    /** The sObjects the enabled playbooks may create: their describes and our records in them are read at plan time. */
    public List<String> playbookObjects() {
        return OrgFieldCheck.playbookObjects(config);
    }

    /** The webhook light-touch actions are posted to; null: none configured. */
    public String webhookUrl() {
        return config.playbooks().webhookUrl();
    }

    /** The plan's log-only actions not logged yet, in chunks of at most {@code size}. */
    public List<List<io.healthsync.store.StoredAction>> pendingLogOnly(String planId, int size) {
        List<io.healthsync.store.StoredAction> pending = store.pendingLogOnly(planId);
        List<List<io.healthsync.store.StoredAction>> chunks = new ArrayList<>();
        for (int i = 0; i < pending.size(); i += size) {
            chunks.add(pending.subList(i, Math.min(pending.size(), i + size)));
        }
        return chunks;
    }

    /** Log-only actions posted to the webhook: marked logged, counted here and in the log's summary. */
    public void markLogged(String planId, List<io.healthsync.store.StoredAction> actions) {
        store.markLogged(actions.stream().map(io.healthsync.store.StoredAction::key).toList(), planId, clock.instant());
        tally.actionsLogged += actions.size();
        // per chunk of the webhook's size: at 100,000 accounts that is a hundred lines, so the summary is logOnlyDone's
        LOG.debug("plan {}: {} light-touch action(s) {}", planId, actions.size(),
                webhookUrl() == null ? "logged (no webhook configured)" : "posted to the webhook");
        actions.forEach(a -> LOG.debug("playbook {}: {} ({})", a.action().playbookId(), a.action().subject(),
                a.action().reason()));
    }

    /**
     * Without a webhook the plan's light-touch actions are only logged: the store marks them all (at 100,000 accounts
     * some 56,000) by key, without reading the actions themselves. Each is listed at debug level, as posted ones are.
     */
    public void logPendingLogOnly(String planId) {
        if (LOG.isDebugEnabled()) {
            store.pendingLogOnly(planId).forEach(a -> LOG.debug("playbook {}: {} ({})", a.action().playbookId(),
                    a.action().subject(), a.action().reason()));
        }
        tally.actionsLogged += store.markAllLogOnlyLogged(planId, clock.instant());
    }

    /** One line for the light-touch actions this apply logged or posted, when there were any. */
    public void logOnlyDone(String planId) {
        if (tally.actionsLogged > 0) {
            LOG.info("plan {}: {} light-touch action(s) {}", planId, tally.actionsLogged,
                    webhookUrl() == null ? "logged (no webhook configured)" : "posted to the webhook");
        }
    }

    /** What the webhook receives: the actions as JSON objects in an array. */
    public static String webhookBody(List<io.healthsync.store.StoredAction> actions) {
        com.fasterxml.jackson.databind.node.ArrayNode array = WEBHOOK_JSON.createArrayNode();
        for (io.healthsync.store.StoredAction stored : actions) {
            var a = stored.action();
            com.fasterxml.jackson.databind.node.ObjectNode node = array.addObject();
            node.put("key", a.key());
            node.put("account_id", a.accountId());
            node.put("playbook", a.playbookId());
            node.put("action", a.kind().key());
            node.put("owner_id", a.ownerId());
            node.put("subject", a.subject());
            node.put("description", a.description());
            node.put("reason", a.reason());
            node.put("fired_on", stored.createdOn().toString());
        }
        return array.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper WEBHOOK_JSON = new com.fasterxml.jackson.databind.ObjectMapper();


    /**
     * The plan's writes that are not written yet, per kind (Account updates, Task upserts, Opportunity upserts)
     * cut into sObject Collections batches; a kind with more than the bulk threshold goes as one Bulk API 2.0
     * batch instead.
     */
    public List<WriteBatch> pendingBatches(String planId) {
        return batchesOf(store.pendingWrites(planId));
    }

    /**
     * The plan's writes in batches, taken from the plan this run just saved rather than read back from the store, when
     * none of them has been written yet: then its writes are exactly the pending ones, in the same order. At 100,000
     * accounts reading them back parsed 120 MB of JSON before the first call. Otherwise as {@link #pendingBatches}.
     */
    public List<WriteBatch> pendingBatches(String planId, List<PlannedWrite> planned) {
        return planned == null || store.anyWritten(planId) ? pendingBatches(planId) : batchesOf(planned);
    }

    private List<WriteBatch> batchesOf(List<PlannedWrite> pendingWrites) {
        Map<String, List<PlannedWrite>> byGroup = new java.util.LinkedHashMap<>();
        pendingWrites.forEach(w -> byGroup.computeIfAbsent(w.group(), g -> new ArrayList<>()).add(w));
        int size = Math.min(config.fields().writeback().batchSize(), SObjectCollections.MAX_RECORDS);
        List<WriteBatch> batches = new ArrayList<>();
        for (List<PlannedWrite> pending : byGroup.values()) {
            if (pending.size() > config.fields().writeback().bulkThreshold()) {
                batches.add(new WriteBatch(pending, true));
                continue;
            }
            for (int i = 0; i < pending.size(); i += size) {
                batches.add(new WriteBatch(pending.subList(i, Math.min(pending.size(), i + size)), false));
            }
        }
        return batches;
    }

    /**
     * The fewest calls one Bulk API 2.0 job can take: create, upload, close, one status poll, and the successful
     * results (the failed and unprocessed ones are read only when the job reports any).
     */
    public static final int BULK_JOB_MINIMUM_CALLS = 5;

    /** Writes of one kind sent together: one sObject Collections call, or one Bulk API 2.0 job ({@code bulk}). */
    public record WriteBatch(List<PlannedWrite> writes, boolean bulk) {

        /** The path after /services/data/vNN.N of its collections call. */
        public String collectionsPath() {
            PlannedWrite first = writes.get(0);
            return first.isUpsert() ? SObjectCollections.upsertPath(first.sobject(), first.externalIdField())
                    : "/composite/sobjects";
        }
    }

    /** A kind of write too large for collections, as one Bulk API 2.0 ingest job. */
    public static io.healthsync.connectors.salesforce.BulkIngestJob bulkJob(List<PlannedWrite> writes) {
        PlannedWrite first = writes.get(0);
        List<String> keys = writes.stream().map(PlannedWrite::recordId).toList();
        List<Map<String, Object>> rows = writes.stream().map(PlannedWrite::payload).toList();
        return first.isUpsert()
                ? new io.healthsync.connectors.salesforce.BulkIngestJob(first.sobject(),
                        io.healthsync.connectors.salesforce.BulkIngestJob.Operation.UPSERT, first.externalIdField(), keys, rows)
                : new io.healthsync.connectors.salesforce.BulkIngestJob(first.sobject(),
                        io.healthsync.connectors.salesforce.BulkIngestJob.Operation.UPDATE, null, keys, rows);
    }

    /** A Bulk API 2.0 ingest's results, recorded like a collections batch's; its jobs counted. */
    /** The plan's status from its outbox, once apply's lanes are done (see {@link Store#settlePlanStatus}). */
    public void settlePlanStatus(String planId) {
        store.settlePlanStatus(planId);
    }

    public void recordBulk(String planId, List<PlannedWrite> writes, io.healthsync.connectors.salesforce.BulkIngestOutcome outcome) {
        tally.countBulkJobs(outcome.jobIds().size());
        LOG.info("plan {}: Bulk API 2.0 job(s) {} for {} {} records ended {} after {} calls", planId, outcome.jobIds(),
                writes.size(), writes.get(0).sobject(), outcome.state(), outcome.apiCalls());
        record(planId, writes, outcome.results());
    }

    public static String request(List<PlannedWrite> batch) {
        return batch.get(0).isUpsert() ? SObjectCollections.upsertRequest(updates(batch))
                : SObjectCollections.updateRequest(updates(batch));
    }

    /**
     * What this apply created in Salesforce, counted as the answers come in: from the threads of the bulk jobs that
     * run together too, so counting is synchronized; it is read once apply is over.
     */
    public static final class ApplyTally {
        public int tasksCreated;
        public int opportunitiesCreated;
        /** Upserts that matched a record already there (a re-run after a kill): not created twice. */
        public int duplicatesAvoided;
        public int bulkJobs;
        public int actionsLogged;

        synchronized void countBulkJobs(int jobs) {
            bulkJobs += jobs;
        }

        synchronized void count(List<PlannedWrite> batch, List<WriteResult> results) {
            Map<String, PlannedWrite> byKey = new java.util.HashMap<>();
            batch.forEach(w -> byKey.put(w.recordId(), w));
            for (WriteResult r : results) {
                PlannedWrite w = byKey.get(r.recordId());
                if (w == null || !w.isUpsert() || !r.success() || r.created() == null) {
                    continue;
                }
                if (!r.created()) {
                    duplicatesAvoided++;
                } else if (w.sobject().equals(PlaybookPlanner.OPPORTUNITY)) {
                    opportunitiesCreated++;
                } else {
                    tasksCreated++;
                }
            }
        }
    }

    private ApplyTally tally = new ApplyTally();

    /** Starts counting a new apply; the tally is read when it ends. */
    public ApplyTally startApply() {
        tally = new ApplyTally();
        return tally;
    }

    public ApplyTally tally() {
        return tally;
    }

    public List<WriteResult> recordResponse(String planId, List<PlannedWrite> batch, String responseBody) {
        List<WriteResult> results = SObjectCollections.parseResults(responseBody, updates(batch));
        record(planId, batch, results);
        return results;
    }

    /** Stores one batch's per-record results (the outbox, written fields, playbook actions) and logs failures. */
    public void record(String planId, List<PlannedWrite> batch, List<WriteResult> results) {
        store.recordResults(planId, batch, results, clock.instant());
        tally.count(batch, results);
        List<WriteResult> failures = results.stream().filter(r -> !r.success()).toList();
        if (failures.isEmpty()) {
            LOG.info("plan {}: batch of {} written, 0 failed", planId, batch.size());
        } else {
            // an operator scanning the log for warnings sees that records were refused, and why the first was
            WriteResult first = failures.get(0);
            LOG.warn("plan {}: batch of {} written, {} failed (first: {} {}: {}); they are retried on the next run",
                    planId, batch.size(), failures.size(), first.errorCode(), first.recordId(), first.message());
        }
    }

    /** The whole call failed (after retries): every record of the batch is failed with that reason. */
    public void recordCallFailure(String planId, List<PlannedWrite> batch, String errorCode, String message) {
        List<WriteResult> results = batch.stream()
                .map(w -> WriteResult.failed(w.recordId(), errorCode, message)).toList();
        store.recordResults(planId, batch, results, clock.instant());
    }

    private static List<SObjectCollections.RecordUpdate> updates(List<PlannedWrite> batch) {
        return batch.stream().map(w -> new SObjectCollections.RecordUpdate(w.sobject(), w.recordId(), w.payload())).toList();
    }
}
