package io.healthsync.sandbox.company;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few days' events, kept because an hourly export asks for the same day 24 times. Events are
 * reproducible, so the cache only saves time.
 */
public final class UsageEventCache {

    private static final int DAYS_KEPT = 4;

    private final SyntheticCompany company;
    private final Map<Integer, List<UsageEvent>> days = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<UsageEvent>> eldest) {
            return size() > DAYS_KEPT;
        }
    };

    public UsageEventCache(SyntheticCompany company) {
        this.company = company;
    }

    /** The day's events in time order; none for a day outside the served window. */
    public synchronized List<UsageEvent> ofDay(int day) {
        if (!company.window().served(day)) {
            return List.of();
        }
        return days.computeIfAbsent(day, d -> List.copyOf(UsageEvents.ofDay(company, d)));
    }
}
