package io.healthsync.scoring.expansion;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalDetail;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The signals of the rules expansion score, each read from one existing health {@link Signal} and scaled to
 * 0..1 of its weight. One health signal feeds at most one expansion signal, so nothing is counted twice
 * (active users per seat, the 7-day twin of the 30-day active rate, is not read at all).
 *
 * <p>How DOMAIN.md's expansion signals map onto what healthsync measures:
 * <ul>
 *   <li>depth of usage across modules (40%): {@link #MODULE_DEPTH}, feature breadth</li>
 *   <li>complementary feature co-usage (30%): not measurable (features used together needs per-feature usage,
 *       which the signals do not keep); its slot goes to {@link #SEAT_UTILISATION}, the other depth of usage:
 *       across the licensed seats rather than across modules, and the classic "running out of seats" sign</li>
 *   <li>seat growth over 10% a quarter (15%): {@link #USER_GROWTH}, active users against a quarter ago:
 *       licensed seats have no history (subscriptions are read as they are now)</li>
 *   <li>NPS/CSAT trend (10%): {@link #SATISFACTION}, the level of the last 90 days' ratings (no earlier window
 *       is kept to make a trend of; there is no NPS source)</li>
 *   <li>feature-request tickets (5%): not measured (tickets carry no type); left out, the others renormalised</li>
 *   <li>prior upsells (bonus): a net plan upgrade in the last 90 days, see {@link ExpansionScorecard}</li>
 * </ul>
 *
 * <p>Every scale is absolute, not a cohort percentile: readiness is a property of the account (it uses the
 * product broadly, its seats are full, it grows), and a percentile would call the top fifth of any company
 * ready even where nobody uses the product much. The thresholds are where a signal earns nothing and all.
 */
public enum ExpansionSignal {
    /** Share of the tracked features used in 30 days: linear, all of them earns the whole weight. */
    MODULE_DEPTH("module_depth", 40, Signal.FEATURE_BREADTH, 0.0, 1.0),
    /**
     * Daily active users per licensed seat over 30 days (weekends included): from none to 0.6, where most seats
     * are used on most working days and a team starts to share logins or ask for more.
     */
    SEAT_UTILISATION("seat_utilisation", 30, Signal.ACTIVE_RATE_30D, 0.0, 0.6),
    /** Change of daily active users against a quarter ago: nothing when flat or shrinking, all at DOMAIN's +10%. */
    USER_GROWTH("user_growth", 15, Signal.ACTIVE_RATE_TREND, 0.0, 0.10),
    /**
     * Share of good ratings in 90 days: nothing at half bad or worse, all when every rating is good; a happy
     * customer is a condition of an expansion conversation more than a reason for one, hence the small weight.
     */
    SATISFACTION("satisfaction", 10, Signal.CSAT_BAD_SHARE_90D, 0.5, 1.0);

    private final String key;
    private final double defaultWeight;
    private final Signal source;
    private final double zeroAt;
    private final double fullAt;

    ExpansionSignal(String key, double defaultWeight, Signal source, double zeroAt, double fullAt) {
        this.key = key;
        this.defaultWeight = defaultWeight;
        this.source = source;
        this.zeroAt = zeroAt;
        this.fullAt = fullAt;
    }

    /** The name in config and in {@code signals_json}. */
    public String key() {
        return key;
    }

    /** DOMAIN.md's weight in percent (the co-usage slot for seat utilisation). */
    public double defaultWeight() {
        return defaultWeight;
    }

    /** The health signal it is read from. */
    public Signal source() {
        return source;
    }

    public static Optional<ExpansionSignal> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The source signal's value, or null when the account has no data for it. */
    Double value(AccountSignals account) {
        return account.value(source);
    }

    /** How much of the weight a value earns, 0..1: a straight line from zeroAt to fullAt, flat beyond. */
    double fraction(double value) {
        double measured = this == SATISFACTION ? 1.0 - value : value; // the source counts bad ratings
        return Math.max(0.0, Math.min(1.0, (measured - zeroAt) / (fullAt - zeroAt)));
    }

    /** What a seller reads, e.g. "Uses 5 of 7 tracked features", "Active users +18% vs a quarter ago". */
    String describe(AccountSignals account, double value) {
        return switch (this) {
            case MODULE_DEPTH -> moduleDepth(value, account.detail(SignalDetail.FEATURES_USED_30D),
                    account.detail(SignalDetail.FEATURES_TRACKED));
            case SEAT_UTILISATION -> percent(value) + " of seats active daily (30-day average)";
            case USER_GROWTH -> growth(value);
            case SATISFACTION -> satisfaction(value, account.detail(SignalDetail.CSAT_RATINGS_90D));
        };
    }

    /** How a missing signal is named in a note: what a reader would look for. */
    String missingLabel() {
        return switch (this) {
            case MODULE_DEPTH -> "feature use";
            case SEAT_UTILISATION -> "active users per seat";
            case USER_GROWTH -> "active users a quarter ago";
            case SATISFACTION -> "CSAT ratings";
        };
    }

    private static String moduleDepth(double share, Double used, Double tracked) {
        if (used == null || tracked == null) {
            return "Uses " + percent(share) + " of tracked features";
        }
        return "Uses " + Math.round(used) + " of " + Math.round(tracked) + " tracked features";
    }

    private static String growth(double relative) {
        long percent = Math.round(relative * 100);
        String change = percent == 0 ? "steady" : (percent > 0 ? "+" : "") + percent + "%";
        return "Active users " + change + " vs a quarter ago";
    }

    private static String satisfaction(double badShare, Double ratings) {
        if (ratings == null) {
            return "CSAT " + percent(1.0 - badShare) + " good in 90 days";
        }
        long total = Math.round(ratings);
        long good = total - Math.round(badShare * total);
        return "CSAT: " + good + " of " + total + (total == 1 ? " rating" : " ratings") + " good in 90 days";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%d%%", Math.round(share * 100));
    }
}
