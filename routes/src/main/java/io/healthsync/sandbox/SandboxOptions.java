package io.healthsync.sandbox;

import java.nio.file.Path;

/**
 * How to run the stand-in Salesforce org.
 *
 * @param port                 HTTP port; 0 picks a free one
 * @param accounts             number of customer accounts to generate
 * @param seed                 makes the generated company, drift and injected faults reproducible
 * @param dataDir              where {@code sandbox-org.json} lives; null keeps the org in memory only
 * @param perRecordFailureRate share of written records answered with UNABLE_TO_LOCK_ROW (0..1)
 * @param dailyApiLimit        the org's daily API allowance, reported in Sforce-Limit-Info and /limits
 * @param sessionTtlCalls      0: tokens never expire; N: a token dies after N data calls (tests re-login)
 */
public record SandboxOptions(int port, int accounts, long seed, Path dataDir, double perRecordFailureRate,
                             long dailyApiLimit, int sessionTtlCalls) {

    public static final int DEFAULT_ACCOUNTS = 2000;
    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_DAILY_API_LIMIT = 15_000;

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (accounts < 1) {
            throw new IllegalArgumentException("accounts must be at least 1, got " + accounts);
        }
        if (perRecordFailureRate < 0 || perRecordFailureRate > 1) {
            throw new IllegalArgumentException("perRecordFailureRate must be 0..1, got " + perRecordFailureRate);
        }
        if (dailyApiLimit < 1) {
            throw new IllegalArgumentException("dailyApiLimit must be positive, got " + dailyApiLimit);
        }
        if (sessionTtlCalls < 0) {
            throw new IllegalArgumentException("sessionTtlCalls must be 0 or more, got " + sessionTtlCalls);
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, DEFAULT_ACCOUNTS, DEFAULT_SEED, null, 0.0, DEFAULT_DAILY_API_LIMIT, 0);
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(value, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls);
    }

    public SandboxOptions withAccounts(int value) {
        return new SandboxOptions(port, value, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls);
    }

    public SandboxOptions withSeed(long value) {
        return new SandboxOptions(port, accounts, value, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls);
    }

    public SandboxOptions withDataDir(Path value) {
        return new SandboxOptions(port, accounts, seed, value, perRecordFailureRate, dailyApiLimit, sessionTtlCalls);
    }

    public SandboxOptions withPerRecordFailureRate(double value) {
        return new SandboxOptions(port, accounts, seed, dataDir, value, dailyApiLimit, sessionTtlCalls);
    }

    public SandboxOptions withDailyApiLimit(long value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, value, sessionTtlCalls);
    }

    public SandboxOptions withSessionTtlCalls(int value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, value);
    }
}
