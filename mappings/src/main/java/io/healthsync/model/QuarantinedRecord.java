package io.healthsync.model;

/**
 * A record that could not be used, kept with the reason and the payload as the source sent it, so it
 * is reported and can be replayed once the cause is fixed.
 */
public record QuarantinedRecord(String source, String objectName, String recordId, String reason, String payload) {
}
