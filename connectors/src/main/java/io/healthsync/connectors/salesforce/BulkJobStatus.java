package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Bulk API 2.0 job's info as Salesforce returns it on create, close and GET /jobs/ingest/{id} (or, for a
 * query job, on create and GET /jobs/query/{id}): the fields healthsync acts on.
 */
public record BulkJobStatus(String id, String state, String errorMessage, long recordsProcessed, long recordsFailed) {

    public static final String JOB_COMPLETE = "JobComplete";
    public static final String FAILED = "Failed";
    public static final String ABORTED = "Aborted";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException when the body is not a job info with an id and a state */
    public static BulkJobStatus parse(String body) {
        JsonNode job;
        try {
            job = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new IllegalArgumentException("Bulk API answered with malformed JSON for a job: " + e.getMessage());
        }
        if (job == null || !job.hasNonNull("id") || !job.hasNonNull("state")) {
            throw new IllegalArgumentException("Bulk API answered a job without id or state: "
                    + (body == null ? "" : body.substring(0, Math.min(200, body.length()))));
        }
        return new BulkJobStatus(job.get("id").asText(), job.get("state").asText(),
                job.hasNonNull("errorMessage") ? job.get("errorMessage").asText() : null,
                job.path("numberRecordsProcessed").asLong(0), job.path("numberRecordsFailed").asLong(0));
    }

    /** Salesforce is done with the job: its state will not change again. */
    public boolean finished() {
        return JOB_COMPLETE.equals(state) || FAILED.equals(state) || ABORTED.equals(state);
    }
}
