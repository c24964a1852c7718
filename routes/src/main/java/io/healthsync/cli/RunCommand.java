package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.HealthsyncService;
import io.healthsync.routes.SyncRoutes;
import io.healthsync.store.JdbcStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the long-lived application: sync once at start, then on the Quartz cron from sources.yaml, "
                + "one summary line per run, until stopped (Ctrl-C or SIGTERM: a run in flight gets 30 s to finish).",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync run --config my-config",
                "  healthsync run --no-sync-at-start --db-url jdbc:postgresql://db:5432/hs",
                ExitCodes.FOOTER,
                "Stopped by a signal it exits 0; each run's status is on its summary line."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--sync-at-start", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Sync once right away instead of waiting for the first cron fire (default: ${DEFAULT-VALUE}).")
    boolean syncAtStart;

    @Override
    public Integer call() throws Exception {
        common.check(Path.of("data"));
        HealthsyncConfig config = common.loadConfig();
        if (!config.sources().salesforce().enabled()) {
            System.err.println("healthsync run: no source is enabled in sources.yaml; nothing to schedule");
            return ExitCodes.USAGE;
        }
        PrintStream out = System.out;
        CountDownLatch closed = new CountDownLatch(1);
        // the JVM waits for its shutdown hooks: this one holds it until the store is closed after the last write
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(closed), "healthsync-store-close"));
        try (JdbcStore store = common.openStore(Path.of("data"));
             OpsEndpoints ops = OpsEndpoints.start(config.sources(), store, common.modelsDir(Path.of("data")), out)) {
            String cron = config.sources().salesforce().cron();
            // --json: one JSON object per line and run (the summary's keys), for a log shipper
            SyncRoutes.Schedule schedule = new SyncRoutes.Schedule(syncAtStart, report -> {
                ops.record(report);
                out.println(common.json ? RunSummary.jsonLine(report) : RunSummary.line(report));
            });
            HealthsyncService service = new HealthsyncService(config, store, System.getenv(), Clock.systemUTC(),
                    HealthsyncApp.RetryPolicy.defaults(), schedule, new HealthsyncService.Lifecycle() {
                        @Override
                        public void started(Optional<Instant> next) {
                            out.println(now() + " healthsync run: Salesforce sync on cron '" + cron + "'"
                                    + next.map(n -> ", next at " + n.truncatedTo(ChronoUnit.SECONDS)).orElse("")
                                    + (syncAtStart ? "; syncing now" : "") + "; store " + common.storeDescription()
                                    + "; Ctrl-C stops");
                            config.sources().enabledHttpSources().forEach(source -> out.println(now() + " healthsync run: "
                                    + source.name() + " pulled on its own cron '" + source.cron() + "'"));
                            if (config.scorecard().model().retrainCron() != null) {
                                out.println(now() + " healthsync run: models retrained on cron '"
                                        + config.scorecard().model().retrainCron() + "' (promoted only when better)");
                            }
                        }

                        @Override
                        public void stopping() {
                            out.println(now() + " healthsync run: stopping (a run in flight gets "
                                    + HealthsyncService.SHUTDOWN_TIMEOUT_SECONDS + " s to finish; what it stored or wrote is kept)");
                        }
                    }, common.modelsDir(Path.of("data")));
            service.run();
        } finally {
            out.println(now() + " healthsync run: stopped");
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
