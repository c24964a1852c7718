package io.healthsync.connectors.salesforce;

/**
 * Salesforce's answer for one record of a write (a collections call or a Bulk API 2.0 job).
 *
 * @param recordId   the record as the plan knows it: its Id for an update, its external id for an upsert
 * @param salesforceId the Id Salesforce gave or found (null when it failed, or when not reported)
 * @param created    for an upsert or insert: true when the record was created, false when an existing one
 *                   matched the external id; null for updates
 */
public record WriteResult(String recordId, boolean success, String errorCode, String message, String salesforceId,
                          Boolean created) {

    public static WriteResult ok(String recordId) {
        return new WriteResult(recordId, true, null, null, recordId, null);
    }

    /** An upsert or insert that succeeded: the Salesforce Id, and whether it created the record. */
    public static WriteResult upserted(String recordId, String salesforceId, boolean created) {
        return new WriteResult(recordId, true, null, null, salesforceId, created);
    }

    public static WriteResult failed(String recordId, String errorCode, String message) {
        return new WriteResult(recordId, false, errorCode, message, null, null);
    }

    /** Salesforce's lock contention: the same record succeeds on a later try, so it is retried next run. */
    public boolean retryable() {
        return !success && "UNABLE_TO_LOCK_ROW".equals(errorCode);
    }
}
