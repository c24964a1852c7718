package io.healthsync.routes;

import io.healthsync.connectors.progress.Progress;
import io.healthsync.connectors.salesforce.ApiBudgetCheck;
import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.SalesforceErrorKind;
import io.healthsync.model.HealthScore;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WritebackPlanner;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.writeback.CrmPlaybookRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import io.healthsync.connectors.salesforce.SalesforceErrorHandling;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plan, then apply. The plan diffs new scores against what was last written; apply sends exactly the
 * plan's unwritten records, 200 per sObject Collections call, and stores each batch's per-record
 * results before the next batch, so a crash or a re-run re-sends only what is not written yet.
 */
public final class WritebackRoutes extends RouteBuilder {

    public static final String PLAN = "direct:writeback-plan";
    public static final String APPLY = "direct:writeback-apply";
    public static final String SCORES = "healthsync.scores";
    /** account id -> its rules expansion score (talking points for expansion Opportunities); may be absent. */
    public static final String EXPANSION = "healthsync.expansion";
    /** The accounts scoring read, when a sync scored them just before planning (the plan reads them otherwise). */
    public static final String ACCOUNTS = "healthsync.scoredAccounts";
    public static final String PLAN_ID = "healthsync.planId";
    static final String BATCH = "healthsync.batch";
    static final String STOPPED = "healthsync.writesStopped";
    /** The plan's unwritten records in batches, as the caller read them just before apply (RunAccounting). */
    static final String PENDING_BATCHES = "healthsync.pendingBatches";
    static final String PROGRESS = "healthsync.applyProgress";
    static final String LOGGING = "healthsync.lightTouchLogging";
    static final String APPLY_COLLECTIONS = "direct:writeback-apply-collections";
    static final String APPLY_BATCH = "direct:writeback-apply-batch";
    static final String PATH = "healthsyncWritePath"; // no dots: the toD expression would read them as a bean path
    static final String READ_OBJECT = "direct:writeback-read-object";
    static final String APPLY_BULK = "direct:writeback-apply-bulk";
    static final String LOG_ONLY = "direct:playbook-log-only";
    static final String ACTIONS = "healthsyncActions";
    static final String WEBHOOK = "healthsyncWebhook"; // no dots: the toD expression would read them as a bean path
    /** Light-touch actions per webhook POST. */
    static final int WEBHOOK_CHUNK = 500;
    static final String OBJECT = "healthsync.sobject";
    static final String CRM_RECORDS = "healthsync.crmPlaybookRecords";
    static final String UNREADABLE = "healthsync.unreadableObjects";
    static final String QUERY_HEADER = "sObjectQuery";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** Property placeholder of the Salesforce API version (e.g. 60.0). */
    public static final String API_VERSION_PROPERTY = "healthsync.salesforce.apiVersion";

    private static final Logger LOG = LoggerFactory.getLogger(WritebackRoutes.class);

    private final WritebackService writeback;
    private final SalesforceDescribeCache describes;
    private final ApiBudgetCheck budget;

    public WritebackRoutes(WritebackService writeback, SalesforceDescribeCache describes, ApiBudgetCheck budget) {
        this.budget = budget;
        this.writeback = writeback;
        this.describes = describes;
    }

