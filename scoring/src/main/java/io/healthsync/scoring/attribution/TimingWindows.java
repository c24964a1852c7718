package io.healthsync.scoring.attribution;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds each type's {@link TimingWindow} over bands of 30 days before the outcome (90 for lifecycle windows). */
public final class TimingWindows {

    /** A band needs this many journeys to be named: fewer say nothing about timing (one rate from 12 journeys is noise). */
    static final int MIN_JOURNEYS = 30;

    private TimingWindows() {
    }

    /** The band where the type matters most, or null when no band has enough journeys. */
    public static TimingWindow of(String type, List<Journey> journeys, OutcomeTarget target, Integer windowDays,
                                  boolean positive) {
        int band = windowDays == null || windowDays > 360 ? 90 : 30;
        int without = 0;
        int withoutReached = 0;
        // the window's last day (daysBefore == windowDays) belongs to the last band, not to a band of its own
        int span = windowDays == null ? 720 : windowDays;
        int bands = Math.max(1, (span + band - 1) / band);
        int[] with = new int[bands];
        int[] withReached = new int[bands];
        for (Journey journey : journeys) {
            Set<Integer> seen = new HashSet<>();
            for (Touchpoint t : journey.touchpoints()) {
                if (t.type().equals(type)) {
                    seen.add((int) Math.min(bands - 1, journey.daysBefore(t) / band));
                }
            }
            boolean reached = target.reached(journey);
            if (seen.isEmpty()) {
                without++;
                withoutReached += reached ? 1 : 0;
            }
            for (int b : seen) {
                with[b]++;
                withReached[b] += reached ? 1 : 0;
            }
        }
        if (without == 0) {
            return null;
        }
        double rateWithout = (double) withoutReached / without;
        TimingWindow best = null;
        for (int b = 0; b < bands; b++) {
            if (with[b] < MIN_JOURNEYS) {
                continue;
            }
            double rate = (double) withReached[b] / with[b];
            double gap = positive ? rate - rateWithout : rateWithout - rate;
            if (best == null || gap > (positive ? best.rate() - rateWithout : rateWithout - best.rate())) {
                best = new TimingWindow(b * band, Math.min((b + 1) * band, span), with[b], rate, rateWithout);
            }
        }
        return best;
    }
}
