package io.healthsync.connectors.salesforce;

import java.time.Duration;

/**
 * When and how an object's first pull goes through a Bulk API 2.0 query job instead of REST query pages.
 *
 * @param threshold         a first pull (no cursor yet) of more records than this is a bulk query job; at or
 *                          below it, REST query pages as always (sources.yaml salesforce.bulk_query_threshold)
 * @param maxRecordsPerPage records per results call ({@code maxRecords}); each results page is stored with
 *                          its records in one transaction, so this also bounds what is held in memory at once
 * @param polling           how the job's state is polled until Salesforce is done with it
 */
public record BulkQueryOptions(long threshold, int maxRecordsPerPage, BulkPolling polling) {

    public static final long DEFAULT_THRESHOLD = 50_000;
    /**
     * 60 results calls for a 1.5-million-record backfill, where REST pages of 2,000 need 750; a page of 25,000
     * activities is about 8 MB of CSV, held in memory while it is mapped and stored.
     */
    public static final int DEFAULT_MAX_RECORDS_PER_PAGE = 25_000;
    /**
     * A query job over millions of records can take minutes in Salesforce: polled for up to 30 minutes, first after
     * 250 ms (a job over some 100,000 records may be ready within a second), doubling to every 30 s.
     */
    public static final BulkPolling DEFAULT_POLLING =
            new BulkPolling(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMinutes(30));

    public BulkQueryOptions {
        if (threshold < 0) {
            throw new IllegalArgumentException("the bulk query threshold must be 0 or more, got " + threshold);
        }
        if (maxRecordsPerPage < 1) {
            throw new IllegalArgumentException("maxRecordsPerPage must be positive, got " + maxRecordsPerPage);
        }
        if (polling == null) {
            throw new IllegalArgumentException("bulk query polling is required");
        }
    }

    public static BulkQueryOptions withThreshold(long threshold) {
        return new BulkQueryOptions(threshold, DEFAULT_MAX_RECORDS_PER_PAGE, DEFAULT_POLLING);
    }

    /** The first pull of an object that holds {@code records} goes through a bulk query job. */
    public boolean backfillsInBulk(long records) {
        return records > threshold;
    }
}
