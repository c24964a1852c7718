package io.healthsync.connectors.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one pull did, per object: pages, records, quarantined records, and why it stopped early if it did. */
public final class PullReport {

    private int retries;

    /** A call of this pull was retried (a transient failure or a 429/503 with Retry-After). */
    public void countRetry() {
        retries++;
    }

    /** Calls of this pull that were retried. */
    public int retries() {
        return retries;
    }


    public static final class ObjectPull {
        public int pages;
        public int records;
        public int quarantined;
        public int deleted;
        /** Our own playbook records read back (Tasks, Opportunities): counted in records, not signals. */
        public int playbookRecords;
        /** Records read back only because healthsync wrote them. */
        public int echoes;
        public int requeries;
        public boolean complete;
        /** The query locator expired: pull the object again from its stored cursor. */
        public boolean requeryPending;
        public String failure;
        public final List<String> skippedFields = new ArrayList<>();
        /** The Bulk API 2.0 query job of this object's first pull, when it went through one. */
        public String bulkQueryJob;

        /** Counts a stored page: its records, quarantined, deleted and playbook records, and echoes. */
        void countPage(PulledPage page, int echoes) {
            pages++;
            records += page.records();
            quarantined += page.quarantined().size();
            deleted += page.deletedIds().size();
            playbookRecords += page.playbookRecordIds().size();
            this.echoes += echoes;
        }
    }

    private final Map<String, ObjectPull> objects = new LinkedHashMap<>();
    private boolean apiLimitReached;
    private String sourceDown;

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

    /** Salesforce cannot be reached or refuses us: the other objects are not tried this run. */
    public void markSourceDown(String reason) {
        sourceDown = reason;
    }

    public String sourceDown() {
        return sourceDown;
    }

    private boolean queryAllRefused;

    /** The org answered queryAll with 404: this run's objects are pulled with query (deletions unseen). */
    public void refuseQueryAll() {
        queryAllRefused = true;
    }

    public boolean queryAllRefused() {
        return queryAllRefused;
    }

    /** No further object is pulled this run. */
    public boolean stopped() {
        return apiLimitReached || sourceDown != null;
    }

    public boolean failed() {
        return objects.values().stream().anyMatch(o -> o.failure != null);
    }

    /** Objects whose pull did not reach its last page (failed, or not started because the API limit stopped the run). */
    public List<String> incomplete(List<String> planned) {
        List<String> incomplete = new ArrayList<>();
        for (String object : planned) {
            ObjectPull pull = objects.get(object);
            if (pull == null || pull.failure != null || !pull.complete) {
                incomplete.add(object);
            }
        }
        return incomplete;
    }
}
