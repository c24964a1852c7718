package io.healthsync.connectors.salesforce;

/** Salesforce's answer for one record of a collections call. */
public record WriteResult(String recordId, boolean success, String errorCode, String message) {

    public static WriteResult ok(String recordId) {
        return new WriteResult(recordId, true, null, null);
    }

    public static WriteResult failed(String recordId, String errorCode, String message) {
        return new WriteResult(recordId, false, errorCode, message);
    }
}
