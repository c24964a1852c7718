package io.healthsync.connectors.source;

/**
 * A record of a source that found no CRM account: kept whole as canonical JSON (never dropped), reported
 * with the keys it tried, and matched again on later runs (the account may appear in the CRM, a domain
 * may be added). {@code kind} is link, activity, usage, subscription or outcome.
 */
public record UnmatchedRecord(String source, String kind, String recordId, String stream, String keys, String payload) {
}
