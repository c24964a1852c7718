package io.healthsync.sandbox.company;

/**
 * An account's product usage per day of the history window, in analytics units: tracked users (one stands
 * for {@code usersPerTrackedUser} real users, see package-info), their sessions and their events per
 * feature. Exactly what the analytics stand-ins expand into events, so a connector that counts distinct
 * users, distinct sessions and events per feature of a day gets these numbers back (less the few events
 * served without their account).
 */
public final class DailyUsage {

    private final short[] trackedSeats;
    private final short[] activeUsers;
    private final short[] sessions;
    private final short[][] featureEvents;

    DailyUsage(int days) {
        trackedSeats = new short[days];
        activeUsers = new short[days];
        sessions = new short[days];
        featureEvents = new short[Feature.values().length][days];
    }

    void set(int day, int seatsTracked, int active, int sessionCount, int[] perFeature) {
        trackedSeats[day] = (short) Math.min(Short.MAX_VALUE, seatsTracked);
        activeUsers[day] = (short) Math.min(Short.MAX_VALUE, active);
        sessions[day] = (short) Math.min(Short.MAX_VALUE, sessionCount);
        for (int f = 0; f < perFeature.length; f++) {
            featureEvents[f][day] = (short) Math.min(Short.MAX_VALUE, perFeature[f]);
        }
    }

    /** The size of the account's pool of tracked user ids that day (0 when it is not a customer that day). */
    public int trackedSeats(int day) {
        return trackedSeats[day];
    }

    public int activeUsers(int day) {
        return activeUsers[day];
    }

    public int sessions(int day) {
        return sessions[day];
    }

    public int featureEvents(Feature feature, int day) {
        return featureEvents[feature.ordinal()][day];
    }

    public int events(int day) {
        int total = 0;
        for (short[] feature : featureEvents) {
            total += feature[day];
        }
        return total;
    }
}
