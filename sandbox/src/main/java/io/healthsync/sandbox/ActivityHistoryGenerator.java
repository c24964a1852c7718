package io.healthsync.sandbox;

import io.healthsync.sandbox.company.PlantedTouchpoints;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two years of Tasks and Events per account, shaped by its hidden health: healthy accounts are touched more
 * often and recently, weak ones have gone quiet for months, and a few have never been touched at all.
 * Activity older than the history import carries the import's timestamps (thousands of ties); emails come
 * from an hourly sync job (ties within each hour).
 */
final class ActivityHistoryGenerator {

    private static final int HISTORY_DAYS = 730;

    private final SObjectTable tasks;
    private final SObjectTable events;
    private final OrgTimeline timeline;
    private final List<String> userIds;

    ActivityHistoryGenerator(SandboxOrg org, OrgTimeline timeline, List<String> userIds) {
        this.tasks = org.table(SandboxSchema.TASK);
        this.events = org.table(SandboxSchema.EVENT);
        this.timeline = timeline;
        this.userIds = userIds;
    }

    void addHistory(AccountProfile account, SplittableRandom random) {
        if (random.nextInt(100) < 3) {
            return;
        }
        ActivitySubjects subjects = new ActivitySubjects(random);
        Instant from = OrgTimeline.max(account.created(), timeline.daysAgo(HISTORY_DAYS, 0));
        Instant to = timeline.latest.minus(Duration.ofDays(daysSinceLastTouch(account.health(), random)));
        if (!to.isAfter(from)) {
            to = timeline.clamp(from.plus(Duration.ofDays(1)));
        }
        double activity = account.segmentActivity() * (0.3 + 1.2 * account.health());
        int taskCount = poisson(12 * activity, random);
        for (int i = 0; i < taskCount; i++) {
            addTask(account, when(account, from, to, random), subjects, random);
        }
        int eventCount = poisson(3 * activity, random);
        for (int i = 0; i < eventCount; i++) {
            addEvent(account, eventKind(account, random), when(account, from, to, random), subjects, random);
        }
        LocalDate onboarding = account.contractStart().plusDays(3 + random.nextInt(8));
        if (!OrgTimeline.atStartOf(onboarding).isBefore(from) && onboarding.isBefore(timeline.today)) {
            addEvent(account, "onboarding", OrgTimeline.atStartOf(onboarding), subjects, random);
        }
    }

    /**
     * The planted touchpoints before each of the account's renewals in the served window (see
     * {@link io.healthsync.sandbox.company.PlantedTouchpoints}), as Events, with their details drawn from
     * {@code random} (the account's own stream, apart from the history's).
     */
    void addPlantedTouchpoints(AccountProfile account, long seed, SplittableRandom random) {
        ActivitySubjects subjects = new ActivitySubjects(random);
        for (LocalDate renewal : PlantedTouchpoints.renewals(account.contractStart(), timeline.today)) {
            for (PlantedTouchpoints.Touch touch : PlantedTouchpoints.before(seed, account.id(), renewal)) {
                if (touch.date().isBefore(timeline.today)) {
                    addEvent(account, touch.kind(), OrgTimeline.atStartOf(touch.date()), subjects, random);
                }
            }
        }
    }

    private static int daysSinceLastTouch(double health, SplittableRandom random) {
        if (health > 0.66) {
            return 1 + (int) exponential(6, random);
        }
        if (health > 0.33) {
            return 3 + (int) exponential(25, random);
        }
        return 40 + random.nextInt(200);
    }

    /** A time in [from, to], the more recent the healthier the account, on a weekday in business hours. */
    private Instant when(AccountProfile account, Instant from, Instant to, SplittableRandom random) {
        double back = Math.pow(random.nextDouble(), 1 + 2 * account.health());
        long span = to.getEpochSecond() - from.getEpochSecond();
        Instant raw = to.minusSeconds((long) (span * back));
        Instant moved = OrgTimeline.businessHours(random, raw);
        return timeline.clamp(OrgTimeline.max(moved, from));
    }

