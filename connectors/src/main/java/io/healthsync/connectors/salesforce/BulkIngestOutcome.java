package io.healthsync.connectors.salesforce;

import java.util.List;

/**
 * What a Bulk API 2.0 ingest came to.
 *
 * @param jobIds   the Salesforce jobs it created (one per upload), in order
 * @param state    {@code JobComplete} when every job completed; otherwise the state of the first job that did
 *                 not ({@code Failed}, {@code Aborted}, the last state seen when polling gave up, or
 *                 {@code CallFailed} when a call failed for good)
 * @param apiCalls the Salesforce API calls it made (login not counted; retries are)
 * @param results  one per row of the job, in its order
 */
public record BulkIngestOutcome(List<String> jobIds, String state, int apiCalls, List<WriteResult> results) {

    public BulkIngestOutcome {
        jobIds = List.copyOf(jobIds);
        results = List.copyOf(results);
    }
}
