package io.healthsync.writeback;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one run would write, decided before anything is written. {@code problems} lists what the
 * plan had to leave out and why (e.g. a mapped field the org does not have).
 */
public record WritebackPlan(
        String id,
        LocalDate asOf,
        Instant createdAt,
        int accountsConsidered,
        List<PlannedWrite> writes,
        List<String> problems) {

    public WritebackPlan {
        writes = List.copyOf(writes);
        problems = List.copyOf(problems);
    }

    public int fieldsChanged() {
        return writes.stream().mapToInt(w -> w.changes().size()).sum();
    }
}
