package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalTable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cohorts a day's scores rank against: each cohort's sorted values of each signal, as the day's first run found
 * them. A later run the same day (every 15 minutes by default) ranks against the same values, so an account whose
 * own data did not change keeps its score exactly, instead of every account's percentiles moving a little whenever
 * any account changes: scores that do not jitter for the CSM, and a run that rewrites only the scores that changed.
 * The next day, or once the company's values have moved too far from them ({@link #fits}), the cohorts are taken
 * afresh.
 */
public final class CohortReference {

    /** The key of the cohort of every account, beside {@code "segment " + name} for a segment's. */
    public static final String EVERYONE = "all";
    private static final String SEGMENT = "segment ";
    /**
     * The most a signal's values today may differ in distribution from the reference's, as the Kolmogorov-Smirnov
     * distance (the largest gap between the two shares of accounts at or below any value), for the reference to be
     * kept: it bounds how far a percentile against the reference is from one against today's cohort, here 10 points.
     * Past it (a tenth of the company changed since the day's first run, an edited taxonomy, a source back with a
     * backlog) today's cohorts are taken instead.
     */
    public static final double MAX_DISTRIBUTION_SHIFT = 0.10;

    private final LocalDate day;
    private final int minCohortSize;
    private final Map<String, CohortRanks> bySegment;
    private final CohortRanks everyone;

    private CohortReference(LocalDate day, int minCohortSize, Map<String, CohortRanks> bySegment, CohortRanks everyone) {
        this.day = Objects.requireNonNull(day, "day");
        this.minCohortSize = minCohortSize;
        this.bySegment = bySegment;
        this.everyone = Objects.requireNonNull(everyone, "everyone");
    }

    /** The cohorts of a signal table's rows: a segment of at least {@code minCohortSize} accounts, and everyone. */
    static CohortReference of(SignalTable table, int minCohortSize, Set<Signal> signals) {
        Cohorts cohorts = Cohorts.of(table, minCohortSize, signals, true);
        return new CohortReference(table.day(), minCohortSize, cohorts.bySegment(), cohorts.everyone());
    }

    /**
     * A stored reference: by cohort key ({@link #EVERYONE}, or {@code "segment " + name}), each signal's values
     * sorted. A store that lost the everyone cohort gives no reference.
     */
    public static java.util.Optional<CohortReference> restore(LocalDate day, int minCohortSize,
                                                              Map<String, Map<Signal, double[]>> sortedByCohort) {
        Map<String, Map<Signal, double[]>> segments = new LinkedHashMap<>(sortedByCohort);
        Map<Signal, double[]> all = segments.remove(EVERYONE);
        if (all == null) {
            return java.util.Optional.empty();
        }
        Map<String, CohortRanks> bySegment = new java.util.HashMap<>();
        segments.forEach((key, sorted) -> {
            if (key.startsWith(SEGMENT)) {
                bySegment.put(key.substring(SEGMENT.length()), new CohortRanks(sorted));
            }
        });
        return java.util.Optional.of(new CohortReference(day, minCohortSize, bySegment, new CohortRanks(all)));
    }

    public LocalDate day() {
        return day;
    }

    public int minCohortSize() {
        return minCohortSize;
    }

    /** By cohort key ({@link #EVERYONE} first), each ranked signal's values sorted: what the store keeps. */
    public Map<String, Map<Signal, double[]>> sortedByCohort() {
        Map<String, Map<Signal, double[]>> byCohort = new LinkedHashMap<>();
        byCohort.put(EVERYONE, everyone.sortedBySignal());
        new java.util.TreeMap<>(bySegment).forEach((segment, ranks) -> byCohort.put(SEGMENT + segment,
                ranks.sortedBySignal()));
        return Collections.unmodifiableMap(byCohort);
    }

    /**
     * Whether the accounts of {@code today} (today's own cohorts) may be ranked against this reference: the same day
     * and minimum cohort size, every signal with data today ranked in it, and each cohort the two share within
     * {@link #MAX_DISTRIBUTION_SHIFT} of today's in each such signal's distribution.
     */
    boolean fits(CohortReference today, Set<Signal> signals) {
        if (!day.equals(today.day) || minCohortSize != today.minCohortSize) {
            return false;
        }
        if (!within(everyone, today.everyone, signals)) {
            return false;
        }
        for (Map.Entry<String, CohortRanks> segment : today.bySegment.entrySet()) {
            CohortRanks then = bySegment.get(segment.getKey());
            if (then != null && !within(then, segment.getValue(), signals)) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(CohortRanks then, CohortRanks now, Set<Signal> signals) {
        Map<Signal, double[]> before = then.sortedBySignal();
        Map<Signal, double[]> after = now.sortedBySignal();
        for (Signal signal : signals) {
            if (!before.containsKey(signal) || distance(before.get(signal), after.get(signal)) > MAX_DISTRIBUTION_SHIFT) {
                return false;
            }
        }
        return true;
    }

    /** The Kolmogorov-Smirnov distance of two sorted samples: 0 alike, 1 apart (or one of them empty). */
    static double distance(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return a.length == b.length ? 0.0 : 1.0;
        }
        int i = 0;
        int j = 0;
        long largest = 0; // |i/a - j/b| in units of 1/(a*b), so that a tenth is exactly 0.1
        while (i < a.length && j < b.length) {
            double value = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= value) {
                i++;
            }
            while (j < b.length && b[j] <= value) {
                j++;
            }
            largest = Math.max(largest, Math.abs((long) i * b.length - (long) j * a.length));
        }
        return (double) largest / ((double) a.length * b.length);
    }

    /** The cohorts to rank with. */
    Cohorts cohorts() {
        return new Cohorts(bySegment, everyone);
    }
}
