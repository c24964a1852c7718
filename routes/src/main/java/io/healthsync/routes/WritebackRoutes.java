package io.healthsync.routes;

import io.healthsync.connectors.salesforce.ApiBudgetCheck;
import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.SalesforceErrorKind;
import io.healthsync.model.HealthScore;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WritebackPlanner;
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
    public static final String PLAN_ID = "healthsync.planId";
    static final String BATCH = "healthsync.batch";
    static final String STOPPED = "healthsync.writesStopped";
    static final String APPLY_BATCH = "direct:writeback-apply-batch";
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
        Predicate needsAccountDescribe = exchange -> describes.get(WritebackPlanner.ACCOUNT).isEmpty();
        // shared by every batch of the split: once the API limit is hit, the remaining batches wait for the next run
        Predicate writesGoOn = exchange -> exchange.getProperty(STOPPED, AtomicReference.class).get() == null;

        from(PLAN).routeId("writeback-plan")
                .filter(needsAccountDescribe)
                    .setHeader("sObjectName", constant(WritebackPlanner.ACCOUNT))
                    .to("salesforce:getDescription?rawPayload=true")
                    .process(exchange -> describes.put(WritebackPlanner.ACCOUNT,
                            SObjectDescribe.parse(exchange.getMessage().getBody(String.class))))
                .end()
                .process(this::plan);

        from(APPLY).routeId("writeback-apply")
                .process(exchange -> {
                    exchange.setProperty(STOPPED, new AtomicReference<String>());
                    exchange.getMessage().setBody(writeback.pendingBatches(exchange.getProperty(PLAN_ID, String.class)));
                })
                .split(body())
                    .filter(writesGoOn)
                        .to(APPLY_BATCH)
                    .end()
                .end()
                .process(exchange -> exchange.getMessage().setBody(exchange.getProperty(STOPPED, AtomicReference.class).get()));

        from(APPLY_BATCH).routeId("writeback-apply-batch").routeConfigurationId(SalesforceErrorHandling.ID)
                .setProperty(SalesforceErrorHandling.HANDLER, constant((SalesforceErrorHandling.FailureHandler) this::batchFailed))
                .setProperty(BATCH, body())
                .process(exchange -> budget.check())
                .process(exchange -> exchange.getMessage().setBody(WritebackService.request(batch(exchange))))
                .to("salesforce:raw?rawMethod=PATCH&rawPath=/services/data/v{{" + API_VERSION_PROPERTY + "}}/composite/sobjects")
                .process(exchange -> writeback.recordResponse(exchange.getProperty(PLAN_ID, String.class),
                        batch(exchange), exchange.getMessage().getBody(String.class)));
    }

    private void plan(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HealthScore> scores = exchange.getProperty(SCORES, List.class);
        WritebackPlan plan = writeback.plan(scores);
        exchange.setProperty(PLAN_ID, plan.id());
        exchange.getMessage().setBody(plan);
    }

    /**
     * A batch failed for good. Its records stay pending (failed, with the reason) for the next run. The API
     * limit, a configuration error (login, permission, a field), Salesforce still failing after the retries
     * or an internal error stops the apply: the next batch would fail the same way.
     */
    private void batchFailed(Exchange exchange, SalesforceErrorKind kind, String description, Throwable error) {
        List<PlannedWrite> batch = batch(exchange);
        if (batch != null) {
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

    @SuppressWarnings("unchecked")
    private static List<PlannedWrite> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, List.class);
    }

}
