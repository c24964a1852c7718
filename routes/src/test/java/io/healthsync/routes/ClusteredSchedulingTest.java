package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.store.JdbcStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the service, each in its own JVM with its own Quartz scheduler (distinct instance ids), on one
 * PostgreSQL: each scheduled sync runs once across both, never on both at once; when the replica that is running
 * the schedule is killed, the other takes it over. Runs when HEALTHSYNC_TEST_POSTGRES_URL is set (as .ci/run does).
 */
class ClusteredSchedulingTest {

    private static final String URL = System.getenv("HEALTHSYNC_TEST_POSTGRES_URL");
    private static final int EVERY_SECONDS = 3;
    private static final long CHECKIN_MS = 1000;

    @TempDir
    Path dir;
    private String schema;
    private final List<Process> nodes = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process node : nodes) {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (schema != null) {
            try (var connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void each_schedule_fires_once_across_two_replicas_and_fails_over_when_one_dies() throws Exception {
        assumeTrue(URL != null && !URL.isBlank(), "HEALTHSYNC_TEST_POSTGRES_URL not set; clustered scheduling skipped");
        schema = "hs_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        String storeUrl = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;

        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20).withSeed(7))) {
            String cron = "0/" + EVERY_SECONDS + " * * * * ?";
            // migrate and pull everything once here, so that the replicas' scheduled runs are short incremental ones
            try (JdbcStore store = JdbcStore.open(storeUrl, null, null);
                 HealthsyncApp app = HealthsyncApp.start(ClusterNode.config(sandbox.loginUrl(), cron), store,
                         ClusterNode.ENV, Clock.systemUTC(), new HealthsyncApp.RetryPolicy(1, 10))) {
                assertThat(app.sync(false, false).status).isEqualTo("ok");
            }
            start("a", storeUrl, sandbox.loginUrl(), cron);
            start("b", storeUrl, sandbox.loginUrl(), cron);
            Set<String> started = new HashSet<>();
            while (started.size() < 2) {
                String line = lines.poll(90, TimeUnit.SECONDS);
                assertThat(line).as("both replicas start").isNotNull();
                if (line.startsWith("STARTED ")) {
                    started.add(line.substring(8));
                }
            }

            List<Run> together = runs(6, run -> true);
            assertNeverOverlapping(together);

            String killed = together.get(together.size() - 1).node();
            String survivor = killed.equals("a") ? "b" : "a";
            long killedAt = System.currentTimeMillis();
            nodes.get(killed.equals("a") ? 0 : 1).destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            // what the killed replica printed before it died may still be in the pipe: only runs started after count
            List<Run> after = runs(3, run -> run.startedMs() > killedAt);
            assertThat(after).extracting(Run::node).containsOnly(survivor);
            assertNeverOverlapping(after);

            // each scheduled fire time was taken by exactly one replica, each replica a scheduler of its own
            Map<String, List<Fire>> fires = new TreeMap<>();
            for (String node : List.of("a", "b")) {
                fires.put(node, fires(dir.resolve(node + ".log")));
            }
            List<Fire> all = fires.values().stream().flatMap(List::stream).toList();
            assertThat(all).extracting(Fire::scheduledFor).doesNotHaveDuplicates();
            assertThat(fires.get("a")).extracting(Fire::instanceId).doesNotContainAnyElementsOf(
                    fires.get("b").stream().map(Fire::instanceId).toList());
            assertThat(fires.get(survivor)).extracting(Fire::scheduledFor)
                    .anyMatch(time -> time.toEpochMilli() > after.get(0).startedMs() - EVERY_SECONDS * 1000L);
            assertThat(all.size()).isGreaterThanOrEqualTo(9);
        }
    }

    private static final Pattern FIRE = Pattern.compile("schedule salesforce-sync fired for (\\S+) on scheduler instance (\\S+)");

    private static List<Fire> fires(Path log) throws java.io.IOException {
        List<Fire> fires = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(log)) {
            Matcher fire = FIRE.matcher(line);
            if (fire.find()) {
                fires.add(new Fire(java.time.Instant.parse(fire.group(1)), fire.group(2)));
            }
        }
        return fires;
    }

    private record Fire(java.time.Instant scheduledFor, String instanceId) {
    }

    /** Runs never overlap: one replica at a time runs the schedule. */
    private static void assertNeverOverlapping(List<Run> runs) {
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startedMs()).as("runs never overlap: %s", runs)
                    .isGreaterThanOrEqualTo(runs.get(i - 1).startedMs() + runs.get(i - 1).elapsedMs());
        }
    }

    private List<Run> runs(int count, java.util.function.Predicate<Run> counted) throws InterruptedException {
        List<Run> runs = new ArrayList<>();
        while (runs.size() < count) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("run %d of %d", runs.size() + 1, count).isNotNull();
            String[] parts = line.split(" ");
            if (parts[0].equals("RUN")) {
                Run run = new Run(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), parts[4]);
                if (counted.test(run)) {
                    runs.add(run);
                }
            }
        }
        runs.sort(java.util.Comparator.comparingLong(Run::startedMs));
        return runs;
    }

    private void start(String node, String storeUrl, String loginUrl, String cron) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(), storeUrl, loginUrl, node, cron,
                Long.toString(CHECKIN_MS));
        builder.redirectError(dir.resolve(node + ".log").toFile());
        Process process = builder.start();
        nodes.add(process);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ended) {
                // the replica was stopped
            }
        }, "cluster-node-" + node);
        reader.setDaemon(true);
        reader.start();
    }

    private record Run(String node, long startedMs, long elapsedMs, String status) {
    }
}
