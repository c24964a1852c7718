package io.healthsync.cli;

import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SourceSandboxOptions;
import io.healthsync.sandbox.SourceSandboxes;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.sandbox.company.SyntheticCompany;
import java.util.List;
import java.math.BigDecimal;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Serve the sandbox Salesforce org, and the same company's Zendesk, Stripe, Amplitude and "
                + "Mixpanel stand-ins, until stopped (Ctrl-C), for 'healthsync plan|apply|sync|run|status'. The org "
                + "accepts any client id and secret; the others' fixed demo credentials are printed.",
                "Its state is kept in --data-dir: every write it acknowledges is on disk before it answers."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync sandbox --port 9090 --accounts 500",
                "  healthsync sandbox --faults 0.05 --transient-faults 0.02  # refusals, 503s",
                ExitCodes.FOOTER,
                "A port in use exits 1: the command is right, something else holds the port."})
final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    int port;
    int accounts;
    long seed;
    double faults;

    @Option(names = "--port", defaultValue = "8089", paramLabel = "PORT",
            description = "HTTP port, 0-65535; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    void port(int value) {
        if (value < 0 || value > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + value);
        }
        port = value;
    }

    @Option(names = "--accounts", defaultValue = "2000", paramLabel = "N",
            description = "Accounts in the org, at least 1 (default: ${DEFAULT-VALUE}). An org saved with other "
                    + "--accounts or --seed is replaced by a new one.")
    void accounts(int value) {
        accounts = OptionChecks.atLeast(spec.commandLine(), "--accounts", 1, value);
    }

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the synthetic company (default: ${DEFAULT-VALUE}).")
    void seed(long value) {
        seed = value;
    }

    @Option(names = "--data-dir", defaultValue = "data/sandbox", paramLabel = "DIR",
            description = "Where the org's state is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--faults", defaultValue = "0", paramLabel = "RATE",
            description = "Share of written records rejected with UNABLE_TO_LOCK_ROW (0..1; default: ${DEFAULT-VALUE}).")
    void faults(double value) {
        faults = OptionChecks.share(spec.commandLine(), "--faults", value);
    }

    @Mixin
    ApiFaults apiFaults;

    int drift;

    @Option(names = "--drift", defaultValue = "0", paramLabel = "N",
            description = "Change N accounts once the org is up (new touches, a lost deal), as 'demo --drift' does "
                    + "(default: ${DEFAULT-VALUE}).")
    void drift(int value) {
        drift = OptionChecks.atLeast(spec.commandLine(), "--drift", 0, value);
    }

    int usersPerTrackedUser;

    @Option(names = "--users-per-tracked-user", defaultValue = "" + SyntheticCompany.DEFAULT_USERS_PER_TRACKED_USER,
            paramLabel = "N", description = "Real users one analytics user of the stand-ins stands for: more means "
            + "fewer analytics events (default: ${DEFAULT-VALUE}; demo and bench: " + DemoCommand.DEMO_USERS_PER_TRACKED_USER + ").")
    void usersPerTrackedUser(int value) {
        usersPerTrackedUser = OptionChecks.atLeast(spec.commandLine(), "--users-per-tracked-user", 1, value);
    }

    @Option(names = "--salesforce-only",
            description = "Serve the Salesforce org alone, without the support desk, billing and analytics stand-ins "
                    + "(their synthetic company takes some 20 s and gigabytes of heap at 100,000 accounts).")
    boolean salesforceOnly;

    @Option(names = "--endpoints-file", paramLabel = "FILE",
            description = "Once everything listens, write the URLs, the stand-ins' credentials and the drifted "
                    + "accounts here as JSON (what 'bench' waits for).")
    Path endpointsFile;

    /**
     * The org-side faults a pull has to ride out, shared by 'sandbox' and 'demo': query locators that
     * expire mid-pull and transient outages answered 503 with Retry-After. Checked as they are parsed, so a
     * bad value is refused in the option's own words before anything starts.
     */
    static final class ApiFaults {

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        int locatorPages;
        double transientFaults;

        @Option(names = "--locator-pages", defaultValue = "0", paramLabel = "N",
                description = "Query locators die after serving N more pages, answering INVALID_QUERY_LOCATOR "
                        + "(0: only as an org does, when idle 15 minutes or crowded out; default: ${DEFAULT-VALUE}).")
        void locatorPages(int value) {
            if (value < 0) {
                throw new ParameterException(command.commandLine(),
                        "--locator-pages must be 0 or more, got " + value);
            }
            locatorPages = value;
        }

        @Option(names = "--transient-faults", defaultValue = "0", paramLabel = "RATE",
                description = "Share of API calls answered 503 SERVER_UNAVAILABLE with Retry-After (0..1; "
                        + "default: ${DEFAULT-VALUE}).")
        void transientFaults(double value) {
            transientFaults = OptionChecks.share(command.commandLine(), "--transient-faults", value);
        }

        SandboxOptions applyTo(SandboxOptions options) {
            return options.withQueryLocatorMaxPages(locatorPages).withTransientFaultRate(transientFaults);
        }
    }

    /** A number as the user would have typed it: 2, not 2.0. */
    static String plain(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    @Override
    public Integer call() throws Exception {
        DataDirs.checkWritable(spec.commandLine(), "--data-dir", dataDir);
        SandboxOptions options = apiFaults.applyTo(SandboxOptions.defaults().withPort(port).withAccounts(accounts)
                .withSeed(seed).withDataDir(dataDir).withPerRecordFailureRate(faults));
        SalesforceSandbox sandbox;
        try {
            sandbox = SalesforceSandbox.start(options);
        } catch (RuntimeException e) {
            if (!portInUse(e)) {
                throw e;
            }
            spec.commandLine().getErr().println("--port " + port + " is already in use; pick another or stop what "
                    + "is using it");
            return ExitCodes.FAILED;
        }
        SourceSandboxes others = salesforceOnly ? null : SourceSandboxes.start(sandbox,
                SourceSandboxOptions.defaults().withUsersPerTrackedUser(usersPerTrackedUser));
        List<String> drifted = drift > 0 ? sandbox.drift(drift) : List.of();
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: save and stop the org before the JVM exits, so its counters and state survive
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (others != null) {
                others.close();
            }
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Sandbox Salesforce org with " + accounts + " accounts at " + sandbox.loginUrl());
        System.out.println("It accepts any client id and secret. In another terminal:");
        System.out.println("  export SF_CLIENT_ID=any SF_CLIENT_SECRET=any HEALTHSYNC_SALESFORCE_LOGIN_URL=" + sandbox.loginUrl());
        System.out.println("  ./healthsync plan     # then: ./healthsync apply, ./healthsync sync, ./healthsync run");
        if (others != null) {
            printOtherSources(others);
        }
        if (!drifted.isEmpty()) {
            System.out.println(drifted.size() + " accounts drifted: " + String.join(", ", drifted.subList(0, Math.min(10, drifted.size())))
                    + (drifted.size() > 10 ? ", ..." : ""));
        }
        System.out.println("Ctrl-C stops (the org's state is kept in " + dataDir + ").");
        if (endpointsFile != null) {
            // what building the org and the company left behind is collected now, before the bench measures, not by
            // the collector's background cycles while the app runs on the same cores (seen taking 1.8 s of CPU
            // during a run's scoring)
            System.gc();
            SandboxEndpoints.of(sandbox, others, drifted).write(endpointsFile);
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** Where the company's support desk, billing and analytics stand-ins answer, and how to point a config at them. */
    private static void printOtherSources(SourceSandboxes others) {
        System.out.println("The same company's support desk, billing and analytics: in a config directory "
                + "('./healthsync init-config my-config'), set in my-config/sources.yaml");
        for (String api : SourceSandboxes.APIS) {
            System.out.println("  " + api + ": enabled: true, base_url: " + others.baseUrl(api)
                    + (api.equals("mixpanel") ? ", project_id: \"" + others.credentials(api).get("project_id") + "\"" : "")
                    + (api.equals("amplitude") ? " (or mixpanel: one of the two)" : ""));
        }
        StringBuilder exports = new StringBuilder("  export");
        others.credentials("zendesk").forEach((k, v) -> exports.append(" ZENDESK_").append(k.toUpperCase()).append('=').append(v));
        exports.append(" STRIPE_API_KEY=").append(others.credentials("stripe").get("secret_key"));
        others.credentials("amplitude").forEach((k, v) -> exports.append(" AMPLITUDE_").append(k.toUpperCase()).append('=').append(v));
        exports.append(" MIXPANEL_SERVICE_ACCOUNT=").append(others.credentials("mixpanel").get("username"))
                .append(" MIXPANEL_SERVICE_SECRET=").append(others.credentials("mixpanel").get("secret"));
        System.out.println(exports);
        System.out.println("  ./healthsync sync --config my-config    # and './healthsync status' to see each source");
    }

    /** WireMock wraps the bind failure of its server; the cause says what it was. */
    static boolean portInUse(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
