package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.store.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the long-lived application: each enabled source syncs on its Quartz cron from sources.yaml until stopped (Ctrl-C).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        HealthsyncConfig config = common.loadConfig();
        if (!config.sources().salesforce().enabled()) {
            System.err.println("healthsync run: no source is enabled in sources.yaml; nothing to schedule");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (JdbcStore store = common.openStore(Path.of("data"));
             HealthsyncApp app = HealthsyncApp.startScheduled(config, store, System.getenv(), Clock.systemUTC(),
                     HealthsyncApp.RetryPolicy.defaults(), report -> System.out.println(RunSummary.line(report)))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "healthsync-shutdown"));
            System.out.println("healthsync run: Salesforce sync scheduled on cron '" + config.sources().salesforce().cron()
                    + "'; Ctrl-C stops");
            stopped.await();
        }
        return 0;
    }
}
