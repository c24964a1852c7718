package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.SourceSandboxes;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.sandbox.company.Feature;
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
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = false,
        description = {"Run the full pipeline against the built-in sandbox org (no credentials needed): pull, score, "
                + "plan, write back, and print what happened.",
                "The sandbox org and the store are kept in the data dir (default: ./data/demo), so a second run "
                        + "writes only what changed. The org is made from --accounts and --seed; a later run with "
                        + "other values is refused unless --reset."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync demo --reset --accounts 500    # a new, smaller org; empty store",
                "  healthsync demo --drift 5 --faults 0.05   # 5 accounts change; 5%% refused",
                ExitCodes.FOOTER})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    int accounts;
    long seed;
    int drift;
    double faults;

    @Option(names = "--accounts", defaultValue = "2000", paramLabel = "N",
            description = "Accounts in the sandbox company, at least 1 (default: ${DEFAULT-VALUE}). "
                    + "Changing it later needs --reset.")
    void accounts(int value) {
        accounts = OptionChecks.atLeast(spec.commandLine(), "--accounts", 1, value);
    }

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the synthetic company (default: ${DEFAULT-VALUE}). Changing it later needs --reset.")
    void seed(long value) {
        seed = value;
    }

    @Option(names = "--drift", defaultValue = "0", paramLabel = "N",
            description = "Change N accounts in the sandbox before the run (new touches, a lost deal): only they are "
                    + "written (default: ${DEFAULT-VALUE}).")
    void drift(int value) {
        drift = OptionChecks.atLeast(spec.commandLine(), "--drift", 0, value);
    }

    @Option(names = "--faults", defaultValue = "0", paramLabel = "RATE",
            description = "Share of written records the sandbox rejects with UNABLE_TO_LOCK_ROW (0..1), to see "
                    + "failures and retries (default: ${DEFAULT-VALUE}).")
    void faults(double value) {
        faults = OptionChecks.share(spec.commandLine(), "--faults", value);
    }

    @Mixin
    SandboxCommand.ApiFaults apiFaults;

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

    @Option(names = "--analytics", defaultValue = "amplitude", paramLabel = "SOURCE",
            description = "Which product-analytics stand-in feeds the demo: amplitude or mixpanel (default: ${DEFAULT-VALUE}).")
    void analytics(String value) {
        if (!value.equals("amplitude") && !value.equals("mixpanel")) {
            throw new ParameterException(spec.commandLine(), "--analytics must be amplitude or mixpanel, got " + value);
        }
        analytics = value;
    }

    String analytics = "amplitude";

    @Option(names = "--dry-run", description = "Plan only: show what would be written, write nothing.")
    boolean dryRun;

    @Option(names = "--reset", description = "Start from scratch: delete the data dir, then a fresh sandbox org "
            + "(from --accounts and --seed) and an empty store.")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        Path dataDir = common.dataDir(Path.of("data", "demo"));
        common.check(dataDir);
        HealthsyncConfig loaded = common.loadConfig();
        DemoOrigin origin = new DemoOrigin(accounts, seed);
        if (reset) {
            DataDirs.delete(dataDir);
        } else {
            DemoOrigin.saved(dataDir).filter(saved -> !saved.equals(origin)).ifPresent(saved -> {
                throw new ParameterException(spec.commandLine(), "the demo's org in " + dataDir + " was made with "
                        + saved.options() + "; run with --reset to make a new one with " + origin.options()
                        + " (this deletes the demo's org and store), or leave those options as they were");
            });
        }
        origin.save(dataDir);
        SandboxOptions options = apiFaults.applyTo(origin.applyTo(SandboxOptions.defaults().withPort(0))
                .withDataDir(DemoOrigin.sandboxDir(dataDir)).withPerRecordFailureRate(faults));
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options);
             // the support desk, billing and analytics of the same company, with an occasional 429
             SourceSandboxes others = SourceSandboxes.start(sandbox,
                     SourceSandboxOptions.defaults().withRateLimitEvery(7).withUsersPerTrackedUser(DEMO_USERS_PER_TRACKED_USER));
             JdbcStore store = common.openStore(dataDir)) {
            // deletes first: an account in the Recycle Bin no longer drifts
            List<String> deleted = deleteAccounts > 0
                    ? sandbox.deleteAccounts(deleteAccounts).ids("Account") : List.of();
            List<String> drifted = drift > 0 ? sandbox.drift(drift) : List.of();
            SandboxEndpoints endpoints = SandboxEndpoints.of(sandbox, others, drifted);
            HealthsyncConfig config = pointAt(loaded, endpoints, analytics);
            Map<String, String> env = sandboxEnv(endpoints);
            if (!common.json) {
                System.out.printf("healthsync demo: sandbox org with %,d accounts (seed %d) at %s%s%s%n", accounts, seed,
                        sandbox.loginUrl(), drifted.isEmpty() ? "" : String.format(", %d accounts drifted", drifted.size()),
                        deleted.isEmpty() ? "" : String.format(", %d accounts deleted", deleted.size()));
                System.out.printf("  and its support desk, billing and product analytics: zendesk, stripe and %s stand-ins%n",
                        analytics);
            }
            RunReport report;
            try (HealthsyncApp app = HealthsyncApp.start(config, store, env, Clock.systemUTC(),
                    HealthsyncApp.RetryPolicy.defaults(), dataDir.resolve("models"))) {
                report = app.sync(dryRun, false);
            }
            Path attribution = attribution(config, store, dataDir);
            if (common.json) {
                Map<String, Object> json = ReportPrinter.JSON.convertValue(report, Map.class);
                json.put("drifted_accounts", drifted);
                if (deleteAccounts > 0) {
                    // only when asked for, so the default output keeps its keys
                    json.put("deleted_accounts", deleted);
                }
                json.put("sandbox_api_calls_served", sandbox.apiCallsServed());
                Map<String, Long> served = new java.util.LinkedHashMap<>();
                for (String name : List.of("zendesk", "stripe", analytics)) {
                    served.put(name, others.callsServed(name));
                }
                json.put("source_sandbox_calls_served", served);
                json.put("attribution_report", attribution == null ? null : attribution.toString());
                ReportPrinter.json(System.out, json);
            } else {
                ReportPrinter.run(System.out, report);
                System.out.println(attribution == null ? "  attribution not written: the store holds no renewals yet"
                        : "  attribution which touchpoints drive renewal, and their ROI: " + attribution.getFileName()
                                + " in the data dir (healthsync attribution --help)");
                if (!drifted.isEmpty()) {
                    System.out.println("  drifted     " + String.join(", ", drifted));
                }
                if (!deleted.isEmpty()) {
                    System.out.println("  deleted     " + String.join(", ", deleted));
                }
                System.out.println(nextStep(report));
            }
            return ExitCodes.of(report);
        }
    }

    /** What to try next, from what this run did. */
    static String nextStep(RunReport report) {
        if (report.recordsFailed > 0) {
            return "Run it again: the failed records are written then (nothing else changed).";
        }
        if (report.recordsWritten > 0) {
            return "Run it again: nothing has changed in the org since, so nothing will be written. "
                    + "Then try --drift 5, or 'healthsync plan' to see reasons.";
        }
        if (report.writesHeld != null || report.recordsPlanned > 0) {
            return "See above for what was not written; the next run picks it up.";
        }
        return "Nothing changed in the org, so nothing was written. Try --drift 5 to make five accounts change.";
    }

    /**
     * The config with Salesforce, Zendesk, Stripe and one analytics source aimed at the sandboxes, with the
     * demo's throwaway credentials (by environment-variable name, as a real config names them) and rate limits
     * raised as for a high-volume plan, so the demo does not wait a minute for Zendesk's export allowance.
     */
    static HealthsyncConfig pointAt(HealthsyncConfig config, SandboxEndpoints others, String analytics) {
        HealthsyncConfig salesforce = pointAt(config, others.loginUrl());
        Map<String, SourcesConfig.HttpSourceConfig> http = new java.util.LinkedHashMap<>();
        for (String name : List.of("zendesk", "stripe", analytics)) {
            SourcesConfig.HttpSourceConfig shipped = config.sources().http(name)
                    .orElseGet(() -> ConfigLoader.load(null).sources().http(name).orElseThrow());
            Map<String, SecretRef> auth = new java.util.LinkedHashMap<>();
            shipped.auth().keySet().forEach(key -> auth.put(key, new SecretRef(demoEnv(name, key), null)));
            SourcesConfig.Resilience r = shipped.resilience();
            SourcesConfig.Resilience demo = new SourcesConfig.Resilience(r.retries(), 0.2, 10, r.breakerFailureRatePercent(),
                    r.breakerWindow(), 30, Math.max(r.rateLimitRequests(), 1000), Math.min(r.rateLimitSeconds(), 1),
                    r.timeoutSeconds()); // an export of a big company takes its time: the shipped timeout, as a real one

            Map<String, String> options = new java.util.LinkedHashMap<>(shipped.options());
            if (name.equals("mixpanel")) {
                options.put("project_id", others.credentials("mixpanel").get("project_id"));
            }
            http.put(name, new SourcesConfig.HttpSourceConfig(name, true, shipped.cron(), others.baseUrl(name), auth,
                    shipped.pageSize(), name.equals(analytics) ? DEMO_ANALYTICS_DAYS : shipped.historyDays(), demo,
                    name.equals(analytics) ? Feature.asConfig() : shipped.features(), options));
        }
        return salesforce.withSources(salesforce.sources().withHttp(http));
    }

    /** One analytics user of the demo stands for this many: fewer events keep the demo's pull to seconds. */
    static final int DEMO_USERS_PER_TRACKED_USER = 100;
    /** Enough usage history for the quarter-over-quarter trend (120 days), and no more, for the demo's speed. */
    static final int DEMO_ANALYTICS_DAYS = 120;

    /**
     * The environment the demo hands the app: throwaway Salesforce client credentials (the sandbox accepts any;
     * a fresh random secret shows none is stored anywhere) and each stand-in's fixed credential under its
     * variable name.
     */
    static Map<String, String> sandboxEnv(SandboxEndpoints others) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HEALTHSYNC_DEMO_CLIENT_ID", "healthsync-demo",
                "HEALTHSYNC_DEMO_CLIENT_SECRET", UUID.randomUUID().toString()));
        for (String name : SourceSandboxes.APIS) {
            others.credentials(name).forEach((key, value) ->
                    env.put(demoEnv(name, key.equals("secret_key") && name.equals("stripe") ? "api_key" : key), value));
        }
        return env;
    }

    private static String demoEnv(String source, String key) {
        return ("HEALTHSYNC_DEMO_" + source + "_" + key).toUpperCase(java.util.Locale.ROOT);
    }

    /** The config with its Salesforce source aimed at the sandbox and the demo's throwaway credentials. */
    static HealthsyncConfig pointAt(HealthsyncConfig config, String loginUrl) {
        SourcesConfig.Salesforce sf = config.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials",
                new SecretRef("HEALTHSYNC_DEMO_CLIENT_ID", null), new SecretRef("HEALTHSYNC_DEMO_CLIENT_SECRET", null),
                null, null, null);
        SourcesConfig.Salesforce sandbox = new SourcesConfig.Salesforce(true, sf.cron(), loginUrl, sf.apiVersion(), auth,
                sf.objects(), sf.pageSize(), sf.lookbackSeconds(), sf.historyDays(), sf.apiBudget(), sf.bulkQueryThreshold());
        return config.withSources(new SourcesConfig(sandbox));
    }

    /** The demo company's renewal attribution (its planted touchpoint effects), written to the data dir; null when none. */
    private static Path attribution(HealthsyncConfig config, JdbcStore store, Path dataDir) throws java.io.IOException {
        var journeys = io.healthsync.routes.StoreJourneys.read(config, store);
        var report = new io.healthsync.scoring.attribution.AttributionAnalysis(config.attribution())
                .run(journeys, io.healthsync.model.OutcomeKind.RENEWED, null, null, "demo store");
        return report.journeys() == 0 ? null : AttributionCommand.write(report, dataDir).get(0);
    }
}
