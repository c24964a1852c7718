package io.healthsync.connectors.source;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The standard Retry-After header: delay-seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** Milliseconds the reply asks to wait, or -1 when it has no readable Retry-After. */
    public static long millis(SourceReply reply) {
        String value = reply.header("Retry-After");
        if (value == null || value.isBlank()) {
            return -1;
        }
        value = value.trim();
        try {
            return Math.max(0, (long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
