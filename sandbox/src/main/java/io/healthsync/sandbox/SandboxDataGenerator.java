package io.healthsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the synthetic company deterministically from (seed, account count, day): users, customer
 * accounts with their segment, contract and hidden health, and their activity and opportunity history.
 */
final class SandboxDataGenerator {

    /** Bump when generation changes: a saved org made by another version is then regenerated, not patched. */
    static final int VERSION = 3; // 2: Churn_Risk__c and Expansion_Propensity__c; 3: planted touchpoints

    private final SandboxSchema schema;

    SandboxDataGenerator(SandboxSchema schema) {
        this.schema = schema;
    }

    SandboxOrg generate(long seed, int accountCount, LocalDate today) {
        SplittableRandom random = new SplittableRandom(seed);
        OrgTimeline timeline = new OrgTimeline(today, random.split());
        CompanyNames names = new CompanyNames(random.split());
        long serialBase = 1_000 + Math.floorMod(seed * 2_654_435_761L, 40_000_000L);

        // the integration user is the first user made, so its Id is known before the org exists
        SandboxOrg org = new SandboxOrg(schema, seed, accountCount, today, SalesforceIds.of("005", serialBase));
        org.tables().forEach(table -> table.startSerialsAt(serialBase));
        SObjectTable users = org.table(SandboxSchema.USER);
        addUser(users, timeline, new String[] {"Integration", "User"}, "Integration User", true,
                "AutomatedProcess", timeline.usersCreated, random);

        List<String> userIds = new ArrayList<>();
        List<String> csms = new ArrayList<>();
        List<String> sellers = new ArrayList<>();
        int userCount = Math.max(5, accountCount / 80);
        SplittableRandom userRandom = random.split();
        for (int i = 0; i < userCount; i++) {
            String title = i % 8 == 0 ? "CS Manager" : i % 4 == 1 ? "Account Executive" : "CSM";
            // one CSM has left the company but still owns accounts: a real org's loose end
            boolean active = !(i == 6 && userCount >= 8);
            Instant created = userRandom.nextInt(10) < 7 ? timeline.usersCreated
                    : OrgTimeline.between(userRandom, timeline.migration, timeline.latest.minus(Duration.ofDays(60)));
            String id = addUser(users, timeline, names.nextPerson(), title, active, "Standard", created, userRandom);
            userIds.add(id);
            (title.equals("Account Executive") ? sellers : csms).add(id);
        }

        ActivityHistoryGenerator activities = new ActivityHistoryGenerator(org, timeline, userIds);
        OpportunityGenerator opportunities = new OpportunityGenerator(org.table(SandboxSchema.OPPORTUNITY),
                timeline, sellers);
        SplittableRandom accountRandom = random.split();
        SplittableRandom historyRandom = random.split();
        for (int i = 0; i < accountCount; i++) {
            AccountProfile account = addAccount(org.table(SandboxSchema.ACCOUNT), timeline, names, csms,
                    accountRandom);
            org.addProfile(account);
            activities.addHistory(account, historyRandom);
            opportunities.addHistory(account, historyRandom);
        }
        // after every other record, from each account's own stream, so no other record's draws or ids move
        for (AccountProfile account : org.profiles()) {
            activities.addPlantedTouchpoints(account, seed,
                    new SplittableRandom(seed ^ (account.id().hashCode() * 0x9E3779B97F4A7C15L)));
        }
        return org;
    }

    private static String addUser(SObjectTable users, OrgTimeline timeline, String[] person, String title,
                                  boolean active, String userType, Instant created, SplittableRandom random) {
        Object[] row = users.newRow();
        String id = users.nextId();
        String login = (person[0] + "." + person[1]).toLowerCase() + "@healthsync-demo.example";
        row[0] = id;
        users.set(row, "Username", login);
        users.set(row, "Name", person[0] + " " + person[1]);
        users.set(row, "FirstName", person[0]);
        users.set(row, "LastName", person[1]);
        users.set(row, "Email", login);
        users.set(row, "Title", title);
        users.set(row, "IsActive", active);
        users.set(row, "UserType", userType);
        Instant modified = random.nextInt(3) == 0 || !active
                ? OrgTimeline.between(random, created, timeline.latest) : created;
        stamp(users, row, created, modified, modified);
        users.put(row);
        return id;
    }