    @Override
    public void configure() {
        // shared by every batch of the split: once the API limit is hit, the remaining batches wait for the next run
        Predicate writesGoOn = exchange -> exchange.getProperty(STOPPED, AtomicReference.class).get() == null;
        Predicate needsDescribe = exchange -> describes.get(exchange.getMessage().getBody(String.class)).isEmpty();
        Predicate readsPlaybookRecords = exchange -> playbookObjects().contains(exchange.getMessage().getBody(String.class))
                && describes.get(exchange.getMessage().getBody(String.class))
                .flatMap(d -> d.field(CrmPlaybookRecord.KEY_FIELD)).isPresent();
        Predicate morePages = exchange -> exchange.getMessage().getHeader(QUERY_HEADER) != null;

        from(PLAN).routeId("writeback-plan")
                .process(exchange -> {
                    exchange.setProperty(CRM_RECORDS, new ArrayList<CrmPlaybookRecord>());
                    exchange.setProperty(UNREADABLE, new java.util.concurrent.ConcurrentHashMap<String, String>());
                    exchange.getMessage().setBody(objectsToDescribe());
                })
                .split(body())
                    .doTry()
                        .to(READ_OBJECT)
                    .doCatch(Exception.class)
                        .onWhen(exchange -> playbookObjects().contains(exchange.getProperty(OBJECT, String.class)))
                        .process(this::playbookObjectUnreadable)
                    .end()
                .end()
                .process(this::plan);

        // light-touch actions, with a webhook set: posted to it (camel-http, any non-2xx answer is a failure) a chunk at
        // a time; a failure leaves them pending for the next apply and never stops the Salesforce writes. Without one,
        // apply logs them in the store on a thread of its own while the writes go out, and no chunk comes here
        from(LOG_ONLY).routeId("playbook-log-only")
                .setProperty(ACTIONS, body())
                .doTry()
                    .process(exchange -> {
                        @SuppressWarnings("unchecked")
                        List<io.healthsync.store.StoredAction> actions = exchange.getProperty(ACTIONS, List.class);
                        exchange.getMessage().setBody(WritebackService.webhookBody(actions));
                        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                        exchange.setProperty(WEBHOOK, writeback.webhookUrl());
                    })
                    .toD("${exchangeProperty." + WEBHOOK + "}")
                    .process(this::markLogged)
                .doCatch(Exception.class)
                    .process(exchange -> LOG.warn("playbooks: the webhook did not take {} light-touch action(s) "
                            + "({}); they stay pending and are posted on the next apply",
                            exchange.getProperty(ACTIONS, List.class).size(),
                            exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                .end();

        // one sObject the plan needs: its describe (when not cached) and, for Task and Opportunity, our records in it
        from(READ_OBJECT).routeId("writeback-read-object")
                .setProperty(OBJECT, body())
                .filter(needsDescribe)
                    .setHeader("sObjectName", body())
                    .to("salesforce:getDescription?rawPayload=true")
                    .process(exchange -> describes.put(exchange.getProperty(OBJECT, String.class),
                            SObjectDescribe.parse(exchange.getMessage().getBody(String.class))))
                    .setBody(exchangeProperty(OBJECT))
                .end()
                .filter(readsPlaybookRecords)
                    .process(exchange -> exchange.getMessage().setHeader(QUERY_HEADER,
                            CrmPlaybookRecord.soql(exchange.getMessage().getBody(String.class))))
                    .to("salesforce:query?rawPayload=true")
                    .process(this::collectPlaybookRecords)
                    .loopDoWhile(morePages)
                        .to("salesforce:queryMore?rawPayload=true")
                        .process(this::collectPlaybookRecords)
                    .end()
                .end();

        from(APPLY).routeId("writeback-apply")
                .process(exchange -> {
                    exchange.setProperty(STOPPED, new AtomicReference<String>());
                    writeback.startApply();
                    String planId = exchange.getProperty(PLAN_ID, String.class);
                    if (writeback.webhookUrl() == null) {
                        // only logged, in the store: done on a second core while the Salesforce writes go out (at
                        // 100,000 accounts an update of some 56,000 rows while the sandbox or Salesforce takes a job)
                        exchange.setProperty(LOGGING, new StepsAhead<Void>("light-touch-logging", 1, step -> {
                            writeback.logPendingLogOnly(planId);
                            return null;
                        }));
                        exchange.getMessage().setBody(List.of());
                    } else {
                        exchange.getMessage().setBody(writeback.pendingLogOnly(planId, WEBHOOK_CHUNK));
                    }
                })
                .split(body())
                    .to(LOG_ONLY)
                .end()
                .process(WritebackRoutes::pendingBatches)
                .process(WritebackRoutes::startProgress)
                // the Bulk API jobs (one a kind of write: the Accounts' fields, the playbooks' Tasks, ...) and the
                // collections calls, one after the other, go out together: Salesforce processes each job on its own
                // while the others are polled and the calls made, so apply waits for the longest, not for their sum
                // (after a drift of 5,000 accounts the Tasks' calls waited more than a second for the Accounts' job)
                .process(exchange -> exchange.getMessage().setBody(
                        ApplyLanes.of(exchange.getMessage().getBody(List.class))))
                .split(body()).parallelProcessing()
                    .choice()
                        .when(body().isInstanceOf(ApplyLanes.Collections.class))
                            .to(APPLY_COLLECTIONS)
                        .otherwise()
                            .filter(writesGoOn)
                                .to(APPLY_BULK)
                                .process(WritebackRoutes::batchDone)
                            .end()
                    .end()
                .end()
                .process(exchange -> writeback.settlePlanStatus(exchange.getProperty(PLAN_ID, String.class)))
                .process(exchange -> exchange.getProperty(PROGRESS, Progress.class).finish())
                .process(exchange -> {
                    @SuppressWarnings("unchecked")
                    StepsAhead<Void> logging = exchange.getProperty(LOGGING, StepsAhead.class);
                    if (logging != null) {
                        try (logging) {
                            logging.take(0); // its failure fails apply here, as it did when it ran first
                        }
                    }
                    writeback.logOnlyDone(exchange.getProperty(PLAN_ID, String.class));
                })
                .process(exchange -> exchange.getMessage().setBody(exchange.getProperty(STOPPED, AtomicReference.class).get()));

        configureBulk();

        // the collections calls of one apply, one at a time (each batch's results stored before the next goes out)
        from(APPLY_COLLECTIONS).routeId("writeback-apply-collections")
                .process(exchange -> exchange.getMessage().setBody(
                        exchange.getMessage().getBody(ApplyLanes.Collections.class).batches()))
                .split(body())
                    .filter(writesGoOn)
                        .to(APPLY_BATCH)
                        .process(WritebackRoutes::batchDone)
                    .end()
                .end();

        from(APPLY_BATCH).routeId("writeback-apply-batch").routeConfigurationId(SalesforceErrorHandling.ID)
                .setProperty(SalesforceErrorHandling.HANDLER, constant((SalesforceErrorHandling.FailureHandler) this::batchFailed))
                .process(exchange -> {
                    WritebackService.WriteBatch batch = exchange.getMessage().getBody(WritebackService.WriteBatch.class);
                    exchange.setProperty(BATCH, batch.writes());
                    exchange.setProperty(PATH, batch.collectionsPath());
                })
                .process(exchange -> budget.check())
                .process(exchange -> exchange.getMessage().setBody(WritebackService.request(batch(exchange))))
                .toD("salesforce:raw?rawMethod=PATCH&rawPath=/services/data/v{{" + API_VERSION_PROPERTY
                        + "}}${exchangeProperty." + PATH + "}")
                .process(exchange -> writeback.recordResponse(exchange.getProperty(PLAN_ID, String.class),
                        batch(exchange), exchange.getMessage().getBody(String.class)));
    }

    /** The batches to send, as the caller read them before apply: without them apply would send nothing. */
    private static void pendingBatches(Exchange exchange) {
        Object read = exchange.getProperty(PENDING_BATCHES);
        if (read == null) {
            throw new IllegalStateException("apply needs the plan's pending batches in " + PENDING_BATCHES
                    + " (RunAccounting.beforeApply reads them)");
        }
        exchange.getMessage().setBody(read);
    }

    /**
     * One kind of write above the bulk threshold: a Bulk API 2.0 ingest job (update by Id, or upsert by
     * Healthsync_Key__c), its per-record results recorded as a collections batch's are.
     */
    private void configureBulk() {
        from(APPLY_BULK).routeId("writeback-apply-bulk").routeConfigurationId(SalesforceErrorHandling.ID)
                .setProperty(SalesforceErrorHandling.HANDLER, constant((SalesforceErrorHandling.FailureHandler) this::bulkFailed))
                .process(exchange -> {
                    List<PlannedWrite> writes = exchange.getMessage().getBody(WritebackService.WriteBatch.class).writes();
                    exchange.setProperty(BATCH, writes);
                    exchange.getMessage().setBody(WritebackService.bulkJob(writes));
                })
                .to(BulkIngestRoutes.INGEST)
                .process(this::recordBulk);
    }

    private void recordBulk(Exchange exchange) {
        io.healthsync.connectors.salesforce.BulkIngestOutcome outcome =
                exchange.getMessage().getBody(io.healthsync.connectors.salesforce.BulkIngestOutcome.class);
        if (outcome == null) {
            return; // the failure handler recorded the batch
        }
        writeback.recordBulk(exchange.getProperty(PLAN_ID, String.class), batch(exchange), outcome);
    }

    /** A bulk call failed for good: what the job answered so far is kept, the rest failed with the reason. */
    private void bulkFailed(Exchange exchange, SalesforceErrorKind kind, String description, Throwable error) {
        io.healthsync.connectors.salesforce.BulkIngestOutcome sofar = exchange.getProperty(BulkIngestRoutes.RUN) == null ? null
                : BulkIngestRoutes.outcomeAfterFailure(exchange, errorCode(error, kind), description);
        if (sofar != null) {
            writeback.recordBulk(exchange.getProperty(PLAN_ID, String.class), batch(exchange), sofar);
            exchange.getMessage().setBody(null);
        }
        batchFailed(exchange, kind, description, error, sofar == null);
    }

    /** Account always (its fields are written); Task and Opportunity when a playbook may create one. */
    private List<String> objectsToDescribe() {
        List<String> objects = new ArrayList<>(List.of(WritebackPlanner.ACCOUNT));
        objects.addAll(playbookObjects());
        return objects;
    }

    private List<String> playbookObjects() {
        return writeback.playbookObjects();
    }

    private void markLogged(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<io.healthsync.store.StoredAction> actions = exchange.getProperty(ACTIONS, List.class);
        writeback.markLogged(exchange.getProperty(PLAN_ID, String.class), actions);
    }

    /**
     * Task or Opportunity could not be described or read (no access for the integration user, an org without
     * them): the Account fields are still planned; the playbooks' records of that kind are left out, said why.
     */
    private void playbookObjectUnreadable(Exchange exchange) {
        String sobject = exchange.getProperty(OBJECT, String.class);
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = error == null ? "unknown error" : error.getMessage();
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> unreadable = exchange.getProperty(UNREADABLE, java.util.Map.class);
        unreadable.put(sobject, message);
        LOG.warn("playbooks: cannot read {} in the org ({}); its playbook records are not planned", sobject, message);
    }

    private void collectPlaybookRecords(Exchange exchange) {
        JsonNode page = readJson(exchange.getMessage().getBody(String.class));
        @SuppressWarnings("unchecked")
        List<CrmPlaybookRecord> records = exchange.getProperty(CRM_RECORDS, List.class);
        records.addAll(CrmPlaybookRecord.parse(exchange.getProperty(OBJECT, String.class), page));
        String next = page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asText(null);
        exchange.getMessage().setHeader(QUERY_HEADER, next);
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Salesforce answered a query with malformed JSON: " + e.getMessage(), e);
        }
    }

    private void plan(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HealthScore> scores = exchange.getProperty(SCORES, List.class);
        @SuppressWarnings("unchecked")
        List<CrmPlaybookRecord> crmRecords = exchange.getProperty(CRM_RECORDS, List.class);
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> unreadable = exchange.getProperty(UNREADABLE, java.util.Map.class);
        @SuppressWarnings("unchecked")
        java.util.Map<String, io.healthsync.scoring.expansion.ExpansionScore> expansion =
                exchange.getProperty(EXPANSION, java.util.Map.class);
        @SuppressWarnings("unchecked")
        List<io.healthsync.model.Account> accounts = exchange.getProperty(ACCOUNTS, List.class);
        WritebackPlan plan = writeback.plan(scores, crmRecords, unreadable, expansion == null ? java.util.Map.of() : expansion,
                accounts);
        exchange.setProperty(PLAN_ID, plan.id());
        exchange.getMessage().setBody(plan);
    }

    /**
     * A batch failed for good. Its records stay pending (failed, with the reason) for the next run. The API
     * limit, a configuration error (login, permission, a field), Salesforce still failing after the retries
     * or an internal error stops the apply: the next batch would fail the same way.
     */
    private void batchFailed(Exchange exchange, SalesforceErrorKind kind, String description, Throwable error) {
        batchFailed(exchange, kind, description, error, true);
    }

    private void batchFailed(Exchange exchange, SalesforceErrorKind kind, String description, Throwable error,
                             boolean recordBatch) {
        List<PlannedWrite> batch = batch(exchange);
        if (batch != null && recordBatch) {
            writeback.recordCallFailure(exchange.getProperty(PLAN_ID, String.class), batch,
                    errorCode(error, kind), description);
        }
        // only an unreadable answer is this batch's own problem; anything else would fail the next batch too
        boolean stop = kind != SalesforceErrorKind.INVALID_DATA;
        if (stop) {
            @SuppressWarnings("unchecked")
            AtomicReference<String> stopped = exchange.getProperty(STOPPED, AtomicReference.class);
            stopped.compareAndSet(null, kind + ": " + description);
        }
        if (kind == SalesforceErrorKind.API_LIMIT) {
            LOG.warn("{}: remaining writes stay planned for the next run", description);
        } else {
            LOG.warn("a write batch of {} records failed ({}): {}; {}", batch == null ? 0 : batch.size(), kind,
                    description, stop ? "apply stops, the remaining writes stay planned" : "its records are retried on the next run");
        }
    }

    private static String errorCode(Throwable error, SalesforceErrorKind kind) {
        if (error instanceof ApiBudgetCheck.ApiBudgetExceededException) {
            return "API_BUDGET";
        }
        return switch (kind) {
            case API_LIMIT -> "REQUEST_LIMIT_EXCEEDED";
            case CONFIGURATION -> "CONFIGURATION";
            default -> "CALL_FAILED";
        };
    }

    /** The apply's progress, towards every record its batches hold. */
    @SuppressWarnings("unchecked")
    private static void startProgress(Exchange exchange) {
        List<WritebackService.WriteBatch> batches = exchange.getMessage().getBody(List.class);
        exchange.setProperty(PROGRESS, Progress.start("apply", batches.stream().mapToLong(b -> b.writes().size()).sum()));
    }

    private static void batchDone(Exchange exchange) {
        List<PlannedWrite> batch = batch(exchange);
        exchange.getProperty(PROGRESS, Progress.class).advance(batch == null ? 0 : batch.size());
    }

    @SuppressWarnings("unchecked")
    private static List<PlannedWrite> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, List.class);
    }

}
