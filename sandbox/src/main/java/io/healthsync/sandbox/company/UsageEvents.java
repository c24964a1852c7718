package io.healthsync.sandbox.company;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Expands the company's daily usage into events, on request, a day at a time: an account's active tracked
 * users that day (distinct ids from its pool), their sessions (each user has at least one) and the feature
 * events (each session has at least one). Reproducible from (seed, account, day), so an hour asked twice,
 * or by both analytics stand-ins, holds the same events with the same $insert_id.
 */
public final class UsageEvents {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UsageEvents() {
    }

    /** Every account's events of the day (a served day index), in time order. */
    public static List<UsageEvent> ofDay(SyntheticCompany company, int day) {
        List<UsageEvent> events = new ArrayList<>();
        for (AccountHistory history : company.crmAccounts()) {
            addAccountDay(company.seed(), company.window().start(day), history, day, events);
        }
        events.sort(Comparator.comparing(UsageEvent::time).thenComparing(UsageEvent::insertId));
        return events;
    }

    static void addAccountDay(long seed, Instant midnight, AccountHistory history, int day, List<UsageEvent> out) {
        DailyUsage usage = history.usage();
        int active = usage.activeUsers(day);
        if (active == 0) {
            return;
        }
        String key = history.key();
        SplittableRandom random = new SplittableRandom(CompanyGenerator.mix(seed, key + "/" + day));
        int pool = usage.trackedSeats(day);
        int[] users = firstOfShuffle(pool, active, random);
        int sessions = usage.sessions(day);
        long[] sessionStart = new long[sessions];
        int[] sessionUser = new int[sessions];
        for (int s = 0; s < sessions; s++) {
            sessionUser[s] = s < active ? users[s] : users[random.nextInt(active)];
            // 06:00-21:00 UTC, to the millisecond
            sessionStart[s] = midnight.toEpochMilli() + 21_600_000L + random.nextLong(54_000_000L);
        }
        List<String[]> typed = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            int count = usage.featureEvents(feature, day);
            for (int i = 0; i < count; i++) {
                String type = random.nextInt(5) < 4 ? feature.events().get(0) : feature.events().get(1);
                typed.add(new String[] {type, feature.key()});
            }
        }
        shuffle(typed, random);
        String plan = history.billing().plan();
        // each active user's ids once, not once an event: they were most of the stand-in's work per event
        java.util.Map<Integer, String[]> ids = new java.util.HashMap<>();
        for (int user : users) {
            ids.put(user, new String[] {userId(key, user), deviceId(key, user)});
        }
        String eventKey = key + "/" + day + "/";
        for (int e = 0; e < typed.size(); e++) {
            int s = e < sessions ? e : random.nextInt(sessions);
            long at = sessionStart[s] + random.nextLong(2_400_000L);
            String[] user = ids.get(sessionUser[s]);
            boolean stripped = random.nextDouble() < PlantedEffects.EVENTS_WITHOUT_ACCOUNT;
            out.add(new UsageEvent(stripped ? null : history.account().crmId(), user[0], user[1],
                    sessionStart[s], Instant.ofEpochMilli(at), typed.get(e)[0], typed.get(e)[1],
                    uuid(CompanyGenerator.mix(seed, eventKey + e), midnight.toEpochMilli() + e), plan));
        }
    }

    static String userId(String accountKey, int slot) {
        return "u-" + Long.toHexString(CompanyGenerator.mix(17, accountKey + "#" + slot) & 0xFFFFFFFFFFL);
    }

    private static String deviceId(String accountKey, int slot) {
        long high = CompanyGenerator.mix(23, accountKey + "#" + slot);
        return uuid(high, high * 31 + slot);
    }

    /**
     * A version-4 UUID's text from two longs: their 32 hex digits (high first), the 13th set to 4 and the 17th to a,
     * as String.format("%016x%016x") and substrings made it (the same ids), without a formatter per event.
     */
    private static String uuid(long high, long low) {
        char[] text = new char[36];
        int at = 0;
        for (int digit = 0; digit < 32; digit++) {
            if (digit == 8 || digit == 12 || digit == 16 || digit == 20) {
                text[at++] = '-';
            }
            long word = digit < 16 ? high : low;
            int nibble = (int) (word >>> (60 - 4 * (digit % 16))) & 0xF;
            text[at++] = digit == 12 ? '4' : digit == 16 ? 'a' : HEX[nibble];
        }
        return new String(text);
    }

    private static int[] firstOfShuffle(int n, int count, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        return java.util.Arrays.copyOf(all, count);
    }

    private static <T> void shuffle(List<T> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }
}
