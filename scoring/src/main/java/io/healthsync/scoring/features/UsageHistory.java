package io.healthsync.scoring.features;

import io.healthsync.model.UsageDay;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One account's daily active users over the 120 days up to the as-of date, by days before it, and the
 * tracked features it used in the last 30. A day without a row had no active user (analytics sources send
 * days with events only); an account without any row on or before a window has no data for it, not zero.
 * Two rows of one day (two analytics sources) count once: the larger count, not the sum.
 */
final class UsageHistory {

    /** Days 0-119 before the as-of date: the last 30 days and the 30 days a quarter (90 days) earlier. */
    static final int DAYS_KEPT = 120;
    private static final long NONE = -1;

    /** No usage row at all: nothing to count (most accounts without an analytics source, on every day scored). */
    private static final UsageHistory NO_USAGE = new UsageHistory();

    private final int[] activeUsers = new int[DAYS_KEPT];
    private final Set<String> featuresUsed30 = new HashSet<>();
    private long oldestDaysAgo = NONE;

    private UsageHistory() {
    }

    static UsageHistory of(long today, List<UsageDay> days, Set<String> trackedFeatures) {
        return of(today, Long.MAX_VALUE, days, trackedFeatures);
    }

    /** The usage of the last {@code usageDays} days before {@code today} only (today is day 0). */
    static UsageHistory of(long today, long usageDays, List<UsageDay> days, Set<String> trackedFeatures) {
        if (days.isEmpty()) {
            return NO_USAGE; // never written to: of() alone fills a history
        }
        UsageHistory usage = new UsageHistory();
        for (UsageDay day : days) {
            if (day.day() == null) {
                continue;
            }
            long daysAgo = today - day.day().toEpochDay();
            if (daysAgo < 0 || daysAgo > usageDays) {
                continue; // after the as-of date: must not leak into the past; or before the window
            }
            usage.oldestDaysAgo = Math.max(usage.oldestDaysAgo, daysAgo);
            if (daysAgo < DAYS_KEPT) {
                int index = (int) daysAgo;
                usage.activeUsers[index] = Math.max(usage.activeUsers[index], Math.max(0, day.activeUsers()));
            }
            if (daysAgo < 30) {
                usage.addFeatures(day.featureEvents(), trackedFeatures);
            }
        }
        return usage;
    }

    private void addFeatures(Map<String, Integer> events, Set<String> trackedFeatures) {
        if (featuresUsed30.size() == trackedFeatures.size()) {
            return; // every tracked feature seen already
        }
        if (trackedFeatures.size() <= Math.max(events.size(), 16)) {
            // looked up by name: walking the store's immutable map makes an entry object per feature, and a first
            // run's scoring walks each of the last 30 days' maps for each day it scores (0.9 GB at 30,000 accounts)
            for (String feature : trackedFeatures) {
                Integer count = events.get(feature);
                if (count != null && count > 0) {
                    featuresUsed30.add(feature);
                }
            }
            return;
        }
        events.forEach((feature, count) -> {
            if (count != null && count > 0 && trackedFeatures.contains(feature)) {
                featuresUsed30.add(feature);
            }
        });
    }

    /** True when usage was recorded on or before the day {@code daysAgo} days before the as-of date. */
    boolean reaches(int daysAgo) {
        return oldestDaysAgo >= daysAgo;
    }

    /** Mean daily active users over {@code days} days, the most recent of them {@code fromDaysAgo} days ago. */
    double meanActiveUsers(int fromDaysAgo, int days) {
        long sum = 0;
        for (int d = fromDaysAgo; d < fromDaysAgo + days; d++) {
            sum += activeUsers[d];
        }
        return (double) sum / days;
    }

    int featuresUsed30() {
        return featuresUsed30.size();
    }
}
