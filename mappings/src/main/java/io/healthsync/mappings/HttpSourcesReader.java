package io.healthsync.mappings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the HTTP sources' sections of sources.yaml (zendesk, stripe, amplitude, mixpanel): one shape for
 * all, with what each needs named per source. A section left out is a source switched off.
 */
final class HttpSourcesReader {

    static final List<String> KEYS = List.of("enabled", "cron", "base_url", "auth", "page_size", "history_days",
            "resilience", "features", "project_id", "satisfaction_ratings");
    /** zendesk.satisfaction_ratings: where the ratings are read (see ZendeskSource). */
    static final List<String> RATINGS_FROM = List.of("tickets", "endpoint");
    static final List<String> RESILIENCE_KEYS = List.of("retries", "backoff_seconds", "max_wait_seconds",
            "breaker_failure_rate", "breaker_window", "breaker_open_seconds", "rate_limit_requests",
            "rate_limit_seconds", "timeout_seconds");
    /** The credentials each source needs, by name in its auth section. */
    static final Map<String, List<String>> CREDENTIALS = Map.of(
            "zendesk", List.of("email", "api_token"),
            "stripe", List.of("api_key"),
            "amplitude", List.of("api_key", "secret_key"),
            "mixpanel", List.of("username", "secret"));
    private static final Map<String, Integer> MAX_PAGE = Map.of("zendesk", 1000, "stripe", 100, "amplitude", 1,
            "mixpanel", 1);

    private HttpSourcesReader() {
    }

    static Map<String, SourcesConfig.HttpSourceConfig> read(ConfigFile file, Section root) {
        Map<String, SourcesConfig.HttpSourceConfig> sources = new LinkedHashMap<>();
        for (String name : SourcesConfig.HTTP_SOURCES) {
            Section section = root.optionalSection(name, KEYS);
            if (section.present()) {
                SourcesConfig.HttpSourceConfig config = source(file, name, section);
                if (config != null) {
                    sources.put(name, config);
                }
            }
        }
        boolean amplitude = sources.containsKey("amplitude") && sources.get("amplitude").enabled();
        boolean mixpanel = sources.containsKey("mixpanel") && sources.get("mixpanel").enabled();
        if (amplitude && mixpanel) {
            file.error(root.keyNode("mixpanel"), "mixpanel.enabled", "amplitude and mixpanel are both enabled; "
                    + "expected one product-analytics source: set enabled: false on the other");
        }
        return sources;
    }

    private static SourcesConfig.HttpSourceConfig source(ConfigFile file, String name, Section s) {
        Boolean enabled = s.bool("enabled");
        String cron = SourcesReader.cron(file, s);
        String baseUrl = SourcesReader.url(file, s, "base_url", name.equals("zendesk")
                ? "your Zendesk URL https://YOURCOMPANY.zendesk.com" : "the API's URL");
        Section auth = s.section("auth", CREDENTIALS.get(name));
        Map<String, SecretRef> credentials = new LinkedHashMap<>();
        for (String key : CREDENTIALS.get(name)) {
            SecretRef ref = SourcesReader.secret(file, auth, key);
            if (ref != null) {
                credentials.put(key, ref); // one left out is reported when the source is pulled, like Salesforce's
            }
        }
        int maxPage = MAX_PAGE.get(name);
        Integer pageSize = s.has("page_size") ? s.integer("page_size", 1, maxPage) : Integer.valueOf(maxPage);
        Integer historyDays = s.has("history_days") ? s.integer("history_days", 1, 3650) : Integer.valueOf(365);
        SourcesConfig.Resilience resilience = resilience(s.optionalSection("resilience", RESILIENCE_KEYS), name);
        Map<String, List<String>> features = features(file, s, name);
        Map<String, String> options = new LinkedHashMap<>();
        if (name.equals("mixpanel")) {
            String project = s.text("project_id");
            if (project != null) {
                options.put("project_id", project);
            }
        } else if (s.has("project_id")) {
            file.error(s.keyNode("project_id"), s.path("project_id"), "project_id is a mixpanel setting; remove it here");
        }
        if (s.has("satisfaction_ratings")) {
            String from = s.text("satisfaction_ratings");
            if (!name.equals("zendesk")) {
                file.error(s.keyNode("satisfaction_ratings"), s.path("satisfaction_ratings"),
                        "satisfaction_ratings is a zendesk setting; remove it here");
            } else if (from != null && !RATINGS_FROM.contains(from)) {
                file.error(s.required("satisfaction_ratings"), s.path("satisfaction_ratings"), "expected one of: "
                        + String.join(", ", RATINGS_FROM) + ", got \"" + from + "\"");
            } else if (from != null) {
                options.put("satisfaction_ratings", from);
            }
        }
        if (enabled == null || file.hasErrors()) {
            return null;
        }
        return new SourcesConfig.HttpSourceConfig(name, enabled, cron, baseUrl, credentials, pageSize, historyDays,
                resilience, features, options);
    }

