package io.healthsync.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.healthsync.connectors.salesforce.ApiBudgetCheck;
import io.healthsync.connectors.salesforce.RetryAfterHint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import io.healthsync.mappings.SourcesConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.Request;

/**
 * Counts every Salesforce API request camel-salesforce's HTTP client sends (retries and re-logins'
 * replays included, as the org counts them; OAuth token calls do not count against the org's limit
 * and are left out), by operation, and keeps the last Sforce-Limit-Info the org reported. Listening
 * on the HTTP client itself means no call can go uncounted, whichever route or operation sent it.
 */
public final class ApiUsage implements Request.Listener, ApiBudgetCheck, RetryAfterHint {

    public static final String WRITE_OPERATION = "collections_update";
    public static final String UPSERT_OPERATION = "collections_upsert";
    public static final String BULK_OPERATION = "bulk_ingest";
    /** Every call of a Bulk API 2.0 query job (create, poll, results pages): a first pull's backfill. */
    public static final String BULK_QUERY_OPERATION = "bulk_query";
    private static final Pattern LIMIT_INFO = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
    private volatile String lastLimitInfo;
    private final AtomicReference<Duration> retryAfter = new AtomicReference<>();
    private final SourcesConfig.ApiBudget budget;

    public ApiUsage(SourcesConfig.ApiBudget budget) {
        this.budget = budget;
    }

    /**
     * Stops the run once it has spent its share of the org's daily allowance, or once the org as a whole
     * is past its share; both read from the last Sforce-Limit-Info ("api-usage=USED/MAX").
     */
    @Override
    public void check() {
        Matcher usage = LIMIT_INFO.matcher(lastLimitInfo == null ? "" : lastLimitInfo);
        if (!usage.find()) {
            return;
        }
        long used = Long.parseLong(usage.group(1));
        long max = Long.parseLong(usage.group(2));
        if (max <= 0) {
            return;
        }
        if (total() >= budget.maxSharePerRun() * max) {
            throw new ApiBudgetExceededException(String.format("API budget: this run made %d calls, its share is "
                    + "%.0f%% of the org's %d a day (sources.yaml api_budget.max_share_per_run)",
                    total(), budget.maxSharePerRun() * 100, max));
        }
        if (used >= budget.stopAtSharedUsage() * max) {
            throw new ApiBudgetExceededException(String.format("API budget: the org has used %d of its %d daily "
                    + "calls, past %.0f%% (sources.yaml api_budget.stop_at_org_usage)",
                    used, max, budget.stopAtSharedUsage() * 100));
        }
    }

    @Override
    public void onBegin(Request request) {
        String path = request.getPath();
        if (path == null || path.startsWith("/services/oauth2/")) {
            return;
        }
        byOperation.computeIfAbsent(operation(request.getMethod(), path), k -> new AtomicInteger()).incrementAndGet();
        request.onResponseHeaders(response -> {
            String limitInfo = response.getHeaders().get("Sforce-Limit-Info");
            if (limitInfo != null) {
                lastLimitInfo = limitInfo;
            }
            if (response.getStatus() == 429 || response.getStatus() == 503) {
                retryAfter.set(RetryAfterHeader.parse(response.getHeaders().get("Retry-After")).orElse(null));
            }
        });
    }

    static String operation(String method, String path) {
        if (path.matches(".*/jobs/query(/.*)?")) { // before the REST query paths, which it also looks like
            return BULK_QUERY_OPERATION;
        }
        if (path.matches(".*/query(All)?/?")) {
            return "query";
        }
        if (path.contains("/query/") || path.contains("/queryAll/")) {
            return "query_more";
        }
        if (path.matches(".*/sobjects/[^/]+/describe/?")) {
            return "describe";
        }
        if (path.matches(".*/composite/sobjects/?") && "PATCH".equals(method)) {
            return WRITE_OPERATION;
        }
        if (path.matches(".*/composite/sobjects/[^/]+/[^/]+/?") && "PATCH".equals(method)) {
            return UPSERT_OPERATION;
        }
        if (path.matches(".*/jobs/ingest(/.*)?")) {
            return BULK_OPERATION;
        }
        return method.toLowerCase() + " " + path.replaceFirst("^/services/data/v[0-9.]+", "");
    }

    public int total() {
        return byOperation.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Calls that write: collections updates and upserts, and every call of a Bulk API 2.0 ingest job. */
    public int writes() {
        return java.util.stream.Stream.of(WRITE_OPERATION, UPSERT_OPERATION, BULK_OPERATION).map(byOperation::get)
                .mapToInt(count -> count == null ? 0 : count.get()).sum();
    }

    public Map<String, Integer> byOperation() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        byOperation.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** e.g. "api-usage=27/15000", or null before the first call. */
    public String lastLimitInfo() {
        return lastLimitInfo;
    }

    /** A new run begins: its calls, and its budget, are counted from zero. */
    public void startRun() {
        byOperation.clear();
        retryAfter.set(null);
    }

    @Override
    public Optional<Duration> takeRetryAfter() {
        return Optional.ofNullable(retryAfter.getAndSet(null));
    }
}
