package io.healthsync.cli;

import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.math.BigDecimal;
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
        description = "Serve the sandbox Salesforce org alone until stopped, for 'healthsync sync|plan|run --login-url'.")
final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8089", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--accounts", defaultValue = "2000", description = "Accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", defaultValue = "data/sandbox", description = "Where the org's state is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--faults", defaultValue = "0", paramLabel = "RATE", description = "Share of written records rejected with UNABLE_TO_LOCK_ROW.")
    double faults;

    @Mixin
    ApiFaults apiFaults;

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
            if (!(value >= 0 && value <= 1)) {
                throw new ParameterException(command.commandLine(),
                        "--transient-faults must be between 0 and 1, got " + plain(value));
            }
            transientFaults = value;
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
        SandboxOptions options = apiFaults.applyTo(SandboxOptions.defaults().withPort(port).withAccounts(accounts)
                .withSeed(seed).withDataDir(dataDir).withPerRecordFailureRate(faults));
        SalesforceSandbox sandbox = SalesforceSandbox.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: save and stop the org before the JVM exits, so its counters and state survive
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Sandbox Salesforce org with " + accounts + " accounts at " + sandbox.loginUrl());
        System.out.println("It accepts any client id and secret. In another terminal:");
        System.out.println("  export SF_CLIENT_ID=any SF_CLIENT_SECRET=any HEALTHSYNC_SALESFORCE_LOGIN_URL=" + sandbox.loginUrl());
        System.out.println("  ./healthsync plan     # then: ./healthsync apply, ./healthsync sync, ./healthsync run");
        System.out.println("Ctrl-C stops (the org's state is kept in " + dataDir + ").");
        stopped.await();
        return 0;
    }
}
