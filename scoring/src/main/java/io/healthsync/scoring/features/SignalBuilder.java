package io.healthsync.scoring.features;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Signal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes one account's {@link Signal}s as they stood at the end of {@code asOf} (UTC): anything
 * that occurred later is ignored, so the same code serves today's scores and backtests.
 * Windows are whole UTC calendar days ending with {@code asOf}: "last 30 days" is asOf-29 .. asOf.
 * One pass over the account's activities, no allocation per activity.
 */
public final class SignalBuilder {

    private static final long SECONDS_PER_DAY = 86_400;

    public AccountSignals build(LocalDate asOf, Account account, List<Activity> activities, List<Opportunity> opportunities) {
        long today = asOf.toEpochDay();
        TouchHistory touches = TouchHistory.of(today, activities);
        Long sinceStart = daysSinceStart(today, account);

        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        Set<Signal> neverHappened = EnumSet.noneOf(Signal.class);
        putDaysSince(values, neverHappened, Signal.DAYS_SINCE_LAST_TOUCH, touches.daysSinceLastTouch, sinceStart);
        values.put(Signal.TOUCHES_30D, (double) touches.last30);
        values.put(Signal.TOUCHES_90D, (double) touches.last90);
        values.put(Signal.TOUCH_TREND, (double) (touches.last30 - touches.previous30));
        putDaysSince(values, neverHappened, Signal.DAYS_SINCE_QBR, touches.daysSinceReview, sinceStart);
        values.put(Signal.OPEN_OPPORTUNITIES, (double) countOpen(asOf, opportunities));
        values.put(Signal.DAYS_TO_RENEWAL, account.renewalDate() == null
                ? null : (double) (account.renewalDate().toEpochDay() - today));
        values.put(Signal.TENURE_DAYS, toDouble(tenureDays(today, account)));
        return new AccountSignals(account.crmId(), account.segment(), values, neverHappened);
    }

    /** Never touched counts as untouched for the account's whole life, so it ranks at least as badly as any real gap. */
    private static void putDaysSince(Map<Signal, Double> values, Set<Signal> neverHappened, Signal signal,
                                     long daysSinceEvent, Long sinceStart) {
        if (daysSinceEvent != TouchHistory.NEVER) {
            values.put(signal, (double) daysSinceEvent);
            return;
        }
        values.put(signal, toDouble(sinceStart));
        if (sinceStart != null) {
            neverHappened.add(signal);
        }
    }

    /** From the earliest of creation and contract start: the longest life we know of. */
    private static Long daysSinceStart(long today, Account account) {
        long start = Long.MAX_VALUE;
        if (account.createdAt() != null) {
            start = epochDay(account.createdAt().getEpochSecond());
        }
        if (account.contractStart() != null) {
            start = Math.min(start, account.contractStart().toEpochDay());
        }
        return start == Long.MAX_VALUE ? null : Math.max(0, today - start);
    }

    /** Contract start first (when the customer began paying), else CRM creation; a future start counts as 0. */
    private static Long tenureDays(long today, Account account) {
        if (account.contractStart() != null) {
            return Math.max(0, today - account.contractStart().toEpochDay());
        }
        return account.createdAt() == null ? null : Math.max(0, today - epochDay(account.createdAt().getEpochSecond()));
    }

    /** Open on the as-of date, not today: a deal closed since then was still open then. */
    private static int countOpen(LocalDate asOf, List<Opportunity> opportunities) {
        int open = 0;
        for (Opportunity opportunity : opportunities) {
            if (opportunity.openOn(asOf)) {
                open++;
            }
        }
        return open;
    }

    private static long epochDay(long epochSecond) {
        return Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    /** Human-touch counts and recencies in days before {@code today}, from one pass over the activities. */
    private static final class TouchHistory {
        static final long NEVER = Long.MAX_VALUE;

        long daysSinceLastTouch = NEVER;
        long daysSinceReview = NEVER;
        int last30;
        int previous30;
        int last90;

        static TouchHistory of(long today, List<Activity> activities) {
            TouchHistory history = new TouchHistory();
            for (Activity activity : activities) {
                ActivityType type = activity.type();
                if (type == null || !type.isHumanTouch() || activity.occurredAt() == null) {
                    continue;
                }
                long daysAgo = today - epochDay(activity.occurredAt().getEpochSecond());
                if (daysAgo >= 0) { // negative: after asOf, must not leak into the past
                    history.add(type, daysAgo);
                }
            }
            return history;
        }

        private void add(ActivityType type, long daysAgo) {
            daysSinceLastTouch = Math.min(daysSinceLastTouch, daysAgo);
            if (type == ActivityType.QBR || type == ActivityType.EXECUTIVE_MEETING) {
                daysSinceReview = Math.min(daysSinceReview, daysAgo);
            }
            if (daysAgo < 30) {
                last30++;
            } else if (daysAgo < 60) {
                previous30++;
            }
            if (daysAgo < 90) {
                last90++;
            }
        }
    }
}