    private static AccountProfile addAccount(SObjectTable accounts, OrgTimeline timeline, CompanyNames names,
                                             List<String> csms, SplittableRandom random) {
        boolean migrated = random.nextInt(10) < 7;
        Instant created = migrated ? timeline.migration : OrgTimeline.between(random,
                timeline.migration.plus(Duration.ofDays(1)), timeline.latest.minus(Duration.ofDays(20)));
        double segmentDraw = random.nextDouble();
        String segment = segmentDraw < 0.15 ? "Enterprise" : segmentDraw < 0.50 ? "Mid-Market" : "SMB";
        double arr = switch (segment) {
            case "Enterprise" -> 120_000 + 780_000 * Math.pow(random.nextDouble(), 2);
            case "Mid-Market" -> 25_000 + 125_000 * random.nextDouble();
            default -> 3_000 + 22_000 * random.nextDouble();
        };
        arr = Math.round(arr / 100) * 100.0;
        double pricePerSeat = switch (segment) {
            case "Enterprise" -> 600;
            case "Mid-Market" -> 450;
            default -> 300;
        };
        int employees = switch (segment) {
            case "Enterprise" -> 2_000 + random.nextInt(58_000);
            case "Mid-Market" -> 200 + random.nextInt(1_800);
            default -> 10 + random.nextInt(190);
        };
        LocalDate createdDay = OrgTimeline.dateOf(created);
        LocalDate contractStart = migrated ? createdDay.minusDays(random.nextInt(4 * 365))
                : createdDay.plusDays(random.nextInt(15));
        if (contractStart.isAfter(timeline.today.minusDays(1))) {
            contractStart = timeline.today.minusDays(1);
        }
        LocalDate renewal = contractStart.plusYears(1);
        for (int years = 2; renewal.isBefore(timeline.today.minusDays(30)); years++) {
            renewal = contractStart.plusYears(years);
        }
        // skewed towards healthy, as most customer bases are
        double health = Math.pow(random.nextDouble(), 0.7);
        String owner = csms.get(random.nextInt(csms.size()));
        String[] company = names.nextCompany();

        Object[] row = accounts.newRow();
        String id = accounts.nextId();
        row[0] = id;
        accounts.set(row, "IsDeleted", false);
        accounts.set(row, "Name", company[0]);
        accounts.set(row, "Type", "Customer");
        accounts.set(row, "Industry", company[1]);
        accounts.set(row, "NumberOfEmployees", employees);
        String website = CompanyNames.websiteOf(company[0]);
        int seats = (int) Math.max(5, Math.round(arr / pricePerSeat));
        accounts.set(row, "Website", website);
        accounts.set(row, "OwnerId", owner);
        accounts.set(row, "Customer_Segment__c", segment);
        accounts.set(row, "ARR__c", arr);
        accounts.set(row, "Seats_Licensed__c", (double) seats);
        accounts.set(row, "Contract_Start_Date__c", contractStart);
        accounts.set(row, "Renewal_Date__c", renewal);
        stampAccountHistory(accounts, row, created, timeline, random);
        accounts.put(row);
        return new AccountProfile(id, company[0], owner, created, segment, arr, contractStart, renewal, health,
                website, seats);
    }

    /**
     * Later edits: a third edited by hand at some point; 40% touched by the sharing recalculation (which
     * moves SystemModstamp but not LastModifiedDate); a quarter rewritten by the billing sync two days ago.
     */
    private static void stampAccountHistory(SObjectTable accounts, Object[] row, Instant created,
                                            OrgTimeline timeline, SplittableRandom random) {
        Instant lastModified = created;
        if (random.nextInt(3) == 0) {
            lastModified = OrgTimeline.between(random, created, timeline.latest);
        }
        if (random.nextInt(4) == 0 && created.isBefore(timeline.billingSync)) {
            lastModified = OrgTimeline.max(lastModified, timeline.billingSync);
        }
        Instant modstamp = lastModified;
        if (random.nextInt(5) < 2 && created.isBefore(timeline.sharingRecalc)) {
            modstamp = OrgTimeline.max(modstamp, timeline.sharingRecalc);
        }
        stamp(accounts, row, created, lastModified, modstamp);
    }

    static void stamp(SObjectTable table, Object[] row, Instant created, Instant lastModified, Instant modstamp) {
        table.set(row, "CreatedDate", created);
        table.set(row, "LastModifiedDate", lastModified);
        table.set(row, "SystemModstamp", modstamp);
    }
}
