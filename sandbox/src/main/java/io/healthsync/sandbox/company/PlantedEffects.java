package io.healthsync.sandbox.company;

/**
 * The causal rules of the synthetic company, one method or constant each, so that package-info's
 * description, the generator and the tests that check them cannot drift apart. h is the account's hidden
 * health on the day (0..1); "rate" is weekday active users per seat in analytics units (see package-info).
 */
public final class PlantedEffects {

    // churn at a renewal: logistic in observable signals of the days before it
    public static final double CHURN_INTERCEPT = -2.0;
    public static final double CHURN_ACTIVE_RATE_CENTER = 0.45;
    public static final double CHURN_PER_ACTIVE_RATE = -5.0;
    public static final double CHURN_PER_USAGE_TREND = -2.5;
    public static final double CHURN_PER_BAD_CSAT = 0.5;
    public static final int CHURN_BAD_CSAT_CAP = 4;
    public static final double CHURN_PER_PAYMENT_FAILURE = 0.7;
    public static final int CHURN_PAYMENT_FAILURE_CAP = 3;
    public static final double CHURN_CANCELLATION_INTENT = 1.3;

    // contraction at a renewal that was not a churn
    public static final double CONTRACTION_BELOW_ACTIVE_RATE = 0.35;
    public static final double CONTRACTION_PROBABILITY = 0.5;

    // expansion: sustained high use of the licensed seats
    public static final double EXPANSION_ACTIVE_RATE = 0.66;
    public static final int EXPANSION_WINDOW_DAYS = 60;
    public static final int EXPANSION_MIN_DAYS_BETWEEN = 90;
    public static final double EXPANSION_DAILY_PROBABILITY = 0.04;

    /** The share of analytics events served without their account (group / account_id property). */
    public static final double EVENTS_WITHOUT_ACCOUNT = 0.005;

    private PlantedEffects() {
    }

    /**
     * P(churn at a renewal) = sigmoid(-2.0 - 5.0 (rate90 - 0.45) - 2.5 trend + 0.5 min(badCsat90, 4)
     * + 0.7 min(paymentFailures180, 3) + 1.3 [cancellation intent in 90 days]).
     */
    public static double churnProbability(double activeRate90, double usageTrend, int badCsat90,
                                          int paymentFailures180, boolean cancellationIntent90) {
        double logit = CHURN_INTERCEPT
                + CHURN_PER_ACTIVE_RATE * (activeRate90 - CHURN_ACTIVE_RATE_CENTER)
                + CHURN_PER_USAGE_TREND * usageTrend
                + CHURN_PER_BAD_CSAT * Math.min(badCsat90, CHURN_BAD_CSAT_CAP)
                + CHURN_PER_PAYMENT_FAILURE * Math.min(paymentFailures180, CHURN_PAYMENT_FAILURE_CAP)
                + (cancellationIntent90 ? CHURN_CANCELLATION_INTENT : 0);
        return 1 / (1 + Math.exp(-logit));
    }

    /** Expected weekday active users per seat: 0.08 + 0.7 h, within [0.02, 0.95]; a fifth of it on weekends. */
    public static double activeRate(double health, boolean weekend) {
        double rate = Math.max(0.02, Math.min(0.95, 0.08 + 0.7 * health));
        return weekend ? rate * 0.2 : rate;
    }

    /**
     * Yearly growth of the seats an account's people would use: 0.25 (h - 0.5). Usage per licensed seat is
     * the active rate x min(1, demand / licensed), so an expansion lowers it until demand grows again.
     */
    public static double demandGrowthPerYear(double health) {
        return 0.25 * (health - 0.5);
    }

    /** Extra sessions per active user beyond the first: 0.15 + 0.5 h. */
    public static double extraSessionsPerUser(double health) {
        return 0.15 + 0.5 * health;
    }

    /** Events of a used feature per session: its intensity x (0.6 + 0.8 h). */
    public static double featureEventsPerSession(Feature feature, double health) {
        double intensity = switch (feature) {
            case DASHBOARDS -> 0.5;
            case REPORTS -> 0.25;
            case INTEGRATIONS -> 0.1;
            case AUTOMATION -> 0.2;
            case COLLABORATION -> 0.2;
        };
        return intensity * (0.6 + 0.8 * health);
    }

