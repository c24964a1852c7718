package io.healthsync.mappings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * sources.yaml, keyed by source: which sources are on, their schedules, endpoints, and where their
 * credentials come from. Salesforce (the CRM, read and written) has its own section; the HTTP sources
 * (zendesk, stripe, amplitude, mixpanel) share one shape.
 */
public record SourcesConfig(Salesforce salesforce, Map<String, HttpSourceConfig> http, Server server) {

    /** The HTTP sources healthsync knows, in the order they are pulled. */
    public static final List<String> HTTP_SOURCES = List.of("zendesk", "stripe", "amplitude", "mixpanel");

    public SourcesConfig {
        http = http == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(http));
        server = server == null ? Server.defaults() : server;
    }

    public SourcesConfig(Salesforce salesforce, Map<String, HttpSourceConfig> http) {
        this(salesforce, http, null);
    }

    public SourcesConfig(Salesforce salesforce) {
        this(salesforce, Map.of());
    }

    /**
     * The HTTP port `healthsync run` serves while it runs: /metrics, /health/live, /health/ready and the read
     * API, whose bearer token comes from {@code apiToken} (no token configured: the read API answers 401).
     *
     * @param port 1-65535, or 0 for no server
     */
    public record Server(int port, SecretRef apiToken) {

        public static final int DEFAULT_PORT = 8080;

        public static Server defaults() {
            return new Server(DEFAULT_PORT, new SecretRef("HEALTHSYNC_API_TOKEN", null));
        }

        public boolean enabled() {
            return port > 0;
        }
    }

    public Optional<HttpSourceConfig> http(String name) {
        return Optional.ofNullable(http.get(name));
    }

    /** The HTTP sources switched on, in pull order. */
    public List<HttpSourceConfig> enabledHttpSources() {
        return HTTP_SOURCES.stream().map(http::get).filter(c -> c != null && c.enabled()).toList();
    }

    public SourcesConfig withSalesforce(Salesforce replaced) {
        return new SourcesConfig(replaced, http, server);
    }

    public SourcesConfig withHttp(Map<String, HttpSourceConfig> replaced) {
        return new SourcesConfig(salesforce, replaced, server);
    }

    /**
     * One HTTP source's section.
     *
     * @param name        zendesk, stripe, amplitude or mixpanel
     * @param cron        Quartz cron of its pull when healthsync runs as a service
     * @param baseUrl     the API's base URL (e.g. https://acme.zendesk.com, https://api.stripe.com)
     * @param auth        credential name -> where to find it (e.g. api_token -> { env: ZENDESK_API_TOKEN })
     * @param pageSize    records per page where the API lets the client choose
     * @param historyDays how far back the first pull reaches
     * @param features    analytics only: tracked feature -> the event names that count as using it
     * @param options     source-specific settings (e.g. mixpanel project_id), as written
     */
    public record HttpSourceConfig(
            String name,
            boolean enabled,
            String cron,
            String baseUrl,
            Map<String, SecretRef> auth,
            int pageSize,
            int historyDays,
            Resilience resilience,
            Map<String, List<String>> features,
            Map<String, String> options) {

        public HttpSourceConfig {
            auth = auth == null ? Map.of() : Map.copyOf(auth);
            features = features == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
            options = options == null ? Map.of() : Map.copyOf(options);
            resilience = resilience == null ? Resilience.defaults(name) : resilience;
        }
    }

    /**
     * How a source survives its API: retries with exponential backoff and jitter on 429, 5xx and timeouts
     * (a Retry-After or reset header decides the wait when the API sends one, up to {@code maxWaitSeconds}),
     * a circuit breaker (opens when {@code breakerFailureRatePercent} of the last {@code breakerWindow}
     * calls failed; later runs skip the source for {@code breakerOpenSeconds}, then try it again), and a
     * rate limiter at the API's documented limit: {@code rateLimitRequests} per {@code rateLimitSeconds}.
     */
    public record Resilience(
            int retries,
            double backoffSeconds,
            double maxWaitSeconds,
            int breakerFailureRatePercent,
            int breakerWindow,
            int breakerOpenSeconds,
            int rateLimitRequests,
            int rateLimitSeconds,
            int timeoutSeconds) {

        /** Each API's documented limits, which a company on a bigger plan may raise in sources.yaml. */
        public static Resilience defaults(String source) {
            return switch (source == null ? "" : source) {
                // Zendesk: incremental exports allow 10 requests a minute (the other endpoints more)
                case "zendesk" -> new Resilience(5, 1, 120, 50, 10, 300, 10, 60, 60);
                // Stripe: 100 read requests a second in live mode, 25 in test mode
                case "stripe" -> new Resilience(5, 1, 120, 50, 10, 300, 25, 1, 60);
                // Mixpanel's raw export: 60 queries an hour, 3 a second
                case "mixpanel" -> new Resilience(5, 2, 300, 50, 10, 600, 60, 3600, 300);
                // Amplitude's export: a few concurrent requests; one hour or day of data per call
                case "amplitude" -> new Resilience(5, 2, 300, 50, 10, 600, 60, 60, 300);
                default -> new Resilience(5, 1, 120, 50, 10, 300, 10, 1, 60);
            };
        }
    }

    /**
     * @param cron            Quartz cron of the pull (e.g. "0 0/15 * * * ?")
     * @param loginUrl        the org's My Domain URL (https://MYDOMAIN.my.salesforce.com; client_credentials
     *                        needs it), https://login.salesforce.com or https://test.salesforce.com (jwt,
     *                        password), or the sandbox's URL
     * @param apiVersion      e.g. "60.0"
     * @param objects         which objects to pull, of Account, Task, Event, Opportunity, User
     * @param pageSize        records per query page (Salesforce: 200..2000)
     * @param lookbackSeconds each incremental pull re-reads this far behind its cursor, for late commits
     * @param historyDays     the first pull of activities reaches back this many days
     * @param apiBudget       how much of the org's daily API allowance healthsync may spend
     * @param bulkQueryThreshold the first pull of an object with more records than this goes through one Bulk
     *                        API 2.0 query job instead of REST query pages; later pulls are always REST
     */
    public record Salesforce(
            boolean enabled,
            String cron,
            String loginUrl,
            String apiVersion,
            Auth auth,
            List<String> objects,
            int pageSize,
            int lookbackSeconds,
            int historyDays,
            ApiBudget apiBudget,
            long bulkQueryThreshold) {

        /** A first pull above 50,000 records goes through a Bulk API 2.0 query job. */
        public static final long DEFAULT_BULK_QUERY_THRESHOLD = 50_000;

        public Salesforce {
            objects = List.copyOf(objects);
            apiBudget = apiBudget == null ? ApiBudget.defaults() : apiBudget;
        }

        public Salesforce(boolean enabled, String cron, String loginUrl, String apiVersion, Auth auth,
                          List<String> objects, int pageSize, int lookbackSeconds, int historyDays, ApiBudget apiBudget) {
            this(enabled, cron, loginUrl, apiVersion, auth, objects, pageSize, lookbackSeconds, historyDays, apiBudget,
                    DEFAULT_BULK_QUERY_THRESHOLD);
        }

        /** The same settings, with Salesforce at {@code url} (the sandbox, or --login-url). */
        public Salesforce withLoginUrl(String url) {
            return new Salesforce(enabled, cron, url, apiVersion, auth, objects, pageSize, lookbackSeconds, historyDays,
                    apiBudget, bulkQueryThreshold);
        }

        public Salesforce withBulkQueryThreshold(long value) {
            return new Salesforce(enabled, cron, loginUrl, apiVersion, auth, objects, pageSize, lookbackSeconds,
                    historyDays, apiBudget, value);
        }

        public Salesforce(boolean enabled, String cron, String loginUrl, String apiVersion, Auth auth,
                          List<String> objects, int pageSize, int lookbackSeconds, int historyDays) {
            this(enabled, cron, loginUrl, apiVersion, auth, objects, pageSize, lookbackSeconds, historyDays, null);
        }
    }

    /**
     * The org's daily API allowance is shared with every other integration: a run stops cleanly (cursors
     * and pending writes kept for the next run) once it has spent {@code maxSharePerRun} of the allowance,
     * or once the org as a whole has used {@code stopAtSharedUsage} of it (read from Sforce-Limit-Info).
     */
    public record ApiBudget(double maxSharePerRun, double stopAtSharedUsage) {
        public static ApiBudget defaults() {
            return new ApiBudget(0.25, 0.80);
        }
    }

    /**
     * @param flow client_credentials, jwt or password
     */
    public record Auth(
            String flow,
            SecretRef clientId,
            SecretRef clientSecret,
            SecretRef username,
            SecretRef password,
            SecretRef jwtKeyFile) {
    }
}
