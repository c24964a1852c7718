package io.healthsync.writeback;

import java.time.Instant;

/** What healthsync last wrote to one CRM field, when, and for a score the unrounded number behind it. */
public record WrittenValue(String value, Double basis, Instant writtenAt) {
}
