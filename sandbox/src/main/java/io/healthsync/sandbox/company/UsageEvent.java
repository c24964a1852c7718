package io.healthsync.sandbox.company;

import java.time.Instant;

/**
 * One product-analytics event as both analytics stand-ins serve it.
 *
 * @param accountId the CRM id the event's account property carries, or null when the event lost it
 * @param sessionId the session's start in epoch milliseconds (Amplitude's session_id convention)
 * @param insertId  stable de-duplication id ($insert_id)
 */
public record UsageEvent(String accountId, String userId, String deviceId, long sessionId, Instant time,
                         String eventType, String feature, String insertId, String plan) {
}