    /** Optional: any key left out keeps the API's documented default. */
    private static SourcesConfig.Resilience resilience(Section r, String name) {
        SourcesConfig.Resilience d = SourcesConfig.Resilience.defaults(name);
        if (!r.present()) {
            return d;
        }
        return new SourcesConfig.Resilience(
                r.has("retries") ? orDefault(r.integer("retries", 0, 20), d.retries()) : d.retries(),
                r.has("backoff_seconds") ? orDefault(r.number("backoff_seconds", 0.01, 600), d.backoffSeconds()) : d.backoffSeconds(),
                r.has("max_wait_seconds") ? orDefault(r.number("max_wait_seconds", 1, 3600), d.maxWaitSeconds()) : d.maxWaitSeconds(),
                r.has("breaker_failure_rate") ? orDefault(r.integer("breaker_failure_rate", 1, 100), d.breakerFailureRatePercent()) : d.breakerFailureRatePercent(),
                r.has("breaker_window") ? orDefault(r.integer("breaker_window", 1, 1000), d.breakerWindow()) : d.breakerWindow(),
                r.has("breaker_open_seconds") ? orDefault(r.integer("breaker_open_seconds", 1, 86_400), d.breakerOpenSeconds()) : d.breakerOpenSeconds(),
                r.has("rate_limit_requests") ? orDefault(r.integer("rate_limit_requests", 1, 100_000), d.rateLimitRequests()) : d.rateLimitRequests(),
                r.has("rate_limit_seconds") ? orDefault(r.integer("rate_limit_seconds", 1, 86_400), d.rateLimitSeconds()) : d.rateLimitSeconds(),
                r.has("timeout_seconds") ? orDefault(r.integer("timeout_seconds", 1, 3600), d.timeoutSeconds()) : d.timeoutSeconds());
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** Analytics only: feature name -> the event names that count as using it. */
    private static Map<String, List<String>> features(ConfigFile file, Section s, String name) {
        boolean analytics = name.equals("amplitude") || name.equals("mixpanel");
        if (!s.has("features")) {
            return Map.of();
        }
        if (!analytics) {
            file.error(s.keyNode("features"), s.path("features"), "features are a product-analytics setting "
                    + "(amplitude, mixpanel); remove them here");
            return Map.of();
        }
        Node node = s.required("features");
        Section features = file.mapping(node, s.path("features"), s.keyNode("features"), null);
        Map<String, List<String>> byFeature = new LinkedHashMap<>();
        for (String feature : features.keys()) {
            List<Node> events = features.list(feature, "event names");
            if (events == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                String event = file.text(events.get(i), features.path(feature) + "[" + i + "]");
                if (event != null) {
                    names.add(event);
                }
            }
            if (names.isEmpty()) {
                file.error(features.keyNode(feature), features.path(feature), "expected at least one event name");
            }
            byFeature.put(feature, names);
        }
        return byFeature;
    }
}
