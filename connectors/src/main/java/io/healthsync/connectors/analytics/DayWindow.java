package io.healthsync.connectors.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The complete UTC days one export request covers, both ends included. Usage is pulled by whole days so
 * that re-reading a day rebuilds its row from scratch (the store replaces it) instead of adding to it.
 *
 * <p>Which days a pull reads:
 * <ul>
 *   <li>only days before today (UTC): today is still being written;</li>
 *   <li>the first pull starts {@code historyDays} before today;</li>
 *   <li>a later pull starts again at the last day already stored, so that day is read once more together
 *       with the days that completed since. Events arrive late (Amplitude's export lags its intake by up to
 *       two hours; mobile SDKs upload offline batches; Mixpanel accepts events after the fact): the first
 *       read of a day, made soon after midnight, can miss some, and the re-read a day later completes it.
 *       A day is re-read only when a newer day is complete, so a pull on the same day as the last one asks
 *       for nothing at all;</li>
 *   <li>at most {@link #MAX_DAYS} days a request, so a backfill of months stays within Mixpanel's 60 export
 *       queries an hour and a request stays well below Amplitude's 4 GB answer limit.</li>
 * </ul>
 */
public record DayWindow(LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 7;

    public DayWindow {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a day window ends before it starts: " + from + ".." + to);
        }
    }

    /** The first window of a pull, or null when no complete day is left to read. */
    public static DayWindow first(LocalDate lastStoredDay, Instant now, int historyDays) {
        LocalDate yesterday = lastCompleteDay(now);
        if (lastStoredDay == null) {
            return startingAt(today(now).minusDays(Math.max(1, historyDays)), yesterday);
        }
        if (!lastStoredDay.isBefore(yesterday)) {
            return null;
        }
        return startingAt(lastStoredDay, yesterday);
    }

    /** The window after this one, or null once yesterday has been read. */
    public DayWindow next(Instant now) {
        return next(now, MAX_DAYS);
    }

    /** The window after this one, of at most {@code days} days (1 to {@link #MAX_DAYS}), or null once yesterday has been read. */
    public DayWindow next(Instant now, int days) {
        return startingAt(to.plusDays(1), lastCompleteDay(now), days);
    }

    /** This window's first {@code days} days (all of it when it is no longer). */
    public DayWindow firstDays(int days) {
        return days >= days() ? this : new DayWindow(from, from.plusDays(Math.max(1, days) - 1));
    }

    /** The first half of this window (the earlier days), for an answer too large to be given whole. */
    public DayWindow firstHalf() {
        return new DayWindow(from, from.plusDays(days() / 2 - 1));
    }

    public int days() {
        return (int) (to.toEpochDay() - from.toEpochDay() + 1);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public static LocalDate lastCompleteDay(Instant now) {
        return today(now).minusDays(1);
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private static DayWindow startingAt(LocalDate from, LocalDate lastComplete) {
        return startingAt(from, lastComplete, MAX_DAYS);
    }

    private static DayWindow startingAt(LocalDate from, LocalDate lastComplete, int days) {
        if (from.isAfter(lastComplete)) {
            return null;
        }
        LocalDate to = from.plusDays(Math.max(1, Math.min(MAX_DAYS, days)) - 1);
        return new DayWindow(from, to.isAfter(lastComplete) ? lastComplete : to);
    }

    /** "2026-06-10..2026-06-16", as reports and quarantine rows name the window. */
    @Override
    public String toString() {
        return from + ".." + to;
    }
}
