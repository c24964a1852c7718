package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.store.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that works on the configured org and the store: opens both, runs, closes both. */
abstract class OrgCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    /** The configuration the command runs with, loaded by {@link #call()}. */
    HealthsyncConfig config;

    @Override
    public final Integer call() throws Exception {
        common.check(Path.of("data"));
        config = common.loadConfig();
        try (JdbcStore store = common.openStore(Path.of("data"));
             HealthsyncApp app = HealthsyncApp.start(config, store, System.getenv(), Clock.systemUTC(),
                     HealthsyncApp.RetryPolicy.defaults(), common.modelsDir(Path.of("data")))) {
            return run(app, store);
        }
    }

    abstract int run(HealthsyncApp app, JdbcStore store) throws Exception;
}
