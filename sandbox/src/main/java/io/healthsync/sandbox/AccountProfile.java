package io.healthsync.sandbox;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the generator knows about an account while making its history, including its hidden health (0..1):
 * healthy accounts get more and more recent touches, renew higher and buy more; the app never sees it.
 * Public so that the other stand-in APIs (Zendesk, Stripe, analytics) derive from the same accounts
 * ({@link SalesforceSandbox#accountProfiles()}); as generated, before any drift or write.
 *
 * @param website the Account's Website (www.NAME.example)
 * @param seats   the Account's Seats_Licensed__c
 */
public record AccountProfile(String id, String name, String ownerId, Instant created, String segment, double arr,
                             LocalDate contractStart, LocalDate renewal, double health, String website, int seats) {

    /** How much more (or less) activity the segment's accounts get than average. */
    double segmentActivity() {
        return switch (segment) {
            case "Enterprise" -> 1.6;
            case "Mid-Market" -> 1.1;
            default -> 0.75;
        };
    }
}
