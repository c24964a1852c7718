package io.healthsync.connectors.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one pull did, per object: pages, records, quarantined records, and why it stopped early if it did. */
public final class PullReport {

    public static final class ObjectPull {
        public int pages;
        public int records;
        public int quarantined;
        public String failure;
        public final java.util.List<String> skippedFields = new java.util.ArrayList<>();
    }

    private final Map<String, ObjectPull> objects = new LinkedHashMap<>();
    private boolean apiLimitReached;

    public ObjectPull object(String apiName) {
        return objects.computeIfAbsent(apiName, k -> new ObjectPull());
    }

    public Map<String, ObjectPull> objects() {
        return objects;
    }

    public int records(String apiName) {
        ObjectPull pull = objects.get(apiName);
        return pull == null ? 0 : pull.records;
    }

    public int totalRecords() {
        return objects.values().stream().mapToInt(o -> o.records).sum();
    }

    public int totalQuarantined() {
        return objects.values().stream().mapToInt(o -> o.quarantined).sum();
    }

    public boolean apiLimitReached() {
        return apiLimitReached;
    }

    public void markApiLimitReached() {
        apiLimitReached = true;
    }

    public boolean failed() {
        return objects.values().stream().anyMatch(o -> o.failure != null);
    }
}
