package io.healthsync.model;

import java.time.Instant;

/**
 * A record that could not be used, kept with the reason and the payload as the source sent it, so it
 * is reported and can be replayed once the cause is fixed. Keyed by source, object, record id and the
 * record's modification stamp: the same version read again is the same row, and a later version that
 * maps replaces it. {@code modstamp} is null when the record did not carry one.
 */
public record QuarantinedRecord(String source, String objectName, String recordId, Instant modstamp, String reason,
                                String payload) {
}
