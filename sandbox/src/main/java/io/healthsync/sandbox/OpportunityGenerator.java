package io.healthsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * About two opportunities per account: the new-business deal, the last renewal, an open renewal when one is
 * near, and upsells for healthy accounts (won or open) or lost ones for weak accounts. Deals closed before
 * the migration carry the migration's timestamps.
 */
final class OpportunityGenerator {

    private final SObjectTable opportunities;
    private final OrgTimeline timeline;
    private final List<String> sellers;

    OpportunityGenerator(SObjectTable opportunities, OrgTimeline timeline, List<String> sellers) {
        this.opportunities = opportunities;
        this.timeline = timeline;
        this.sellers = sellers;
    }

    void addHistory(AccountProfile account, SplittableRandom random) {
        String seller = sellers.isEmpty() ? account.ownerId() : sellers.get(random.nextInt(sellers.size()));
        addClosed(account, account.name() + " - New Business", "New Business", "Closed Won",
                account.contractStart(), round(account.arr() * (0.7 + 0.3 * random.nextDouble())), seller, random);

        LocalDate lastRenewal = account.renewal().minusYears(1);
        if (lastRenewal.isAfter(account.contractStart()) && lastRenewal.isBefore(timeline.today)) {
            double change = account.health() < 0.3 ? 0.85 + 0.15 * random.nextDouble() : 1 + 0.08 * random.nextDouble();
            addClosed(account, account.name() + " - Renewal " + lastRenewal.getYear(), "Renewal", "Closed Won",
                    lastRenewal, round(account.arr() * change), account.ownerId(), random);
        }
        long daysToRenewal = ChronoUnit.DAYS.between(timeline.today, account.renewal());
        if (daysToRenewal <= 120) {
            String stage = daysToRenewal > 90 ? "Prospecting" : daysToRenewal > 45 ? "Needs Analysis"
                    : "Negotiation/Review";
            addOpen(account, account.name() + " - Renewal " + account.renewal().getYear(), "Renewal", stage,
                    account.renewal(), round(account.arr()), account.ownerId(), random);
        }
        addUpsell(account, seller, random);
    }

    private void addUpsell(AccountProfile account, String seller, SplittableRandom random) {
        String name = account.name() + " - Upsell (" + (10 + 5 * random.nextInt(40)) + " seats)";
        double amount = round(account.arr() * (0.1 + 0.3 * random.nextDouble()));
        LocalDate earliest = account.contractStart().plusDays(30);
        LocalDate closedOn = timeline.today.minusDays(10 + random.nextInt(290));
        if (account.health() > 0.6 && random.nextInt(100) < 35) {
            if (random.nextInt(10) < 6 && closedOn.isAfter(earliest)) {
                addClosed(account, name, "Upsell", "Closed Won", closedOn, amount, seller, random);
            } else {
                addOpen(account, name, "Upsell", random.nextBoolean() ? "Qualification" : "Value Proposition",
                        timeline.today.plusDays(10 + random.nextInt(80)), amount, seller, random);
            }
        } else if (account.health() < 0.3 && random.nextInt(100) < 12 && closedOn.isAfter(earliest)) {
            addClosed(account, name, "Upsell", "Closed Lost", closedOn, amount, seller, random);
        }
    }

    private void addClosed(AccountProfile account, String name, String type, String stage, LocalDate closeDate,
                           double amount, String owner, SplittableRandom random) {
        Instant closedAt = timeline.clamp(OrgTimeline.businessHours(random, OrgTimeline.atStartOf(closeDate)));
        Instant created = closedAt.minus(Duration.ofDays(30 + random.nextInt(90)));
        if (closedAt.isBefore(timeline.migration)) {
            created = timeline.migration;
            closedAt = timeline.migration;
        } else if (created.isBefore(timeline.migration)) {
            created = timeline.migration;
        }
        created = OrgTimeline.max(created, account.created());
        closedAt = OrgTimeline.max(closedAt, created);
        add(account, name, type, stage, closeDate, amount, owner, created, closedAt);
    }

    private void addOpen(AccountProfile account, String name, String type, String stage, LocalDate closeDate,
                         double amount, String owner, SplittableRandom random) {
        Instant created = OrgTimeline.max(account.created(),
                timeline.clamp(OrgTimeline.atStartOf(closeDate).minus(Duration.ofDays(120))));
        Instant modified = OrgTimeline.between(random, created, timeline.latest);
        add(account, name, type, stage, closeDate, amount, owner, created, modified);
    }

    private void add(AccountProfile account, String name, String type, String stage, LocalDate closeDate,
                     double amount, String owner, Instant created, Instant modified) {
        Object[] row = opportunities.newRow();
        row[0] = opportunities.nextId();
        opportunities.set(row, "IsDeleted", false);
        opportunities.set(row, "AccountId", account.id());
        opportunities.set(row, "Name", name.length() > 120 ? name.substring(0, 120) : name);
        opportunities.set(row, "StageName", stage);
        opportunities.set(row, "Type", type);
        opportunities.set(row, "Amount", amount);
        opportunities.set(row, "CloseDate", closeDate);
        opportunities.set(row, "OwnerId", owner);
        DerivedFields.opportunityFlags(opportunities, row);
        SandboxDataGenerator.stamp(opportunities, row, created, modified, modified);
        opportunities.put(row);
    }

    private static double round(double amount) {
        return Math.round(amount / 100) * 100.0;
    }
}
