package io.healthsync.writeback;

/** One CRM field that a plan changes: its value as last written (or found in the CRM), and the new one. */
public record FieldChange(String field, String oldValue, String newValue) {
}
