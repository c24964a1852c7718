package io.healthsync.scoring.features;

import io.healthsync.model.ActivityType;
import java.util.Arrays;

/**
 * The support desk's events of one account in days before the as-of date, gathered during the one pass
 * over its activities. Ticket volume does not count the tickets opened in the first
 * {@value #ONBOARDING_DAYS} days as a customer: many questions while implementing are normal, even healthy.
 */
final class SupportHistory {

    static final int ONBOARDING_DAYS = 90;

    /** The first day (epoch day) whose tickets count towards volume; Long.MIN_VALUE when the start is unknown. */
    private final long countsFrom;
    boolean any;
    int opened30;
    int openedPrevious30;
    int escalated30;
    int cancellationIntent90;
    int csatGood90;
    int csatBad90;
    /** Allocated at the first solved ticket: most accounts' past days have none (11 past days of every account). */
    private double[] resolutionHours = NO_HOURS;
    private static final double[] NO_HOURS = new double[0];
    private int solved;

    /** @param startEpochDay the account's start, or {@link SignalBuilder#UNKNOWN} when it is not known */
    SupportHistory(long startEpochDay) {
        this.countsFrom = startEpochDay == SignalBuilder.UNKNOWN ? Long.MIN_VALUE : startEpochDay + ONBOARDING_DAYS;
    }

    static boolean isSupport(ActivityType type) {
        return switch (type) {
            case TICKET_OPENED, TICKET_SOLVED, TICKET_REOPENED, TICKET_ESCALATED, CSAT_GOOD, CSAT_BAD,
                    CANCELLATION_INTENT -> true;
            default -> false;
        };
    }

    void add(ActivityType type, long daysAgo, long epochDay, Double resolutionHoursMeasure) {
        any = true;
        switch (type) {
            case TICKET_OPENED -> {
                if (epochDay >= countsFrom) {
                    if (daysAgo < 30) {
                        opened30++;
                    } else if (daysAgo < 60) {
                        openedPrevious30++;
                    }
                }
            }
            case TICKET_ESCALATED -> escalated30 += daysAgo < 30 ? 1 : 0;
            case CANCELLATION_INTENT -> cancellationIntent90 += daysAgo < 90 ? 1 : 0;
            case CSAT_GOOD -> csatGood90 += daysAgo < 90 ? 1 : 0;
            case CSAT_BAD -> csatBad90 += daysAgo < 90 ? 1 : 0;
            case TICKET_SOLVED -> {
                if (daysAgo < 90 && resolutionHoursMeasure != null && Double.isFinite(resolutionHoursMeasure)
                        && resolutionHoursMeasure >= 0) {
                    if (solved == resolutionHours.length) {
                        resolutionHours = Arrays.copyOf(resolutionHours, Math.max(8, solved * 2));
                    }
                    resolutionHours[solved++] = resolutionHoursMeasure;
                }
            }
            default -> { }
        }
    }

    /** The median resolution time of the tickets solved in 90 days (mean of the middle two when even); null if none. */
    Double medianResolutionHours() {
        if (solved == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(resolutionHours, solved);
        Arrays.sort(sorted);
        int middle = solved / 2;
        return solved % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    int csatRatings90() {
        return csatGood90 + csatBad90;
    }
}
