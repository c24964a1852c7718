package io.healthsync.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one change to the sandbox org deleted: their Ids by sObject name (in the order they were deleted),
 * and the instant every one of them now carries as SystemModstamp.
 */
public record DeletedRecords(Instant deletedAt, Map<String, List<String>> idsBySObject) {

    public DeletedRecords {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        idsBySObject.forEach((sobject, ids) -> copy.put(sobject, List.copyOf(ids)));
        idsBySObject = Collections.unmodifiableMap(copy);
    }

    /** The deleted Ids of one sObject ("Account", "Task", ...); empty when none were. */
    public List<String> ids(String sobject) {
        return idsBySObject.getOrDefault(sobject, List.of());
    }

    public int count() {
        return idsBySObject.values().stream().mapToInt(List::size).sum();
    }
}
