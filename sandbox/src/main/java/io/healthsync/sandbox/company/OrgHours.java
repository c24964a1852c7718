package io.healthsync.sandbox.company;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Times of day the customers act: North American business hours, 13:00-22:00 UTC, on the given day. */
final class OrgHours {

    private OrgHours() {
    }

    static Instant businessTime(SplittableRandom random, LocalDate day) {
        return HistoryWindow.start(day).plusSeconds(46_800 + random.nextInt(32_400));
    }

    static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
