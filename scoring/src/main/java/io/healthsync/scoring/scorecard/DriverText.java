package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalDetail;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sentence a CSM reads for one driver, e.g. "No human touch in 41 days (-8 pts)". */
final class DriverText {

    private DriverText() {
    }

    /** Half away from zero, so +0.5 and -0.5 both show (as +1 and -1) and rounding is symmetric. */
    static long roundPoints(double points) {
        return (long) Math.copySign(Math.round(Math.abs(points)), points);
    }

    static String describe(Signal signal, double value, boolean neverHappened, long points) {
        return describe(signal, value, neverHappened, Map.of(), points);
    }

    /** With the numbers the driver quotes beside the value (the value of 30 days ago, the number of ratings, ...). */
    static String describe(Signal signal, double value, boolean neverHappened, Map<SignalDetail, Double> details,
                           long points) {
        return withPoints(phrase(signal, value, neverHappened, details, points), points);
    }

    static String withPoints(String phrase, long points) {
        return phrase + " (" + signedPoints(points) + ")";
    }

    private static String phrase(Signal signal, double value, boolean neverHappened, Map<SignalDetail, Double> details,
                                 long points) {
        long n = Math.round(value);
        return switch (signal) {
            case DAYS_SINCE_LAST_TOUCH -> lastTouch(n, neverHappened, points);
            case TOUCHES_30D -> touches(n, 30);
            case TOUCHES_90D -> touches(n, 90);
            case TOUCH_TREND -> touchTrend(n);
            case DAYS_SINCE_QBR -> lastReview(n, neverHappened);
            case OPEN_OPPORTUNITIES -> n == 0 ? "No open opportunities" : n + (n == 1 ? " open opportunity" : " open opportunities");
            case DAYS_TO_RENEWAL -> renewal(n);
            case TENURE_DAYS -> tenure(n);
            case ACTIVE_USERS_PER_SEAT -> activeUsersPerSeat(value, details.get(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO));
            case ACTIVE_RATE_30D -> "30-day active rate " + percent(value) + " of seats";
            case ACTIVE_RATE_TREND -> "Active rate " + change(value) + " vs a quarter ago";
            case FEATURE_BREADTH -> featureBreadth(value, details.get(SignalDetail.FEATURES_USED_30D),
                    details.get(SignalDetail.FEATURES_TRACKED));
            case TICKETS_30D -> count(n, "No tickets", "ticket", "tickets") + " opened in 30 days";
            case TICKET_TREND -> "Tickets: " + moreOrFewer(n);
            case ESCALATIONS_30D -> count(n, "No tickets", "ticket", "tickets") + " escalated in 30 days";
            case RESOLUTION_HOURS -> "Median ticket resolution " + duration(value) + " (90 days)";
            case CSAT_BAD_SHARE_90D -> csat(value, details.get(SignalDetail.CSAT_RATINGS_90D));
            case CANCELLATION_INTENT_90D -> n == 0 ? "No cancellation intent in 90 days"
                    : "Cancellation intent in " + count(n, "no tickets", "ticket", "tickets") + " in 90 days";
            case PAYMENT_FAILURES_90D -> paymentFailures(n);
            case PLAN_CHANGE_90D -> planChange(n);
        };
    }

    /**
     * The trend as the two counts it compares, e.g. "Tickets: 5 in 30 days vs 2 the 30 before (-4 pts)", as
     * {@link #describeTrend} tells the touch trend.
     */
    static String describeTicketTrend(long last30, long previous30, long points) {
        return "Tickets: " + last30 + " in 30 days vs " + previous30 + " the 30 before (" + signedPoints(points) + ")";
    }

    /**
     * A note beside the drivers: the data of a source is not current, e.g. "Support data stale (last complete
     * pull 2026-11-30)". Source names healthsync knows are told as the data they bring.
     */
    static String stale(String source, String why) {
        String data = switch (source) {
            case "zendesk" -> "Support";
            case "stripe" -> "Billing";
            case "amplitude", "mixpanel" -> "Usage";
            case "salesforce" -> "CRM";
            default -> source;
        };
        return why == null || why.isBlank() ? data + " data stale" : data + " data stale (" + why.strip() + ")";
    }

    /** A note beside the drivers: what the score was computed without, e.g. "No data, not scored: billing, renewal date". */
    static String missing(List<String> labels) {
        return "No data, not scored: " + String.join(", ", labels);
    }

    /** Signals no account of the company has: left out of every score, their weight spread over the rest. */
    static String leftOut(List<String> labels) {
        return "Not in this company's data, weighted out: " + String.join(", ", labels);
    }

    /** A signal without data that moved a score anyway (a model learns what missing data means): "No data on renewal date (-3 pts)". */
    static String noData(Signal signal, long points) {
        return withPoints("No data on " + missingLabel(signal), points);
    }

