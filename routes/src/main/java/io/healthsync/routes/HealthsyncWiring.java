package io.healthsync.routes;

import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.SalesforceErrorHandling;
import io.healthsync.connectors.salesforce.SalesforcePull;
import io.healthsync.connectors.salesforce.SalesforcePullRoutes;
import io.healthsync.connectors.salesforce.SalesforceRecordMapper;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import io.healthsync.connectors.salesforce.ObservedSalesforceComponent;

/**
 * What both lifecycles run (the one-shot commands' {@link HealthsyncApp} and the long-running
 * {@link HealthsyncService}): the Salesforce component, the routes, and the property placeholders their
 * endpoints use, built from the config, the store and the credentials.
 */
final class HealthsyncWiring {

    /** How long a describe is trusted before it is fetched again (sooner when a mapped field is missing). */
    static final Duration DESCRIBE_MAX_AGE = Duration.ofHours(24);

    /**
     * Bulk API 2.0 ingest jobs are polled after 250 ms, doubling to every 30 s, for at most 20 minutes: a day's
     * few thousand changed records are often done within a second, and a first poll at 1 s then 2 s made apply wait
     * 3 s for them; a long job costs two more polls than from 1 s.
     */
    static final Duration BULK_FIRST_POLL = Duration.ofMillis(250);
    static final Duration BULK_MAX_POLL_INTERVAL = Duration.ofSeconds(30);
    static final Duration BULK_MAX_WAIT = Duration.ofMinutes(20);

    final ObservedSalesforceComponent component;
    final List<RoutesBuilder> routes;
    final Properties properties = new Properties();
    final ApiUsage apiUsage;
    final RunAccounting accounting;

    HealthsyncWiring(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                     HealthsyncApp.RetryPolicy retries, SyncRoutes.Schedule schedule, java.nio.file.Path modelsDir) {
        var salesforce = config.sources().salesforce();
        apiUsage = new ApiUsage(salesforce.apiBudget());
        SalesforceDescribeCache describes = new SalesforceDescribeCache(store, DESCRIBE_MAX_AGE, clock);
        SalesforcePull pull = new SalesforcePull(salesforce, config.fields(),
                new SalesforceRecordMapper(config.fields()), store, describes, clock, apiUsage);
        WritebackService writeback = new WritebackService(config, store, describes, clock);
        accounting = new RunAccounting(apiUsage, store, writeback);

        properties.setProperty(SyncRoutes.CRON_PROPERTY, salesforce.cron().trim().replace(' ', '+'));
        properties.setProperty(WritebackRoutes.API_VERSION_PROPERTY, salesforce.apiVersion());
        component = SalesforceComponentFactory.create(salesforce, env);
        // log in on the first call, not at start: an org that is down or refuses us is a failed run, reported,
        // and (for run) retried on the next schedule, never a process that cannot start
        component.setLazyLogin(true);
        component.observeRequests(apiUsage);
        Map<String, HttpSources.Built> httpSources = HttpSources.enabled(config, env);
        httpSources.values().forEach(source -> properties.setProperty(SourceRoutes.cronProperty(source.config().name()),
                source.config().cron().trim().replace(' ', '+')));
        String retrainCron = config.scorecard().model().retrainCron();
        boolean retrain = schedule != null && modelsDir != null && retrainCron != null;
        if (retrain) {
            properties.setProperty(RetrainRoutes.CRON_PROPERTY, retrainCron.trim().replace(' ', '+'));
        }
        routes = new java.util.ArrayList<>(List.of(
                new SourceRoutes(httpSources, store, clock, schedule != null, report -> { }),
                new SalesforceErrorHandling(retries.maxRetries(), retries.delayMs(), apiUsage),
                new SalesforcePullRoutes(pull),
                new SyncRoutes(new ScoringService(config, store, clock, modelsDir), accounting, salesforce.objects(),
                        schedule, store::recordRun),
                new WritebackRoutes(writeback, describes, apiUsage),
                new BulkIngestRoutes(apiUsage, BULK_FIRST_POLL, BULK_MAX_POLL_INTERVAL, BULK_MAX_WAIT)));
        if (retrain) {
            routes.add(new RetrainRoutes(new ModelRetraining(config, store, modelsDir, clock)));
        }
    }
}
