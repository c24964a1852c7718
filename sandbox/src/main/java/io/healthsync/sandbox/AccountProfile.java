package io.healthsync.sandbox;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the generator knows about an account while making its history, including its hidden health (0..1):
 * healthy accounts get more and more recent touches, renew higher and buy more; the app never sees it.
 */
record AccountProfile(String id, String name, String ownerId, Instant created, String segment, double arr,
                      LocalDate contractStart, LocalDate renewal, double health) {

    /** How much more (or less) activity the segment's accounts get than average. */
    double segmentActivity() {
        return switch (segment) {
            case "Enterprise" -> 1.6;
            case "Mid-Market" -> 1.1;
            default -> 0.75;
        };
    }
}
