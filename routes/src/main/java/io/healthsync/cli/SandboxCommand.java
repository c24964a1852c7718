package io.healthsync.cli;

import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() throws Exception {
        SandboxOptions options = SandboxOptions.defaults().withPort(port).withAccounts(accounts).withSeed(seed)
                .withDataDir(dataDir).withPerRecordFailureRate(faults);
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
