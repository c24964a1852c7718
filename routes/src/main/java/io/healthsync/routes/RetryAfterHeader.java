package io.healthsync.routes;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Retry-After (RFC 9110): delay-seconds or an HTTP-date. Anything else is ignored (the backoff applies). */
final class RetryAfterHeader {

    private RetryAfterHeader() {
    }

    static Optional<Duration> parse(String value) {
        return parse(value, ZonedDateTime.now());
    }

    static Optional<Duration> parse(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
