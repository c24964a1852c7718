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
 * @param queryLocatorMaxPages 0: query locators live until idle 15 minutes or crowded out, as in an org; N: a
 *                             query's locator also dies after serving N more pages (queryMore calls), so a test
 *                             or demo can see INVALID_QUERY_LOCATOR mid-pull
 * @param transientFaultRate   share of data calls answered 503 SERVER_UNAVAILABLE with Retry-After (0..1),
 *                             before anything is done, reproducibly from the seed
 * @param bulkInProgressPolls  how many job-info GETs of a Bulk API 2.0 ingest job answer InProgress after
 *                             UploadComplete before the job is processed and answers JobComplete (default 1), so
 *                             clients must poll
 * @param bulkJobFailure       null: ingest jobs are processed; otherwise every ingest job fails as a whole when
 *                             processed (state Failed, this errorMessage, every record unprocessed), for client
 *                             tests of a failed job
 * @param bulkQueryFailure     null: Bulk API 2.0 query jobs complete; otherwise every query job fails when
 *                             processed (state Failed, this errorMessage, no results), for client tests
 */
public record SandboxOptions(int port, int accounts, long seed, Path dataDir, double perRecordFailureRate,
                             long dailyApiLimit, int sessionTtlCalls, int queryLocatorMaxPages,
                             double transientFaultRate, int bulkInProgressPolls, String bulkJobFailure,
                             String bulkQueryFailure) {

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
        if (queryLocatorMaxPages < 0) {
            throw new IllegalArgumentException("queryLocatorMaxPages must be 0 or more, got " + queryLocatorMaxPages);
        }
        if (!(transientFaultRate >= 0 && transientFaultRate <= 1)) {
            throw new IllegalArgumentException("transientFaultRate must be 0..1, got " + transientFaultRate);
        }
        if (bulkInProgressPolls < 0) {
            throw new IllegalArgumentException("bulkInProgressPolls must be 0 or more, got " + bulkInProgressPolls);
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, DEFAULT_ACCOUNTS, DEFAULT_SEED, null, 0.0, DEFAULT_DAILY_API_LIMIT, 0, 0, 0.0, 1, null, null);
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(value, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withAccounts(int value) {
        return new SandboxOptions(port, value, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withSeed(long value) {
        return new SandboxOptions(port, accounts, value, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withDataDir(Path value) {
        return new SandboxOptions(port, accounts, seed, value, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withPerRecordFailureRate(double value) {
        return new SandboxOptions(port, accounts, seed, dataDir, value, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withDailyApiLimit(long value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, value, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withSessionTtlCalls(int value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, value,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withQueryLocatorMaxPages(int value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                value, transientFaultRate, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withTransientFaultRate(double value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, value, bulkInProgressPolls, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withBulkInProgressPolls(int value) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, value, bulkJobFailure, bulkQueryFailure);
    }

    public SandboxOptions withBulkJobFailure(String errorMessage) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, errorMessage, bulkQueryFailure);
    }

    public SandboxOptions withBulkQueryFailure(String errorMessage) {
        return new SandboxOptions(port, accounts, seed, dataDir, perRecordFailureRate, dailyApiLimit, sessionTtlCalls,
                queryLocatorMaxPages, transientFaultRate, bulkInProgressPolls, bulkJobFailure, errorMessage);
    }
}
