package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses whom each account is ranked against: its own segment (an SMB account is compared with
 * SMB accounts), or all accounts when the segment is unknown or too small for a percentile to mean much.
 */
final class Cohorts {

    private final Map<String, CohortRanks> bySegment;
    private final CohortRanks everyone;

    Cohorts(Map<String, CohortRanks> bySegment, CohortRanks everyone) {
        this.bySegment = bySegment;
        this.everyone = everyone;
    }

    /** The cohorts of a signal table's rows: a segment of at least {@code minCohortSize} accounts, else everyone. */
    static Cohorts of(SignalTable table, int minCohortSize, Set<Signal> signals) {
        return of(table, minCohortSize, signals, false);
    }

    /**
     * The same, with the everyone cohort ranked even when no account of the table falls back to it
     * ({@code everyone}): a {@link CohortReference} ranks accounts the day's later runs bring.
     */
    static Cohorts of(SignalTable table, int minCohortSize, Set<Signal> signals, boolean everyone) {
        Map<String, List<Integer>> rowsBySegment = new HashMap<>();
        for (int r = 0; r < table.size(); r++) {
            if (table.segment(r) != null) {
                rowsBySegment.computeIfAbsent(table.segment(r), s -> new ArrayList<>()).add(r);
            }
        }
        Map<String, CohortRanks> bySegment = new HashMap<>();
        rowsBySegment.forEach((segment, rows) -> {
            if (rows.size() >= minCohortSize) {
                bySegment.put(segment, new CohortRanks(table, rows.stream().mapToInt(Integer::intValue).toArray(),
                        signals));
            }
        });
        boolean someoneFallsBack = everyone;
        for (int r = 0; r < table.size() && !someoneFallsBack; r++) {
            someoneFallsBack = !bySegment.containsKey(table.segment(r));
        }
        if (!someoneFallsBack) {
            return new Cohorts(bySegment, null);
        }
        return new Cohorts(bySegment, new CohortRanks(table, java.util.stream.IntStream.range(0, table.size()).toArray(),
                signals));
    }

    Map<String, CohortRanks> bySegment() {
        return bySegment;
    }

    /** The cohort of every account; null when no account falls back to it and it was not asked for. */
    CohortRanks everyone() {
        return everyone;
    }

    /** The cohort of an account of this segment (null: unknown). */
    CohortRanks of(String segment) {
        CohortRanks own = segment == null ? null : bySegment.get(segment);
        return own != null ? own : everyone;
    }
}
