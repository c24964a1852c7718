package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;

/** The sentence a CSM reads for one driver, e.g. "No human touch in 41 days (-8 pts)". */
final class DriverText {

    private DriverText() {
    }

    /** Half away from zero, so +0.5 and -0.5 both show (as +1 and -1) and rounding is symmetric. */
    static long roundPoints(double points) {
        return (long) Math.copySign(Math.round(Math.abs(points)), points);
    }

    static String describe(Signal signal, double value, boolean neverHappened, long points) {
        return phrase(signal, Math.round(value), neverHappened, points) + " (" + signedPoints(points) + ")";
    }

    private static String phrase(Signal signal, long n, boolean neverHappened, long points) {
        return switch (signal) {
            case DAYS_SINCE_LAST_TOUCH -> lastTouch(n, neverHappened, points);
            case TOUCHES_30D -> touches(n, 30);
            case TOUCHES_90D -> touches(n, 90);
            case TOUCH_TREND -> touchTrend(n);
            case DAYS_SINCE_QBR -> lastReview(n, neverHappened);
            case OPEN_OPPORTUNITIES -> n == 0 ? "No open opportunities" : n + (n == 1 ? " open opportunity" : " open opportunities");
            case DAYS_TO_RENEWAL -> renewal(n);
            case TENURE_DAYS -> tenure(n);
        };
    }

    private static String lastTouch(long days, boolean neverHappened, long points) {
        if (neverHappened) {
            return "No human touch on record";
        }
        if (days == 0) {
            return "Human touch today";
        }
        // a long silence that hurts reads best as what is missing
        return points < 0 && days > 1 ? "No human touch in " + days(days) : "Last human touch " + days(days) + " ago";
    }

    private static String touches(long n, int windowDays) {
        String count = n == 0 ? "No human touch" : n == 1 ? "1 human touch" : n + " human touches";
        return count + " in the last " + windowDays + " days";
    }

    /** Without the counts (an account scored without touches_30d): the change alone, as a count of touches. */
    private static String touchTrend(long change) {
        if (change == 0) {
            return "Touches: as many as the 30 days before";
        }
        return "Touches: " + Math.abs(change) + (change > 0 ? " more" : " fewer") + " than the 30 days before";
    }

    /**
     * The trend as the two counts it compares, e.g. "Touches: 2 in 30 days vs 3 the 30 before (-4 pts)": a
     * reader sees that 2 against 3 is one meeting, where "down 1" sounded like a decline. Short enough
     * to stay under 60 characters even for absurd counts.
     */
    static String describeTrend(long last30, long previous30, long points) {
        return "Touches: " + last30 + " in 30 days vs " + previous30 + " the 30 before (" + signedPoints(points) + ")";
    }

    private static String lastReview(long days, boolean neverHappened) {
        if (neverHappened) {
            return "No business review on record";
        }
        return days == 0 ? "Business review today" : "Last business review " + days(days) + " ago";
    }

    private static String renewal(long days) {
        if (days == 0) {
            return "Renewal due today";
        }
        return days > 0 ? "Renewal in " + days(days) : "Renewal overdue by " + days(-days);
    }

    private static String tenure(long days) {
        if (days == 0) {
            return "New customer";
        }
        if (days < 60) {
            return "Customer for " + days(days);
        }
        return days < 730 ? "Customer for " + days / 30 + " months" : "Customer for " + days / 365 + " years";
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    private static String signedPoints(long points) {
        long size = Math.abs(points);
        return (points > 0 ? "+" : "-") + size + (size == 1 ? " pt" : " pts");
    }
}