    /** Tickets per month: the segment's base x (0.5 + 1.5 (1 - h)), doubled in the first 60 days of a contract. */
    public static double ticketsPerMonth(String segment, double health, boolean onboarding) {
        double base = switch (segment) {
            case "Enterprise" -> 2.0;
            case "Mid-Market" -> 0.8;
            default -> 0.3;
        };
        return base * (0.5 + 1.5 * (1 - health)) * (onboarding ? 2 : 1);
    }

    /** P(a ticket carries a cancellation-intent phrase) = 0.01 + 0.5 max(0, 0.45 - h). */
    public static double cancellationIntent(double health) {
        return 0.01 + 0.5 * Math.max(0, 0.45 - health);
    }

    /** P(a CSAT answer is bad) = 0.06 + 0.55 (1 - h)^2, +0.15 when resolution took over 3 days, +0.2 with intent. */
    public static double badCsat(double health, boolean slowResolution, boolean intent) {
        double p = 0.06 + 0.55 * (1 - health) * (1 - health) + (slowResolution ? 0.15 : 0) + (intent ? 0.2 : 0);
        return Math.min(0.95, p);
    }

    /** P(an invoice's first payment attempt fails) = 0.015 + 0.35 max(0, 0.5 - h). */
    public static double paymentFailure(double health) {
        return 0.015 + 0.35 * Math.max(0, 0.5 - health);
    }

    /** P(a failed invoice is paid on a retry) = 0.3 + 0.6 h. */
    public static double paymentRecovery(double health) {
        return 0.3 + 0.6 * health;
    }

    /** The text of package-info in short: what a model should recover, for the demo's output and the app. */
    public static String describe(int usersPerTrackedUser) {
        return String.join("\n",
                "Planted effects of the synthetic company (io.healthsync.sandbox.company):",
                "- churn at a renewal (contract anniversary): P = sigmoid(-2.0 - 5.0*(rate90 - 0.45) - 2.5*trend"
                        + " + 0.5*min(badCsat90,4) + 0.7*min(paymentFailures180,3) + 1.3*[cancellation intent in"
                        + " 90 days]); rate90 = weekday active users per seat (analytics users x "
                        + usersPerTrackedUser + " / seats) over the 90 days before; trend = (rate of the last 30"
                        + " days - rate of days 61-90) / max(that, 0.05), clipped to [-1, 1]",
                "- contraction at a renewal that did not churn: when rate90 < 0.35, with probability 0.5,"
                        + " quantity x 0.7-0.9",
                "- expansion: weekday active users per seat over the last 60 days > 0.66 (and 90 days since the"
                        + " last seat change): each weekday P = 0.04 that quantity grows 10-30%",
                "- usage: weekday active rate (0.08 + 0.7*h) x min(1, demand/seats), demand = seats at the start"
                        + " growing 0.25*(h - 0.5) a year; a fifth on weekends; features dashboards < reports"
                        + " < collaboration < integrations < automation are dropped as health falls",
                "- tickets: segment base (SMB 0.3, Mid-Market 0.8, Enterprise 2.0 a month) x (0.5 + 1.5*(1-h)),"
                        + " doubled in the first 60 days; cancellation intent P = 0.01 + 0.5*max(0, 0.45-h);"
                        + " bad CSAT P = 0.06 + 0.55*(1-h)^2 (+0.15 slow, +0.2 intent)",
                "- payments: first attempt fails with P = 0.015 + 0.35*max(0, 0.5-h); recovered with P = 0.3 + 0.6*h",
                "- health: most accounts stable; 70% of those below 0.45 today declined from 0.2-0.5 higher,"
                        + " starting at a random day; 20% of those above 0.6 improved",
                "- mess: ~3% Stripe customers and Zendesk organizations match no account; ~2% of Zendesk"
                        + " organizations have no external_id (domain only); ~0.5% of analytics events lack the"
                        + " account; one ticket has an unparseable created_at");
    }
}
