package io.healthsync.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The health signals healthsync can compute, named as in scorecard.yaml. Each knows which
 * direction is healthy, so weights in config are always positive, and which family of data it comes
 * from, so a score can say "no billing data" instead of listing every billing signal.
 *
 * <p>New signals are appended: the order breaks driver ties and orders a score's signal list, so the
 * scores of the first eight must not move when a signal is added.
 */
public enum Signal {
    DAYS_SINCE_LAST_TOUCH("days_since_last_touch", false, Family.CRM, "days since the last human touch"),
    TOUCHES_30D("touches_30d", true, Family.CRM, "human touches in the last 30 days"),
    TOUCHES_90D("touches_90d", true, Family.CRM, "human touches in the last 90 days"),
    TOUCH_TREND("touch_trend", true, Family.CRM, "touches in the last 30 days minus the 30 days before"),
    DAYS_SINCE_QBR("days_since_qbr", false, Family.CRM, "days since the last business review"),
    OPEN_OPPORTUNITIES("open_opportunities", true, Family.CRM, "open opportunities"),
    DAYS_TO_RENEWAL("days_to_renewal", true, Family.CRM,
            "days until renewal (the CRM's renewal date, else the end of the active subscription's period)"),
    TENURE_DAYS("tenure_days", true, Family.CRM, "days as a customer"),

    ACTIVE_USERS_PER_SEAT("active_users_per_seat", true, Family.USAGE,
            "daily active users, averaged over the last 7 days, per licensed seat"),
    ACTIVE_RATE_30D("active_rate_30d", true, Family.USAGE,
            "daily active users, averaged over the last 30 days, per licensed seat"),
    ACTIVE_RATE_TREND("active_rate_trend", true, Family.USAGE,
            "change of the 30-day active rate against the same 30 days a quarter earlier (0.25 = up 25%)"),
    FEATURE_BREADTH("feature_breadth", true, Family.USAGE,
            "share of the tracked features used at all in the last 30 days"),

    TICKETS_30D("tickets_30d", false, Family.SUPPORT,
            "support tickets opened in the last 30 days (those of the first 90 days as a customer not counted)"),
    TICKET_TREND("ticket_trend", false, Family.SUPPORT, "tickets opened in the last 30 days minus the 30 days before"),
    ESCALATIONS_30D("escalations_30d", false, Family.SUPPORT, "tickets escalated in the last 30 days"),
    RESOLUTION_HOURS("resolution_hours", false, Family.SUPPORT,
            "median hours to resolve the tickets solved in the last 90 days"),
    CSAT_BAD_SHARE_90D("csat_bad_share_90d", false, Family.SUPPORT,
            "share of satisfaction ratings in the last 90 days that were bad"),
    CANCELLATION_INTENT_90D("cancellation_intent_90d", false, Family.SUPPORT,
            "tickets in the last 90 days that spoke of cancelling"),

    PAYMENT_FAILURES_90D("payment_failures_90d", false, Family.BILLING, "failed payments in the last 90 days"),
    PLAN_CHANGE_90D("plan_change_90d", true, Family.BILLING,
            "upgrades minus downgrades of the subscription in the last 90 days");

    /** Where a signal's data comes from: the CRM, product analytics, the support desk or billing. */
    public enum Family {
        CRM, USAGE, SUPPORT, BILLING;

        /** As a CSM says it: "usage", "support", "billing", "CRM". */
        public String label() {
            return this == CRM ? "CRM" : name().toLowerCase(Locale.ROOT);
        }
    }

    private final String key;
    private final boolean higherIsBetter;
    private final Family family;
    private final String description;

    Signal(String key, boolean higherIsBetter, Family family, String description) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.family = family;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public Family family() {
        return family;
    }

    public String description() {
        return description;
    }

    public static Optional<Signal> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The signals of one family, in signal order. */
    public static List<Signal> ofFamily(Family family) {
        return Arrays.stream(values()).filter(s -> s.family == family).toList();
    }
}
