package io.healthsync.routes;

import io.healthsync.connectors.salesforce.SalesforceErrorHandling;
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
import java.util.Properties;
import java.util.function.Consumer;
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
    private final RunAccounting accounting;

    private HealthsyncApp(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                          boolean scheduled, RetryPolicy retries, Consumer<RunReport> onScheduledRun) throws Exception {
        this.store = store;
        var salesforce = config.sources().salesforce();
        this.apiUsage = new ApiUsage(salesforce.apiBudget());
        SalesforceDescribeCache describes = new SalesforceDescribeCache(store, DESCRIBE_MAX_AGE, clock);
        SalesforcePull pull = new SalesforcePull(salesforce, config.fields(),
                new SalesforceRecordMapper(config.fields()), store, describes, clock, apiUsage);
        WritebackService writeback = new WritebackService(config, store, describes, clock);
        this.accounting = new RunAccounting(apiUsage, store, config.fields().writeback().batchSize());

        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty(SyncRoutes.CRON_PROPERTY, salesforce.cron().trim().replace(' ', '+'));
        properties.setProperty(WritebackRoutes.API_VERSION_PROPERTY, salesforce.apiVersion());
        camel.getPropertiesComponent().setInitialProperties(properties);
        SalesforceComponent component = SalesforceComponentFactory.create(salesforce, env);
        // log in on the first call, not at start: an org that is down or refuses us is a failed run, reported,
        // and (for run) retried on the next schedule, never a process that cannot start
        component.setLazyLogin(true);
        camel.addComponent("salesforce", component);
        camel.addRoutes(new SalesforceErrorHandling(retries.maxRetries(), retries.delayMs(), apiUsage));
        camel.addRoutes(new SalesforcePullRoutes(pull));
        camel.addRoutes(new SyncRoutes(new ScoringService(config, store, clock), accounting,
                salesforce.objects(), scheduled, onScheduledRun));
        camel.addRoutes(new WritebackRoutes(writeback, describes, apiUsage));
        camel.start();
        component.getHttpClient().getRequestListeners().addListener(apiUsage);
        producer = camel.createProducerTemplate();
    }

    /** How often and how patiently transient failures (IO, 5xx, 429) are retried. */
    public record RetryPolicy(int maxRetries, long delayMs) {
        public static RetryPolicy defaults() {
            return new RetryPolicy(3, 1000);
        }
    }

    /** Starts the context for one-shot commands. */
    public static HealthsyncApp start(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                                      RetryPolicy retries) throws Exception {
        return new HealthsyncApp(config, store, env, clock, false, retries, report -> { });
    }

    /**
     * Starts the long-running application: the sync runs on sources.yaml's cron until {@link #close()}, and
     * each scheduled run's report goes to {@code onScheduledRun}.
     */
    public static HealthsyncApp startScheduled(HealthsyncConfig config, Store store, Map<String, String> env,
                                               Clock clock, RetryPolicy retries, Consumer<RunReport> onScheduledRun)
            throws Exception {
        return new HealthsyncApp(config, store, env, clock, true, retries, onScheduledRun);
    }

    /** Pull, score, plan and, unless {@code dryRun}, apply. */
    public RunReport sync(boolean dryRun, boolean skipPull) {
        return sync(dryRun, skipPull, false);
    }

    /** As {@link #sync(boolean, boolean)}; {@code allowPartial} plans and writes even when a pull did not complete. */
    public RunReport sync(boolean dryRun, boolean skipPull, boolean allowPartial) {
        Exchange result = producer.send(SyncRoutes.SYNC, exchange -> {
            exchange.setProperty(SyncRoutes.DRY_RUN, dryRun);
            exchange.setProperty(SyncRoutes.SKIP_PULL, skipPull);
            exchange.setProperty(SyncRoutes.ALLOW_PARTIAL, allowPartial);
        });
        rethrow(result);
        return result.getMessage().getBody(RunReport.class);
    }

    /**
     * Applies a stored plan (the latest when {@code planId} is null): exactly its records not yet written.
     * A plan that a newer one superseded is refused: it was decided from older data.
     */
    public RunReport apply(String planId) {
        WritebackPlan plan = (planId == null ? store.latestPlan() : store.plan(planId))
                .orElseThrow(() -> new IllegalStateException(planId == null
                        ? "no plan yet: run 'healthsync plan' first" : "no plan with id " + planId));
        store.supersededBy(plan.id()).ifPresent(newer -> {
            throw new PlanSupersededException("plan " + plan.id() + " was superseded by plan " + newer
                    + ", made from newer data; applying it would write older values over newer ones. "
                    + "Apply the latest plan ('healthsync apply') or make a new one ('healthsync plan')");
        });
        RunReport report = accounting.start();
        report.planId = plan.id();
        report.recordsPlanned = plan.writes().size();
        report.fieldsChanged = plan.fieldsChanged();
        report.problems.addAll(plan.problems());
        accounting.beforeApply(report, plan.id());
        Exchange result = producer.send(WritebackRoutes.APPLY, exchange -> exchange.setProperty(WritebackRoutes.PLAN_ID, plan.id()));
        rethrow(result);
        report.writesStopped = result.getMessage().getBody(String.class);
        accounting.afterApply(report, plan.id());
        accounting.finish(report);
        return report;
    }

    /** apply was asked for a plan that a newer plan replaced. */
    public static final class PlanSupersededException extends IllegalStateException {
        PlanSupersededException(String message) {
            super(message);
        }
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
