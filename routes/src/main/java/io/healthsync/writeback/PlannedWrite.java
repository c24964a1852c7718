package io.healthsync.writeback;

import java.util.List;
import java.util.Map;

/**
 * One record a plan will update: what changes and why. {@code payload} is exactly what is sent
 * (field -> JSON value); {@code basis} holds, per numeric field, the unrounded number behind the sent
 * value (a score of 72 may be 71.6), kept for the next plan's materiality check.
 */
public record PlannedWrite(
        String sobject,
        String recordId,
        String recordName,
        List<FieldChange> changes,
        Map<String, Object> payload,
        Map<String, Double> basis,
        String reason,
        List<String> drivers) {

    public PlannedWrite {
        changes = List.copyOf(changes);
        payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
        drivers = List.copyOf(drivers);
        basis = basis == null ? Map.of() : Map.copyOf(basis);
    }
}
