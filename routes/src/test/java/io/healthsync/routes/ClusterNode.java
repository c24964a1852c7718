package io.healthsync.routes;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.store.JdbcStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One replica of `healthsync run` for {@link ClusteredSchedulingTest}, in its own JVM: the service on a shared
 * PostgreSQL store, syncing the sandbox org on a fast cron. It prints one line per run on stdout:
 * {@code RUN <node> <started epoch ms> <elapsed ms> <status>}.
 */
public final class ClusterNode {

    static final Map<String, String> ENV = Map.of("T_ID", "client", "T_SECRET", "s3cr3t");

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String loginUrl = args[1];
        String node = args[2];
        String cron = args[3];
        long checkinMs = Long.parseLong(args[4]);
        try (JdbcStore store = JdbcStore.open(jdbcUrl, null, null)) {
            HealthsyncService service = new HealthsyncService(config(loginUrl, cron), store, ENV, Clock.systemUTC(),
                    new HealthsyncApp.RetryPolicy(1, 10), new SyncRoutes.Schedule(false, report -> {
                        System.out.println("RUN " + node + " " + report.startedAt.toEpochMilli() + " " + report.elapsedMs
                                + " " + report.status);
                        System.out.flush();
                    }), new HealthsyncService.Lifecycle() {
                        @Override
                        public void started(Optional<Instant> next) {
                            System.out.println("STARTED " + node);
                            System.out.flush();
                        }

                        @Override
                        public void stopping() {
                        }
                    }, null, checkinMs);
            service.run();
        }
    }

    static HealthsyncConfig config(String loginUrl, String cron) {
        HealthsyncConfig defaults = ConfigLoader.load(null);
        SourcesConfig.Salesforce sf = defaults.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        return defaults.withSources(new SourcesConfig(new SourcesConfig.Salesforce(true, cron, loginUrl, sf.apiVersion(),
                auth, sf.objects(), 2000, sf.lookbackSeconds(), sf.historyDays(), null)));
    }
}