    /** How a missing signal is named in {@link #missing}: what the CSM would look for. */
    static String missingLabel(Signal signal) {
        return switch (signal) {
            case DAYS_SINCE_LAST_TOUCH, TOUCHES_30D, TOUCHES_90D, TOUCH_TREND -> "human touches";
            case DAYS_SINCE_QBR -> "business reviews";
            case OPEN_OPPORTUNITIES -> "opportunities";
            case DAYS_TO_RENEWAL -> "renewal date";
            case TENURE_DAYS -> "customer since";
            case ACTIVE_USERS_PER_SEAT, ACTIVE_RATE_30D -> "active users per seat";
            case ACTIVE_RATE_TREND -> "active rate a quarter ago";
            case FEATURE_BREADTH -> "feature use";
            case TICKETS_30D, TICKET_TREND -> "ticket volume";
            case ESCALATIONS_30D -> "escalations";
            case RESOLUTION_HOURS -> "resolution time";
            case CSAT_BAD_SHARE_90D -> "CSAT ratings";
            case CANCELLATION_INTENT_90D -> "cancellation intent";
            case PAYMENT_FAILURES_90D -> "payments";
            case PLAN_CHANGE_90D -> "plan changes";
        };
    }

    /** "Active users per seat 0.21, down 40% in 30 days": the level a CSM can check, and where it is heading. */
    private static String activeUsersPerSeat(double perSeat, Double thirtyDaysAgo) {
        String level = "Active users per seat " + decimal(perSeat);
        if (thirtyDaysAgo == null) {
            return level;
        }
        if (thirtyDaysAgo == 0) {
            return perSeat == 0 ? level + ", none 30 days ago either" : level + ", up from 0 in 30 days";
        }
        return level + ", " + change((perSeat - thirtyDaysAgo) / thirtyDaysAgo) + " in 30 days";
    }

    private static String featureBreadth(double share, Double used, Double tracked) {
        if (used == null || tracked == null) {
            return "Used " + percent(share) + " of tracked features in 30 days";
        }
        long u = Math.round(used);
        return u == 0 ? "No tracked feature used in 30 days"
                : "Used " + u + " of " + Math.round(tracked) + " tracked features in 30 days";
    }

    /** "CSAT: 2 of 5 ratings bad in 90 days": the counts say more than 40% when there were five ratings. */
    private static String csat(double badShare, Double ratings) {
        if (ratings == null) {
            return "CSAT: " + percent(badShare) + " of ratings bad in 90 days";
        }
        long total = Math.round(ratings);
        return "CSAT: " + Math.round(badShare * total) + " of " + total + (total == 1 ? " rating" : " ratings")
                + " bad in 90 days";
    }

    private static String paymentFailures(long n) {
        if (n == 0) {
            return "No failed payments in 90 days";
        }
        return "Payment failed " + (n == 1 ? "once" : n == 2 ? "twice" : n + " times") + " in 90 days";
    }

    private static String planChange(long net) {
        if (net == 0) {
            return "No net plan change in 90 days";
        }
        long size = Math.abs(net);
        return "Plan " + (net > 0 ? "upgraded" : "downgraded") + (size == 1 ? "" : " " + size + " times (net)") + " in 90 days";
    }

    /** A relative change as "up 12%", "down 40%" or "steady" (under half a percent either way). */
    private static String change(double relative) {
        long percent = Math.round(relative * 100);
        if (percent == 0) {
            return "steady";
        }
        return (percent > 0 ? "up " : "down ") + percent(Math.abs(relative));
    }

    /** A share as a whole percentage; beyond 999% only "over 999%", which no real share reaches. */
    private static String percent(double share) {
        long percent = Math.round(share * 100);
        return Math.abs(percent) > 999 ? "over 999%" : percent + "%";
    }

    /** Two decimals below 10 (0.21 users per seat), fewer above, so extremes stay short. */
    private static String decimal(double value) {
        double size = Math.abs(value);
        return String.format(Locale.ROOT, size < 10 ? "%.2f" : size < 100 ? "%.1f" : "%.0f", value);
    }

    /** Hours up to two days, then days: "under an hour", "18 hours", "4 days". */
    private static String duration(double hours) {
        long h = Math.round(hours);
        if (h < 1) {
            return "under an hour";
        }
        if (h < 48) {
            return h == 1 ? "1 hour" : h + " hours";
        }
        return days(Math.round(hours / 24));
    }

    private static String count(long n, String none, String one, String many) {
        return n == 0 ? none : n == 1 ? "1 " + one : n + " " + many;
    }

    private static String moreOrFewer(long change) {
        if (change == 0) {
            return "as many as the 30 days before";
        }
        return Math.abs(change) + (change > 0 ? " more" : " fewer") + " than the 30 days before";
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
        return "Touches: " + moreOrFewer(change);
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
