package io.healthsync.scoring.features;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Signal;
import io.healthsync.model.Subscription;
import java.time.LocalDate;
import java.util.Collection;
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
 *
 * <p>A family of signals without any record of the account (no usage row, no support event, no subscription
 * or billing event on or before the as-of date) is left without data (null), not zero: an account the support
 * desk never matched must not rank as the calmest. Subscriptions carry no date of their own: they are read as
 * they are now, for seats and as the renewal date when the CRM has none (like the CRM's own renewal date).
 *
 * <p>Feature breadth counts the features of a fixed list, the analytics source's tracked features of
 * sources.yaml (its {@code features} keys), so every account is measured against the same denominator; built
 * without such a list, there is no feature breadth.
 */
public final class SignalBuilder {

    private static final long SECONDS_PER_DAY = 86_400;
    /** Signal.values() copies its array at every call: once per account and day scored. */
    private static final Signal[] SIGNALS = Signal.values();

    private final Set<String> trackedFeatures;

    /** No tracked feature list: every signal but feature breadth. */
    public SignalBuilder() {
        this(Set.of());
    }

    /** @param trackedFeatures the feature names usage is counted against (sources.yaml, the analytics source's {@code features}) */
    public SignalBuilder(Collection<String> trackedFeatures) {
        this.trackedFeatures = Set.copyOf(trackedFeatures);
    }

    /** The CRM's records alone (no usage, no subscriptions): as {@link #build(LocalDate, AccountHistory)}. */
    public AccountSignals build(LocalDate asOf, Account account, List<Activity> activities, List<Opportunity> opportunities) {
        return build(asOf, AccountHistory.ofCrm(account, activities, opportunities));
    }

    public AccountSignals build(LocalDate asOf, AccountHistory history) {
        return build(asOf, history, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * As {@link #build(LocalDate, AccountHistory)}, from the activities of the last {@code activityDays} days and the
     * usage of the last {@code usageDays} before the as-of date only (the as-of date is day 0): a history read further
     * back (for past days) gives the same signals as one read within those windows.
     */
    public AccountSignals build(LocalDate asOf, AccountHistory history, long activityDays, long usageDays) {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        for (Signal signal : SIGNALS) {
            values.put(signal, null); // every key present: null is "no data", said once here
        }
        Map<SignalDetail, Double> details = new EnumMap<>(SignalDetail.class);
        Set<Signal> neverHappened = EnumSet.noneOf(Signal.class);
        values(asOf, history, new Values() {
            @Override
            public void put(Signal signal, double value) {
                values.put(signal, value);
            }

            @Override
            public void detail(SignalDetail detail, double value) {
                details.put(detail, value);
            }

            @Override
            public void neverHappened(Signal signal) {
                neverHappened.add(signal);
            }
        }, activityDays, usageDays);
        Account account = history.account();
        return new AccountSignals(account.crmId(), account.segment(), values, neverHappened, details,
                history.staleSources());
    }

    /**
     * Adds the account's signals as of the table's day to the table: the values {@link #build} computes, without
     * the record a row that a past day's table does not keep (11 past days of every account on a first run).
     */
    public void addTo(SignalTable table, AccountHistory history) {
        Account account = history.account();
        double[] row = new double[SIGNALS.length];
        java.util.Arrays.fill(row, Double.NaN);
        // straight into the row, without the maps, the boxed values and the details today's record keeps: a first run
        // adds 11 past days of every account, and the maps were a quarter of its scoring thread's time
        values(table.day(), history, new Values() {
            @Override
            public void put(Signal signal, double value) {
                if (!Double.isFinite(value)) {
                    AccountSignals.checked(account.crmId(), signal, value); // refused, naming the account, as in a record
                }
                row[signal.ordinal()] = value;
            }
        }, Long.MAX_VALUE, Long.MAX_VALUE);
        table.add(account.crmId(), account.segment(), row);
    }

    /**
     * Where one account's signals go as they are computed: a signal not put has no data. Today's record keeps the
     * drivers' details and the signals that never happened too; a past day's table row, the values alone.
     */
    private interface Values {
        void put(Signal signal, double value);

        default void detail(SignalDetail detail, double value) {
        }

        default void neverHappened(Signal signal) {
        }
    }

    /** Every signal's value that has data, with the drivers' details and the signals that never happened. */
    private void values(LocalDate asOf, AccountHistory history, Values values, long activityDays, long usageDays) {
        Account account = history.account();
        long today = asOf.toEpochDay();
        long sinceStart = daysSinceStart(today, account);
        long start = tenureStart(account);
        TouchHistory touches = new TouchHistory();
        SupportHistory support = new SupportHistory(start);
        BillingHistory billing = new BillingHistory();
        readActivities(today, activityDays, history.activities(), touches, support, billing);

        putDaysSince(values, Signal.DAYS_SINCE_LAST_TOUCH, touches.daysSinceLastTouch, sinceStart);
        values.put(Signal.TOUCHES_30D, touches.last30);
        values.put(Signal.TOUCHES_90D, touches.last90);
        values.put(Signal.TOUCH_TREND, touches.last30 - touches.previous30);
        putDaysSince(values, Signal.DAYS_SINCE_QBR, touches.daysSinceReview, sinceStart);
        values.put(Signal.OPEN_OPPORTUNITIES, countOpen(asOf, history.opportunities()));
        LocalDate renewal = renewalDate(account, history.subscriptions());
        if (renewal != null) {
            values.put(Signal.DAYS_TO_RENEWAL, renewal.toEpochDay() - today);
        }
        if (start != UNKNOWN) {
            values.put(Signal.TENURE_DAYS, Math.max(0, today - start));
        }

        putUsage(values, UsageHistory.of(today, usageDays, history.usage(), trackedFeatures),
                seats(account, history.subscriptions()));
        putSupport(values, support);
        if (billing.any || !history.subscriptions().isEmpty()) {
            values.put(Signal.PAYMENT_FAILURES_90D, billing.paymentFailures90);
            values.put(Signal.PLAN_CHANGE_90D, billing.planChange90);
        }
    }

    /** One pass: each activity dated on or before the as-of date goes to the history of its kind. */
    private static void readActivities(long today, long activityDays, List<Activity> activities, TouchHistory touches,
                                       SupportHistory support, BillingHistory billing) {
        for (Activity activity : activities) {
            ActivityType type = activity.type();
            if (type == null || activity.occurredAt() == null) {
                continue;
            }
            long day = epochDay(activity.occurredAt().getEpochSecond());
            long daysAgo = today - day;
            if (daysAgo < 0 || daysAgo > activityDays) { // after asOf, must not leak into the past; or before the window
                continue;
            }
            if (type.isHumanTouch()) {
                touches.add(type, daysAgo);
            } else if (SupportHistory.isSupport(type)) {
                support.add(type, daysAgo, day,
                        type == ActivityType.TICKET_SOLVED ? activity.measure("resolution_hours") : null);
            } else if (BillingHistory.isBilling(type)) {
                billing.add(type, daysAgo);
            }
        }
    }

    private void putUsage(Values values, UsageHistory usage, Integer seats) {
        if (!usage.reaches(0)) {
            return; // no usage row at all: no usage data
        }
        double rate30 = usage.meanActiveUsers(0, 30);
        if (seats != null) {
            values.put(Signal.ACTIVE_USERS_PER_SEAT, usage.meanActiveUsers(0, 7) / seats);
            values.put(Signal.ACTIVE_RATE_30D, rate30 / seats);
            if (usage.reaches(30)) {
                values.detail(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO, usage.meanActiveUsers(30, 7) / seats);
            }
        }
        // the seats cancel out of a relative change, so the trend needs none; nothing a quarter ago: no base
        if (usage.reaches(90)) {
            double quarterAgo = usage.meanActiveUsers(90, 30);
            if (quarterAgo > 0) {
                values.put(Signal.ACTIVE_RATE_TREND, (rate30 - quarterAgo) / quarterAgo);
            }
        }
        if (!trackedFeatures.isEmpty()) {
            int used = usage.featuresUsed30();
            values.put(Signal.FEATURE_BREADTH, (double) used / trackedFeatures.size());
            values.detail(SignalDetail.FEATURES_USED_30D, used);
            values.detail(SignalDetail.FEATURES_TRACKED, trackedFeatures.size());
        }
    }

    private static void putSupport(Values values, SupportHistory support) {
        if (!support.any) {
            return; // the support desk knows nothing of this account: no support data
        }
        values.put(Signal.TICKETS_30D, support.opened30);
        values.put(Signal.TICKET_TREND, support.opened30 - support.openedPrevious30);
        values.put(Signal.ESCALATIONS_30D, support.escalated30);
        Double resolutionHours = support.medianResolutionHours();
        if (resolutionHours != null) {
            values.put(Signal.RESOLUTION_HOURS, resolutionHours);
        }
        int ratings = support.csatRatings90();
        if (ratings > 0) {
            values.put(Signal.CSAT_BAD_SHARE_90D, (double) support.csatBad90 / ratings);
            values.detail(SignalDetail.CSAT_RATINGS_90D, ratings);
        }
        values.put(Signal.CANCELLATION_INTENT_90D, support.cancellationIntent90);
    }

    /** The CRM's seat count, else the seats of the active subscriptions together; null when neither knows. */
    static Integer seats(Account account, List<Subscription> subscriptions) {
        if (account.seatsLicensed() != null && account.seatsLicensed() > 0) {
            return account.seatsLicensed();
        }
        int seats = 0;
        for (Subscription subscription : subscriptions) {
            if (subscription.active() && subscription.seats() != null && subscription.seats() > 0) {
                seats += subscription.seats();
            }
        }
        return seats > 0 ? seats : null;
    }

    /** The CRM's renewal date, else the earliest end of an active subscription's paid period. */
    static LocalDate renewalDate(Account account, List<Subscription> subscriptions) {
        if (account.renewalDate() != null) {
            return account.renewalDate();
        }
        LocalDate earliest = null;
        for (Subscription subscription : subscriptions) {
            LocalDate end = subscription.currentPeriodEnd();
            if (subscription.active() && end != null && (earliest == null || end.isBefore(earliest))) {
                earliest = end;
            }
        }
        return earliest;
    }

    /** Never touched counts as untouched for the account's whole life, so it ranks at least as badly as any real gap. */
    private static void putDaysSince(Values values, Signal signal, long daysSinceEvent, long sinceStart) {
        if (daysSinceEvent != TouchHistory.NEVER) {
            values.put(signal, daysSinceEvent);
        } else if (sinceStart != UNKNOWN) {
            values.put(signal, sinceStart);
            values.neverHappened(signal);
        }
    }

    /**
     * A start (epoch day) or span of days not known: a long, not a boxed null, as 1.2 million are taken a first run
     * ({@link SupportHistory} takes an unknown start as this too).
     */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** From the earliest of creation and contract start: the longest life we know of; {@link #UNKNOWN} without either. */
    private static long daysSinceStart(long today, Account account) {
        long start = Long.MAX_VALUE;
        if (account.createdAt() != null) {
            start = epochDay(account.createdAt().getEpochSecond());
        }
        if (account.contractStart() != null) {
            start = Math.min(start, account.contractStart().toEpochDay());
        }
        return start == Long.MAX_VALUE ? UNKNOWN : Math.max(0, today - start);
    }

    /** Contract start first (when the customer began paying), else CRM creation, as an epoch day; or {@link #UNKNOWN}. */
    private static long tenureStart(Account account) {
        if (account.contractStart() != null) {
            return account.contractStart().toEpochDay();
        }
        return account.createdAt() == null ? UNKNOWN : epochDay(account.createdAt().getEpochSecond());
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

    /** Human-touch counts and recencies in days before the as-of date. */
    private static final class TouchHistory {
        static final long NEVER = Long.MAX_VALUE;

        long daysSinceLastTouch = NEVER;
        long daysSinceReview = NEVER;
        int last30;
        int previous30;
        int last90;

        void add(ActivityType type, long daysAgo) {
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
