package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.store.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline against the sandbox org, with nothing to install: start the sandbox, pull,
 * score, plan, write back, print what happened. Both the sandbox org and the store persist in the data
 * dir, so a second run shows the incremental behaviour (nothing changed, nothing written).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the full pipeline against the built-in sandbox org (no credentials needed).")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--accounts", defaultValue = "2000", description = "Accounts in the sandbox company (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic company (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--drift", defaultValue = "0", paramLabel = "N",
            description = "Change N accounts in the sandbox before the run (new touches, a lost deal): only they are written.")
    int drift;

    @Option(names = "--faults", defaultValue = "0", paramLabel = "RATE",
            description = "Share of written records the sandbox rejects with UNABLE_TO_LOCK_ROW (0..1), to see failures and retries.")
    double faults;

    @Mixin
    SandboxCommand.ApiFaults apiFaults;

    @Spec
    CommandSpec spec;

    int deleteAccounts;

    @Option(names = "--delete-accounts", defaultValue = "0", paramLabel = "N",
            description = "Delete N accounts in the sandbox before the run, with their deals and activities, "
                    + "as Salesforce cascades (default: ${DEFAULT-VALUE}).")
    void deleteAccounts(int value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), "--delete-accounts must be 0 or more, got " + value);
        }
        deleteAccounts = value;
    }

    @Option(names = "--dry-run", description = "Plan only: show what would be written, write nothing.")
    boolean dryRun;

    @Option(names = "--reset", description = "Start from scratch: a fresh sandbox org and an empty store.")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        Path dataDir = common.dataDir(Path.of("data", "demo"));
        if (reset) {
            DataDirs.delete(dataDir);
        }
        SandboxOptions options = apiFaults.applyTo(SandboxOptions.defaults().withPort(0).withAccounts(accounts)
                .withSeed(seed).withDataDir(dataDir.resolve("sandbox")).withPerRecordFailureRate(faults));
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options);
             JdbcStore store = common.openStore(dataDir)) {
            // deletes first: an account in the Recycle Bin no longer drifts
            List<String> deleted = deleteAccounts > 0
                    ? sandbox.deleteAccounts(deleteAccounts).ids("Account") : List.of();
            List<String> drifted = drift > 0 ? sandbox.drift(drift) : List.of();
            HealthsyncConfig config = pointAt(common.loadConfig(), sandbox.loginUrl());
            // The sandbox accepts any client credentials; a fresh random secret shows none is stored anywhere.
            Map<String, String> env = Map.of("HEALTHSYNC_DEMO_CLIENT_ID", "healthsync-demo",
                    "HEALTHSYNC_DEMO_CLIENT_SECRET", UUID.randomUUID().toString());
            if (!common.json) {
                System.out.printf("healthsync demo: sandbox org with %,d accounts (seed %d) at %s%s%s%n", accounts, seed,
                        sandbox.loginUrl(), drifted.isEmpty() ? "" : String.format(", %d accounts drifted", drifted.size()),
                        deleted.isEmpty() ? "" : String.format(", %d accounts deleted", deleted.size()));
            }
            RunReport report;
            try (HealthsyncApp app = HealthsyncApp.start(config, store, env, Clock.systemUTC(),
                    HealthsyncApp.RetryPolicy.defaults())) {
                report = app.sync(dryRun, false);
            }
            if (common.json) {
                Map<String, Object> json = ReportPrinter.JSON.convertValue(report, Map.class);
                json.put("drifted_accounts", drifted);
                if (deleteAccounts > 0) {
                    // only when asked for, so the default output keeps its keys
                    json.put("deleted_accounts", deleted);
                }
                json.put("sandbox_api_calls_served", sandbox.apiCallsServed());
                ReportPrinter.json(System.out, json);
            } else {
                ReportPrinter.run(System.out, report);
                if (!drifted.isEmpty()) {
                    System.out.println("  drifted     " + String.join(", ", drifted));
                }
                if (!deleted.isEmpty()) {
                    System.out.println("  deleted     " + String.join(", ", deleted));
                }
                System.out.println(report.recordsFailed > 0
                        ? "Run it again: the failed records are written then (nothing else changed)."
                        : "Run it again: nothing changed in the org, so nothing is written. "
                                + "Try --drift 5, or 'healthsync plan' to see reasons.");
            }
            return report.pullFailures.isEmpty() ? 0 : 1;
        }
    }

    /** The config with its Salesforce source aimed at the sandbox and the demo's throwaway credentials. */
    static HealthsyncConfig pointAt(HealthsyncConfig config, String loginUrl) {
        SourcesConfig.Salesforce sf = config.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials",
                new SecretRef("HEALTHSYNC_DEMO_CLIENT_ID", null), new SecretRef("HEALTHSYNC_DEMO_CLIENT_SECRET", null),
                null, null, null);
        SourcesConfig.Salesforce sandbox = new SourcesConfig.Salesforce(true, sf.cron(), loginUrl, sf.apiVersion(), auth,
                sf.objects(), sf.pageSize(), sf.lookbackSeconds(), sf.historyDays(), sf.apiBudget());
        return new HealthsyncConfig(config.directory(), config.taxonomy(), config.fields(), config.scorecard(),
                new SourcesConfig(sandbox));
    }
}
