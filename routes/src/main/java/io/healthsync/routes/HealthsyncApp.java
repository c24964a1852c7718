package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.store.Store;
import io.healthsync.writeback.WritebackPlan;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Camel application for one-shot commands (sync, plan, apply): starts the routes, runs one stage chain
 * on demand, and stops. The long-running application is {@link HealthsyncService}.
 */
public final class HealthsyncApp implements AutoCloseable {

    /** How long a describe is trusted before it is fetched again (sooner when a mapped field is missing). */
    static final java.time.Duration DESCRIBE_MAX_AGE = HealthsyncWiring.DESCRIBE_MAX_AGE;

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Store store;
    private final RunAccounting accounting;

    private HealthsyncApp(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                          RetryPolicy retries, java.nio.file.Path modelsDir) throws Exception {
        this.store = store;
        HealthsyncWiring wiring = new HealthsyncWiring(config, store, env, clock, retries, null, modelsDir);
        this.accounting = wiring.accounting;
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(wiring.properties);
        camel.addComponent("salesforce", wiring.component);
        for (var routes : wiring.routes) {
            camel.addRoutes(routes);
        }
        camel.start();
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
        return new HealthsyncApp(config, store, env, clock, retries, null);
    }

    /** As {@link #start(HealthsyncConfig, Store, Map, Clock, RetryPolicy)}, scoring with the models `train` keeps in {@code modelsDir}. */
    public static HealthsyncApp start(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                                      RetryPolicy retries, java.nio.file.Path modelsDir) throws Exception {
        return new HealthsyncApp(config, store, env, clock, retries, modelsDir);
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
        report.recordPlan(plan);
        List<WritebackService.WriteBatch> pending = accounting.beforeApply(report, plan.id());
        Exchange result = producer.send(WritebackRoutes.APPLY, exchange -> {
            exchange.setProperty(WritebackRoutes.PLAN_ID, plan.id());
            exchange.setProperty(WritebackRoutes.PENDING_BATCHES, pending);
        });
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
