package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The version list (GET /services/data/) and the org limits (GET .../limits). */
final class OrgInfoEndpoints {

    static final int OLDEST_VERSION = 31;
    static final int NEWEST_VERSION = 66;
    private static final String[] SEASONS = {"Summer", "Winter", "Spring"};

    private OrgInfoEndpoints() {
    }

    /** v31.0 was Summer '14; three releases a year since, so v66.0 is Spring '26. */
    static SandboxResponse versions() {
        ArrayNode versions = JsonNodeFactory.instance.arrayNode();
        for (int v = OLDEST_VERSION; v <= NEWEST_VERSION; v++) {
            int index = v - OLDEST_VERSION;
            ObjectNode entry = versions.addObject();
            entry.put("label", SEASONS[index % 3] + " '" + (14 + (index + 2) / 3));
            entry.put("url", "/services/data/v" + v + ".0");
            entry.put("version", v + ".0");
        }
        return SandboxResponse.json(200, versions);
    }

    /** DailyApiRequests follows the sandbox's counter; the other limits are a developer org's, unused. */
    static SandboxResponse limits(long dailyApiLimit, long usedToday) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        limit(body, "ConcurrentAsyncGetReportInstances", 200, 200);
        limit(body, "ConcurrentSyncReportRuns", 20, 20);
        limit(body, "DailyApiRequests", dailyApiLimit, Math.max(0, dailyApiLimit - usedToday));
        limit(body, "DailyAsyncApexExecutions", 250_000, 250_000);
        limit(body, "DailyBulkApiBatches", 15_000, 15_000);
        limit(body, "DailyBulkV2QueryFileStorageMB", 976_562, 976_562);
        limit(body, "DailyBulkV2QueryJobs", 10_000, 10_000);
        limit(body, "DailyDurableStreamingApiEvents", 10_000, 10_000);
        limit(body, "DailyGenericStreamingApiEvents", 10_000, 10_000);
        limit(body, "DailyStreamingApiEvents", 10_000, 10_000);
        limit(body, "DailyWorkflowEmails", 3_390, 3_390);
        limit(body, "DataStorageMB", 5, 5);
        limit(body, "DurableStreamingApiConcurrentClients", 20, 20);
        limit(body, "FileStorageMB", 20, 20);
        limit(body, "HourlyAsyncReportRuns", 1_200, 1_200);
        limit(body, "HourlyDashboardRefreshes", 200, 200);
        limit(body, "HourlyODataCallout", 20_000, 20_000);
        limit(body, "HourlySyncReportRuns", 500, 500);
        limit(body, "MassEmail", 10, 10);
        limit(body, "SingleEmail", 15, 15);
        limit(body, "StreamingApiConcurrentClients", 20, 20);
        return SandboxResponse.json(200, body);
    }

    private static void limit(ObjectNode body, String name, long max, long remaining) {
        ObjectNode entry = body.putObject(name);
        entry.put("Max", max);
        entry.put("Remaining", remaining);
    }
}
