package io.healthsync.routes;

import io.healthsync.connectors.salesforce.SObjectCollections;
import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.SalesforcePull;
import io.healthsync.connectors.salesforce.SalesforcePullRoutes;
import io.healthsync.connectors.salesforce.SalesforceRecordMapper;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.store.Store;
import io.healthsync.writeback.WritebackPlan;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Camel application: wires config, store and the Salesforce component into the routes, and runs
 * one stage chain on demand (sync, plan, apply) or on its Quartz schedule ({@link #startScheduled}).
 */
public final class HealthsyncApp implements AutoCloseable {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    /** How long a describe is trusted before it is fetched again (sooner when a mapped field is missing). */
    static final java.time.Duration DESCRIBE_MAX_AGE = java.time.Duration.ofHours(24);

    private final ApiUsage apiUsage;
    private final Store store;
    private final int batchSize;

    private HealthsyncApp(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                          boolean scheduled, RetryPolicy retries) throws Exception {
        this.store = store;
        this.batchSize = config.fields().writeback().batchSize();
        var salesforce = config.sources().salesforce();
        this.apiUsage = new ApiUsage(salesforce.apiBudget());
        SalesforceDescribeCache describes = new SalesforceDescribeCache(store, DESCRIBE_MAX_AGE, clock);
        SalesforcePull pull = new SalesforcePull(salesforce, config.fields(),
                new SalesforceRecordMapper(config.fields(), config.taxonomy()), store, describes, clock, apiUsage);
        WritebackService writeback = new WritebackService(config, store, describes, clock);

        camel = new DefaultCamelContext();
        SalesforceComponent component = SalesforceComponentFactory.create(salesforce, env);
        camel.addComponent("salesforce", component);
        camel.addRoutes(new SalesforcePullRoutes(pull, retries.maxRetries(), retries.delayMs()));
        camel.addRoutes(new SyncRoutes(new ScoringService(config, store, clock), scheduled ? salesforce.cron() : null));
        camel.addRoutes(new WritebackRoutes(writeback, describes, salesforce.apiVersion(), retries.maxRetries(),
                retries.delayMs(), apiUsage));
        camel.start();
        // the component creates its HTTP client on start (and logs in then, which is not counted)
        component.getHttpClient().getRequestListeners().addListener(apiUsage);
        producer = camel.createProducerTemplate();
    }

    /** How often and how patiently transient failures (IO, 5xx, 429) are retried. */
    public record RetryPolicy(int maxRetries, long delayMs) {
        public static RetryPolicy defaults() {
            return new RetryPolicy(3, 1000);
        }
    }

    /** Starts the context for one-shot commands; logs in to Salesforce once. */
    public static HealthsyncApp start(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                                      RetryPolicy retries) throws Exception {
        return new HealthsyncApp(config, store, env, clock, false, retries);
    }

    /** Starts the long-running application: the sync runs on sources.yaml's cron until {@link #close()}. */
    public static HealthsyncApp startScheduled(HealthsyncConfig config, Store store, Map<String, String> env,
                                               Clock clock) throws Exception {
        return new HealthsyncApp(config, store, env, clock, true, RetryPolicy.defaults());
    }

    /** Pull, score, plan and, unless {@code dryRun}, apply. */
    public RunReport sync(boolean dryRun, boolean skipPull) {
        long started = System.nanoTime();
        apiUsage.reset();
        Exchange result = producer.send(SyncRoutes.SYNC, exchange -> {
            exchange.setProperty(SyncRoutes.DRY_RUN, dryRun);
            exchange.setProperty(SyncRoutes.SKIP_PULL, skipPull);
        });
        rethrow(result);
        RunReport report = SyncRoutes.report(result);
        report.dryRun = dryRun;
        if (!dryRun) {
            fillApplyResults(report, report.planId, report.recordsPlanned);
        }
        finish(report, started);
        return report;
    }

    /** Applies a stored plan (the latest when {@code planId} is null): exactly its records not yet written. */
    public RunReport apply(String planId) {
        long started = System.nanoTime();
        apiUsage.reset();
        WritebackPlan plan = (planId == null ? store.latestPlan() : store.plan(planId))
                .orElseThrow(() -> new IllegalStateException(planId == null
                        ? "no plan yet: run 'healthsync plan' first" : "no plan with id " + planId));
        int pending = store.pendingWrites(plan.id()).size();
        int writtenBefore = store.outboxCounts(plan.id()).getOrDefault("written", 0);
        Exchange result = producer.send(WritebackRoutes.APPLY, exchange -> exchange.setProperty(WritebackRoutes.PLAN_ID, plan.id()));
        rethrow(result);
        RunReport report = new RunReport();
        report.planId = plan.id();
        report.recordsPlanned = plan.writes().size();
        report.fieldsChanged = plan.fieldsChanged();
        report.problems.addAll(plan.problems());
        fillApplyResults(report, plan.id(), pending);
        // a re-applied plan reports what this run wrote, not what earlier runs did
        report.recordsWritten -= writtenBefore;
        finish(report, started);
        return report;
    }

    /** @param pending records the apply set out to write: the fewest calls are ceil(pending / batch size) */
    private void fillApplyResults(RunReport report, String planId, int pending) {
        Map<String, Integer> counts = store.outboxCounts(planId);
        report.recordsWritten = counts.getOrDefault("written", 0);
        report.recordsFailed = counts.getOrDefault("failed", 0);
        report.writeFailures = store.failedWrites(planId);
        report.writeApiCalls = apiUsage.writes();
        report.writeApiCallsMinimum = SObjectCollections.minimumCalls(pending, batchSize);
    }

    private void finish(RunReport report, long startedNanos) {
        report.apiCallsTotal = apiUsage.total();
        report.apiCallsByOperation = apiUsage.byOperation();
        report.apiUsage = apiUsage.lastLimitInfo();
        report.quarantinedTotal = store.quarantinedCount();
        report.unknownActivityLabels = store.unknownActivityLabels(10);
        report.elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void rethrow(Exchange exchange) {
        if (exchange.getException() != null) {
            Exception e = exchange.getException();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Camel context: " + e.getMessage(), e);
        }
    }
}
