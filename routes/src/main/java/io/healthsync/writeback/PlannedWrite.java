package io.healthsync.writeback;

import java.util.List;
import java.util.Map;

/**
 * One record a plan will write: what changes and why. {@code payload} is exactly what is sent
 * (field -> JSON value); {@code basis} holds, per numeric field, the unrounded number behind the sent
 * value (a score of 72 may be 71.6), kept for the next plan's materiality check.
 *
 * <p>An Account update is keyed by its Id ({@code externalIdField} null). A playbook's Task or Opportunity
 * is an upsert keyed by {@code recordId} = its external id value in {@code externalIdField}
 * (Healthsync_Key__c), so sending it twice (a re-run, a retry after a kill) matches the first one.
 */
public record PlannedWrite(
        String sobject,
        String recordId,
        String recordName,
        List<FieldChange> changes,
        Map<String, Object> payload,
        Map<String, Double> basis,
        String reason,
        List<String> drivers,
        String externalIdField) {

    public PlannedWrite {
        changes = List.copyOf(changes);
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
        drivers = List.copyOf(drivers);
        basis = basis == null ? Map.of() : Map.copyOf(basis);
    }

    /** An update of an existing record by its Id. */
    public PlannedWrite(String sobject, String recordId, String recordName, List<FieldChange> changes,
                        Map<String, Object> payload, Map<String, Double> basis, String reason, List<String> drivers) {
        this(sobject, recordId, recordName, changes, payload, basis, reason, drivers, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isUpsert() {
        return externalIdField != null;
    }

    /** Writes that can share one call: the same sObject written the same way. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String group() {
        return isUpsert() ? sobject + "/" + externalIdField : sobject;
    }
}
