package io.healthsync.sandbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The history of the synthetic org, relative to the day it was generated for. Bulk jobs happened at fixed
 * instants, so many records share the exact same SystemModstamp second: the migration that created most
 * accounts, the import of old activity history, a sharing recalculation, a mass update of tasks and a
 * billing sync two days ago. Everything generated happened before that day began, so before now.
 */
final class OrgTimeline {

    final LocalDate today;
    final Instant dayStart;
    /** The last second anything generated may carry. */
    final Instant latest;
    final Instant usersCreated;
    final Instant migration;
    final Instant activityImport;
    final Instant sharingRecalc;
    final Instant taskMassUpdate;
    final Instant billingSync;

    OrgTimeline(LocalDate today, SplittableRandom random) {
        this.today = today;
        this.dayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        this.latest = dayStart.minusSeconds(1);
        this.migration = daysAgo(820, 7_200 + random.nextInt(3_600));
        this.usersCreated = migration.minus(Duration.ofDays(3)).plusSeconds(28_800 + random.nextInt(3_600));
        this.activityImport = daysAgo(400, 3_600 + random.nextInt(3_600));
        this.sharingRecalc = daysAgo(200, 10_800 + random.nextInt(600));
        this.taskMassUpdate = daysAgo(45, 11_000 + random.nextInt(600));
        this.billingSync = daysAgo(2, 16_200 + random.nextInt(600));
    }

    Instant daysAgo(int days, int secondOfDay) {
        return dayStart.minus(Duration.ofDays(days)).plusSeconds(secondOfDay);
    }

    Instant clamp(Instant instant) {
        return instant.isAfter(latest) ? latest : instant;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A uniformly random second in [from, to]; to when the range is empty. */
    static Instant between(SplittableRandom random, Instant from, Instant to) {
        long span = to.getEpochSecond() - from.getEpochSecond();
        return span <= 0 ? to : from.plusSeconds(random.nextLong(span + 1));
    }

    /** Moves an instant onto a weekday during North American business hours (13:00-22:00 UTC). */
    static Instant businessHours(SplittableRandom random, Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            day = day.minusDays(1);
        } else if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(46_800 + random.nextInt(32_400));
    }

    static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    static Instant atStartOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
