package io.healthsync.sandbox.company;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's features and the analytics events that count as using each: the default feature list the
 * app ships in sources.yaml. The first event of each is the common one (about four in five of its events).
 */
public enum Feature {
    DASHBOARDS("dashboards", "dashboard_viewed", "dashboard_created"),
    REPORTS("reports", "report_run", "report_exported"),
    INTEGRATIONS("integrations", "integration_connected", "sync_completed"),
    AUTOMATION("automation", "workflow_created", "workflow_run"),
    COLLABORATION("collaboration", "comment_added", "user_invited");

    private final String key;
    private final List<String> events;

    Feature(String key, String... events) {
        this.key = key;
        this.events = List.of(events);
    }

    public String key() {
        return key;
    }

    public List<String> events() {
        return events;
    }

    /** feature -> its event names, as sources.yaml's {@code features} section holds them. */
    public static Map<String, List<String>> asConfig() {
        Map<String, List<String>> config = new LinkedHashMap<>();
        for (Feature feature : values()) {
            config.put(feature.key, feature.events);
        }
        return config;
    }
}
