package io.healthsync.sandbox.company;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the synthetic company from the CRM's accounts, the seed and today: one {@link AccountSimulation} per
 * account (each from its own random stream, so an account's history does not depend on the others), a few
 * strays the CRM does not know, then company-wide numbering (Zendesk ticket and rating ids in order of
 * creation) and the one malformed ticket.
 */
public final class CompanyGenerator {

    /** Strays per CRM account: about 3% of Stripe customers and Zendesk organizations match no account. */
    static final double STRAY_SHARE = 0.03;
    /** Share of CRM accounts whose Zendesk organization has no external_id (matches by domain only). */
    static final double DOMAIN_ONLY_SHARE = 0.02;

    private static final String[] STRAY_NAMES = {"Quartz Cafe", "Lantern Yoga Studio", "Pebble Print Shop",
            "Mosaic Tutoring", "Driftwood Rentals", "Saffron Catering", "Kite Robotics Club", "Fern Dental",
            "Otter Bike Repair", "Nimbus Travel Desk", "Clover Accounting", "Harbor Light Realty"};

    private final long seed;
    private final double usersPerTrackedUser;

    public CompanyGenerator(long seed, double usersPerTrackedUser) {
        if (usersPerTrackedUser < 1) {
            throw new IllegalArgumentException("usersPerTrackedUser must be at least 1, got " + usersPerTrackedUser);
        }
        this.seed = seed;
        this.usersPerTrackedUser = usersPerTrackedUser;
    }

    public SyntheticCompany generate(List<CompanyAccount> crmAccounts, LocalDate today) {
        HistoryWindow window = new HistoryWindow(today);
        List<AccountHistory> histories = new ArrayList<>(crmAccounts.size());
        for (CompanyAccount account : crmAccounts) {
            SplittableRandom random = new SplittableRandom(mix(seed, account.key()));
            boolean externalId = random.nextDouble() >= DOMAIN_ONLY_SHARE;
            histories.add(new AccountSimulation(account, window, random, usersPerTrackedUser, seed).run(externalId));
        }
        for (CompanyAccount stray : strays(crmAccounts.size(), today)) {
            SplittableRandom random = new SplittableRandom(mix(seed, stray.key()));
            histories.add(new AccountSimulation(stray, window, random, usersPerTrackedUser).run(false));
        }
        return new SyntheticCompany(window, seed, usersPerTrackedUser, numbered(histories));
    }

    private List<CompanyAccount> strays(int accounts, LocalDate today) {
        int count = (int) Math.round(accounts * STRAY_SHARE);
        if (count == 0 && accounts >= 10) {
            count = 1;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, "strays"));
        List<CompanyAccount> strays = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = STRAY_NAMES[(i - 1) % STRAY_NAMES.length] + (i > STRAY_NAMES.length ? " " + i : "");
            String domain = name.toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example.net";
            int seats = 5 + random.nextInt(40);
            LocalDate start = today.minusDays(30 + random.nextInt(900));
            LocalDate renewal = start.plusYears(1);
            while (renewal.isBefore(today.minusDays(30))) {
                renewal = renewal.plusYears(1);
            }
            strays.add(new CompanyAccount("stray-" + i, null, name, domain, "SMB", seats, seats * 300.0, start,
                    renewal, Math.pow(random.nextDouble(), 0.7)));
        }
        return strays;
    }

    /**
     * Ticket ids 1, 2, ... in order of creation across the company, rating ids likewise; the ticket in the
     * middle of the numbering is the malformed one.
     */
    private static List<AccountHistory> numbered(List<AccountHistory> histories) {
        List<Ticket> all = new ArrayList<>();
        histories.forEach(history -> all.addAll(history.tickets()));
        all.sort(Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::accountKey)
                .thenComparing(Ticket::subject));
        java.util.Map<Ticket, Ticket> renumbered = new java.util.IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            renumbered.put(all.get(i), all.get(i).withId(i + 1));
        }
        List<Ticket> rated = new ArrayList<>();
        for (Ticket ticket : renumbered.values()) {
            if (ticket.rating() != null) {
                rated.add(ticket);
            }
        }
        rated.sort(Comparator.comparing((Ticket t) -> t.rating().createdAt()).thenComparingLong(Ticket::id));
        java.util.Map<Long, Ticket> byId = new java.util.HashMap<>();
        renumbered.values().forEach(ticket -> byId.put(ticket.id(), ticket));
        for (int i = 0; i < rated.size(); i++) {
            byId.put(rated.get(i).id(), rated.get(i).withRatingId(10_000_000_001L + i));
        }
        long malformed = all.isEmpty() ? -1 : (all.size() + 1) / 2;
        if (malformed > 0) {
            byId.put(malformed, byId.get(malformed).asMalformed());
        }
        List<AccountHistory> result = new ArrayList<>(histories.size());
        for (AccountHistory history : histories) {
            List<Ticket> tickets = new ArrayList<>(history.tickets().size());
            for (Ticket ticket : history.tickets()) {
                tickets.add(byId.get(renumbered.get(ticket).id()));
            }
            tickets.sort(Comparator.comparingLong(Ticket::id));
            result.add(new AccountHistory(history.account(), history.usage(), List.copyOf(tickets), history.billing(),
                    history.renewals(), history.requesters(), history.zendeskExternalId(), history.churnedAt(),
                    history.since()));
        }
        return result;
    }

    /** A 64-bit mix of the seed and a key (SplitMix64's finaliser over both). */
    static long mix(long seed, String key) {
        long z = seed * 0x9E3779B97F4A7C15L + key.hashCode() * 0xC2B2AE3D27D4EB4FL + key.length();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
