package io.healthsync.scoring.attribution;

import java.util.Locale;
import java.util.Set;

/** How the report writes numbers in words: percentages, money and ratios. */
final class Format {

    private Format() {
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    static String money(double amount) {
        double abs = Math.abs(amount);
        String sign = amount < 0 ? "-" : "";
        if (abs >= 1_000_000) {
            return String.format(Locale.ROOT, "%s$%.1fM", sign, abs / 1_000_000);
        }
        if (abs >= 10_000) {
            return String.format(Locale.ROOT, "%s$%.0fk", sign, abs / 1_000);
        }
        return String.format(Locale.ROOT, "%s$%,.0f", sign, abs);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.1fx", value);
    }

    /** "qbr" -> "QBR", "executive_meeting" -> "executive meeting". */
    static String type(String type) {
        String words = type.replace('_', ' ');
        // acronyms read as such ("QBR", "NPS"), not as words ("qbr")
        return ACRONYMS.contains(words) ? words.toUpperCase(Locale.ROOT) : words;
    }

    private static final Set<String> ACRONYMS = Set.of("qbr", "ebr", "nps", "csat", "poc", "sla");
}
