package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.quartz.CronExpression;

/**
 * The long-running application ({@code healthsync run}) on Camel Main: the sync on sources.yaml's Quartz
 * cron (and once at start), until SIGTERM or Ctrl-C, when Camel Main shuts the routes down gracefully:
 * an in-flight run finishes its current page or batch (each stored with its cursor or result) within
 * {@link #SHUTDOWN_TIMEOUT_SECONDS}, and only then does {@link #run()} return, so the caller can close the
 * store after the last write.
 */
public final class HealthsyncService {

    public static final int SHUTDOWN_TIMEOUT_SECONDS = 30;

    /** What the operator is told about the service itself (each run's report goes to the schedule's listener). */
    public interface Lifecycle {
        void started(Optional<Instant> nextScheduledRun);

        void stopping();
    }

    private final Main main = new Main();
    private final String cron;

    public HealthsyncService(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                             HealthsyncApp.RetryPolicy retries, SyncRoutes.Schedule schedule, Lifecycle lifecycle) {
        this(config, store, env, clock, retries, schedule, lifecycle, null);
    }

    /** As the other constructor, scoring with (and monthly retraining) the models `train` keeps in {@code modelsDir}. */
    public HealthsyncService(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                             HealthsyncApp.RetryPolicy retries, SyncRoutes.Schedule schedule, Lifecycle lifecycle,
                             java.nio.file.Path modelsDir) {
        this(config, store, env, clock, retries, schedule, lifecycle, modelsDir,
                ClusteredScheduling.DEFAULT_CHECKIN_INTERVAL_MS);
    }

    /**
     * As the other constructors; on a shared database (PostgreSQL) the schedules run in Quartz's clustered
     * mode, the replicas checking in every {@code checkinIntervalMs}.
     */
    public HealthsyncService(HealthsyncConfig config, Store store, Map<String, String> env, Clock clock,
                             HealthsyncApp.RetryPolicy retries, SyncRoutes.Schedule schedule, Lifecycle lifecycle,
                             java.nio.file.Path modelsDir, long checkinIntervalMs) {
        this.cron = config.sources().salesforce().cron();
        HealthsyncWiring wiring = new HealthsyncWiring(config, store, env, clock, retries, schedule, modelsDir);
        main.bind("salesforce", wiring.component);
        store.sharedDatabase().ifPresent(database -> main.bind("quartz",
                ClusteredScheduling.component(database, checkinIntervalMs)));
        main.setInitialProperties(wiring.properties);
        wiring.routes.forEach(main.configure()::addRoutesBuilder);
        main.configure().withName("healthsync").withShutdownTimeout(SHUTDOWN_TIMEOUT_SECONDS)
                .withShutdownSuppressLoggingOnTimeout(true);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                        lifecycle.started(nextRun(cron));
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                lifecycle.stopping();
            }
        });
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C); returns once the routes have stopped. */
    public void run() throws Exception {
        main.run();
    }

    /** Ends {@link #run()} as SIGTERM would: the routes shut down gracefully, then run returns. */
    public void shutdown() {
        main.completed();
    }

    /** The cron's next fire time after now, when Quartz can tell. */
    static Optional<Instant> nextRun(String cron) {
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(new Date());
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }
}
