package io.healthsync.routes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * camel-quartz in Quartz's clustered JDBC mode, on the PostgreSQL the replicas share: every replica registers
 * the same schedules, and each fire is taken by exactly one of them (a row lock in QRTZ_LOCKS). A replica that
 * stops checking in is declared dead after about twice {@code checkinIntervalMs}, and the others take its
 * fires over. The Quartz tables come with the store's migrations (V10).
 */
public final class ClusteredScheduling {

    /** Same on every replica: Quartz clusters the schedulers that share a name and a database. */
    static final String SCHEDULER_NAME = "healthsync";
    public static final long DEFAULT_CHECKIN_INTERVAL_MS = 7_500;

    private ClusteredScheduling() {
    }

    /** A Quartz component whose scheduler keeps its jobs in {@code database} (the store's pool), clustered. */
    static QuartzComponent component(DataSource database, long checkinIntervalMs) {
        // Quartz finds its connections by name; one name per process-local pool, so two services in one JVM
        // (tests) each use their own
        String source = "healthsync-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(source, new Pool(database));
        QuartzComponent quartz = new QuartzComponent();
        quartz.setPrefixInstanceName(false);
        quartz.setProperties(Map.ofEntries(
                Map.entry("org.quartz.scheduler.instanceName", SCHEDULER_NAME),
                Map.entry("org.quartz.scheduler.instanceId", "AUTO"),
                Map.entry("org.quartz.scheduler.skipUpdateCheck", "true"),
                Map.entry("org.quartz.threadPool.threadCount", "4"),
                Map.entry("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX"),
                Map.entry("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"),
                Map.entry("org.quartz.jobStore.dataSource", source),
                Map.entry("org.quartz.jobStore.tablePrefix", "QRTZ_"),
                Map.entry("org.quartz.jobStore.isClustered", "true"),
                Map.entry("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinIntervalMs)),
                // a fire missed while no replica was up runs once when one is back, not once per missed slot
                Map.entry("org.quartz.jobStore.misfireThreshold", "60000")));
        quartz.addScheduleInitTask(scheduler -> scheduler.getListenerManager()
                .addTriggerListener(new FireLog(scheduler.getSchedulerInstanceId())));
        return quartz;
    }

    /** One log line per fire, naming the replica that took it: which one ran what, when two or more are up. */
    private static final class FireLog extends org.quartz.listeners.TriggerListenerSupport {

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusteredScheduling.class);
        private final String instanceId;

        FireLog(String instanceId) {
            this.instanceId = instanceId;
        }

        @Override
        public String getName() {
            return "healthsync-fire-log";
        }

        @Override
        public void triggerFired(org.quartz.Trigger trigger, org.quartz.JobExecutionContext context) {
            LOG.info("schedule {} fired for {} on scheduler instance {}", trigger.getKey().getName(),
                    context.getScheduledFireTime().toInstant(), instanceId);
        }
    }

    private record Pool(DataSource database) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return database.getConnection();
        }

        @Override
        public void shutdown() {
            // the store owns the pool and closes it after the service has stopped
        }

        @Override
        public void initialize() {
        }
    }
}
