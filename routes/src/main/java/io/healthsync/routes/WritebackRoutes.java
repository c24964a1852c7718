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
import java.util.concurrent.atomic.AtomicBoolean;
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

    private static final Logger LOG = LoggerFactory.getLogger(WritebackRoutes.class);

    private final WritebackService writeback;
    private final SalesforceDescribeCache describes;
    private final String apiVersion;
    private final int maxRetries;
    private final long retryDelayMs;
    private final ApiBudgetCheck budget;

    public WritebackRoutes(WritebackService writeback, SalesforceDescribeCache describes, String apiVersion,
                           int maxRetries, long retryDelayMs, ApiBudgetCheck budget) {
        this.budget = budget;
        this.writeback = writeback;
        this.describes = describes;
        this.apiVersion = apiVersion;
        this.maxRetries = maxRetries;
        this.retryDelayMs = retryDelayMs;
    }

    @Override
    public void configure() {
        Predicate needsAccountDescribe = exchange -> describes.get(WritebackPlanner.ACCOUNT).isEmpty();
        // shared by every batch of the split: once the API limit is hit, the remaining batches wait for the next run
        Predicate writesGoOn = exchange -> !exchange.getProperty(STOPPED, AtomicBoolean.class).get();

        from(PLAN).routeId("writeback-plan")
                .filter(needsAccountDescribe)
                    .setHeader("sObjectName", constant(WritebackPlanner.ACCOUNT))
                    .to("salesforce:getDescription?rawPayload=true")
                    .process(exchange -> describes.put(WritebackPlanner.ACCOUNT,
                            SObjectDescribe.parse(exchange.getMessage().getBody(String.class))))
                .end()
                .process(this::plan);

        from(APPLY).routeId("writeback-apply")
                .onException(Exception.class)
                    .onWhen(exchange -> SalesforceErrorKind.of(SalesforceErrorKind.caught(exchange)) == SalesforceErrorKind.TRANSIENT)
                    .maximumRedeliveries(maxRetries).redeliveryDelay(retryDelayMs).useExponentialBackOff()
                    .handled(true)
                    .process(this::batchFailed)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(this::batchFailed)
                .end()
                .process(exchange -> {
                    exchange.setProperty(STOPPED, new AtomicBoolean(false));
                    exchange.getMessage().setBody(writeback.pendingBatches(exchange.getProperty(PLAN_ID, String.class)));
                })
                .split(body())
                    .filter(writesGoOn)
                        .setProperty(BATCH, body())
                        .process(exchange -> budget.check())
                        .process(exchange -> exchange.getMessage().setBody(WritebackService.request(batch(exchange))))
                        .to("salesforce:raw?rawMethod=PATCH&rawPath=/services/data/v" + apiVersion + "/composite/sobjects")
                        .process(exchange -> writeback.recordResponse(exchange.getProperty(PLAN_ID, String.class),
                                batch(exchange), exchange.getMessage().getBody(String.class)))
                    .end()
                .end();
    }

    private void plan(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<HealthScore> scores = exchange.getProperty(SCORES, List.class);
        WritebackPlan plan = writeback.plan(scores);
        exchange.setProperty(PLAN_ID, plan.id());
        exchange.getMessage().setBody(plan);
    }

    private void batchFailed(Exchange exchange) {
        Throwable error = SalesforceErrorKind.caught(exchange);
        List<PlannedWrite> batch = batch(exchange);
        SalesforceErrorKind kind = SalesforceErrorKind.of(error);
        String description = SalesforceErrorKind.describe(error);
        if (batch != null) {
            writeback.recordCallFailure(exchange.getProperty(PLAN_ID, String.class), batch,
                    errorCode(error, kind), description);
        }
        if (kind == SalesforceErrorKind.API_LIMIT) {
            exchange.getProperty(STOPPED, AtomicBoolean.class).set(true);
            LOG.warn("{}: remaining writes stay planned for the next run", description);
        } else {
            LOG.error("a write batch failed ({}): {}; its records stay pending for the next run", kind, description);
        }
    }

    private static String errorCode(Throwable error, SalesforceErrorKind kind) {
        if (error instanceof ApiBudgetCheck.ApiBudgetExceededException) {
            return "API_BUDGET";
        }
        return kind == SalesforceErrorKind.API_LIMIT ? "REQUEST_LIMIT_EXCEEDED" : "CALL_FAILED";
    }

    @SuppressWarnings("unchecked")
    private static List<PlannedWrite> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, List.class);
    }

}
