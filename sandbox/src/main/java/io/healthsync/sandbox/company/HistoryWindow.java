package io.healthsync.sandbox.company;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The days the company's history covers, as indexes: the sources serve the last {@link #SERVED_DAYS} days
 * before today (today itself has nothing yet, like the Salesforce org); the simulation starts
 * {@link #WARMUP_DAYS} earlier so that signals measured over 90 days exist for the first served renewal.
 */
public final class HistoryWindow {

    public static final int SERVED_DAYS = 400;
    public static final int WARMUP_DAYS = 90;
    public static final int DAYS = SERVED_DAYS + WARMUP_DAYS;

    private final LocalDate today;
    private final LocalDate first;

    public HistoryWindow(LocalDate today) {
        this.today = today;
        this.first = today.minusDays(DAYS);
    }

    public LocalDate today() {
        return today;
    }

    /** The first day the sources serve. */
    public LocalDate firstServedDay() {
        return date(WARMUP_DAYS);
    }

    public Instant todayStart() {
        return start(today);
    }

    /** The day's index; negative before the simulation, DAYS or more from today on. */
    public int index(LocalDate day) {
        return (int) (day.toEpochDay() - first.toEpochDay());
    }

    public LocalDate date(int index) {
        return first.plusDays(index);
    }

    public Instant start(int index) {
        return start(date(index));
    }

    public boolean served(int index) {
        return index >= WARMUP_DAYS && index < DAYS;
    }

    public boolean weekend(int index) {
        DayOfWeek day = date(index).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
