package io.healthsync.connectors.stripe;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe amounts are integers in the currency's minor unit: cents for USD, but yen for JPY (a
 * zero-decimal currency) and fils for KWD (three decimals). Canonical records carry major units.
 * Recurring prices bill every {@code interval_count} days, weeks, months or years; the annual amount is
 * the per-period amount times the periods in a year.
 */
final class StripeMoney {

    /** https://docs.stripe.com/currencies#zero-decimal */
    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
            "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");
    private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");
    private static final double DAYS_PER_MONTH = 365.25 / 12;

    private StripeMoney() {
    }

    /** Minor units to major units of {@code currency} (USD 5000 -> 50.00, JPY 5000 -> 5000). */
    static double major(BigDecimal minor, String currency) {
        int decimals = decimals(currency);
        return minor.movePointLeft(decimals).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    static double major(long minor, String currency) {
        return major(BigDecimal.valueOf(minor), currency);
    }

    /** Canonical records say currencies the ISO way; Stripe sends them in lower case. */
    static String isoCode(String stripeCurrency) {
        return stripeCurrency == null ? null : stripeCurrency.toUpperCase(Locale.ROOT);
    }

    private static int decimals(String currency) {
        String c = currency == null ? "" : currency.toLowerCase(Locale.ROOT);
        return ZERO_DECIMAL.contains(c) ? 0 : THREE_DECIMAL.contains(c) ? 3 : 2;
    }

    /**
     * How many billing periods of a price fit in a year: month x1 -> 12, month x3 -> 4, year -> 1,
     * week -> 52, day -> 365; null when the interval is none of Stripe's four.
     */
    static BigDecimal periodsPerYear(String interval, long intervalCount) {
        BigDecimal perYear = switch (interval == null ? "" : interval) {
            case "day" -> BigDecimal.valueOf(365);
            case "week" -> BigDecimal.valueOf(52);
            case "month" -> BigDecimal.valueOf(12);
            case "year" -> BigDecimal.ONE;
            default -> null;
        };
        return perYear == null ? null : perYear.divide(BigDecimal.valueOf(Math.max(1, intervalCount)), MathContext.DECIMAL64);
    }

    /**
     * Periods per year of an invoiced period that carries only its start and end (current API versions no
     * longer put the price's interval on invoice lines): the nearest whole number of months, else of weeks,
     * else of days. Null for an empty period.
     */
    static BigDecimal periodsPerYear(long startEpoch, long endEpoch) {
        double days = (endEpoch - startEpoch) / 86_400.0;
        if (days < 0.5) {
            return null;
        }
        long months = Math.round(days / DAYS_PER_MONTH);
        if (months >= 1) {
            return periodsPerYear("month", months);
        }
        long weeks = Math.round(days / 7);
        return weeks >= 1 ? periodsPerYear("week", weeks) : periodsPerYear("day", Math.round(days));
    }
}