    private void addTask(AccountProfile account, Instant when, ActivitySubjects subjects, SplittableRandom random) {
        int typeDraw = random.nextInt(100);
        String type = typeDraw < 35 ? "Call" : typeDraw < 70 ? "Email" : typeDraw < 82 ? "Meeting"
                : typeDraw < 88 ? "Other" : null;
        LocalDate date = OrgTimeline.dateOf(when);
        boolean imported = when.isBefore(timeline.activityImport);
        Instant created;
        if (imported) {
            created = timeline.activityImport;
        } else if ("Email".equals(type)) {
            created = when.truncatedTo(ChronoUnit.HOURS).plusSeconds(3_607);
        } else {
            created = when.plusSeconds(60 + random.nextInt(1_740));
        }
        created = timeline.clamp(created);
        Instant modified = created;
        if (created.isBefore(timeline.taskMassUpdate) && random.nextInt(4) == 0) {
            modified = timeline.taskMassUpdate;
        } else if (random.nextInt(20) == 0) {
            modified = OrgTimeline.between(random, created, timeline.clamp(created.plus(Duration.ofDays(3))));
        }

        Object[] row = tasks.newRow();
        row[0] = tasks.nextId();
        tasks.set(row, "IsDeleted", false);
        tasks.set(row, "AccountId", account.id());
        tasks.set(row, "WhatId", account.id());
        tasks.set(row, "OwnerId", owner(account, random));
        tasks.set(row, "Subject", subjects.task(type, date));
        tasks.set(row, "Type", type);
        tasks.set(row, "TaskSubtype", "Call".equals(type) || "Email".equals(type) ? type : "Task");
        tasks.set(row, "Status", "Completed");
        tasks.set(row, "IsClosed", true);
        tasks.set(row, "Priority", random.nextInt(10) == 0 ? "High" : "Normal");
        tasks.set(row, "ActivityDate", date);
        // imported history predates CompletedDateTime: like old tasks in real orgs, it has none
        tasks.set(row, "CompletedDateTime", imported ? null : created);
        tasks.set(row, "CallDurationInSeconds",
                "Call".equals(type) ? (int) Math.min(5_400, 60 + exponential(600, random)) : null);
        SandboxDataGenerator.stamp(tasks, row, created, modified, modified);
        tasks.put(row);
    }

    private static String eventKind(AccountProfile account, SplittableRandom random) {
        double qbrWeight = switch (account.segment()) {
            case "Enterprise" -> 3;
            case "Mid-Market" -> 2;
            default -> 1;
        };
        double[] weights = {qbrWeight, 2, "Enterprise".equals(account.segment()) ? 1.5 : 0.5, 1, 1.5, 0.5};
        String[] kinds = {"qbr", "training", "exec", "renewal", "sync", "lunch"};
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < kinds.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return kinds[i];
            }
        }
        return kinds[kinds.length - 1];
    }

    private void addEvent(AccountProfile account, String kind, Instant around, ActivitySubjects subjects,
                          SplittableRandom random) {
        int minutes = switch (kind) {
            case "qbr", "onboarding", "lunch" -> 60;
            case "training" -> random.nextBoolean() ? 90 : 60;
            case "exec" -> 45;
            default -> 30;
        };
        LocalDate day = OrgTimeline.dateOf(OrgTimeline.businessHours(random, around));
        Instant start = OrgTimeline.atStartOf(day).plusSeconds(50_400 + 1_800L * random.nextInt(14));
        Instant latestStart = timeline.latest.minus(Duration.ofMinutes(minutes));
        if (start.isAfter(latestStart)) {
            start = latestStart.truncatedTo(ChronoUnit.HOURS);
        }
        Instant created = OrgTimeline.max(account.created(),
                start.minus(Duration.ofDays(1 + random.nextInt(21))).plusSeconds(random.nextInt(36_000)));
        if (created.isBefore(timeline.activityImport)) {
            created = timeline.activityImport;
        }
        created = timeline.clamp(created);
        Instant modified = random.nextInt(5) == 0
                ? OrgTimeline.between(random, created, timeline.clamp(OrgTimeline.max(created, start))) : created;
        int typeDraw = random.nextInt(100);
        String type = "onboarding".equals(kind) && typeDraw < 30 ? "Call"
                : typeDraw < 85 ? "Meeting" : typeDraw < 93 ? "Other" : null;

        Object[] row = events.newRow();
        row[0] = events.nextId();
        events.set(row, "IsDeleted", false);
        events.set(row, "AccountId", account.id());
        events.set(row, "WhatId", account.id());
        events.set(row, "OwnerId", owner(account, random));
        events.set(row, "Subject", subjects.event(kind, day));
        events.set(row, "Type", type);
        events.set(row, "StartDateTime", start);
        events.set(row, "EndDateTime", start.plus(Duration.ofMinutes(minutes)));
        events.set(row, "ActivityDateTime", start);
        events.set(row, "ActivityDate", day);
        events.set(row, "DurationInMinutes", minutes);
        SandboxDataGenerator.stamp(events, row, created, modified, modified);
        events.put(row);
    }

    private String owner(AccountProfile account, SplittableRandom random) {
        return random.nextInt(10) == 0 ? userIds.get(random.nextInt(userIds.size())) : account.ownerId();
    }

    static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    static double exponential(double mean, SplittableRandom random) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
