package io.healthsync.connectors.zendesk;

import io.healthsync.connectors.source.RetryAfter;
import io.healthsync.connectors.source.SourceReply;
import java.time.Clock;
import java.util.Locale;

/**
 * How long Zendesk asks to wait. Retry-After (seconds) first; when a 429 lacks it, the rate-limit headers
 * Zendesk sends on every reply still say when the window resets:
 * <ul>
 *   <li>{@code zendesk-ratelimit-incremental-exports: total=10; remaining=0; resets=42} (and the
 *       {@code -cursor} and endpoint-specific variants): seconds until that limit resets;</li>
 *   <li>{@code ratelimit-reset: 42}: seconds until the account-wide limit resets;</li>
 *   <li>{@code x-ratelimit-reset: 1778061425}: the epoch second it resets.</li>
 * </ul>
 */
final class ZendeskRetryAfter {

    private static final String NAMED_LIMIT_PREFIX = "zendesk-ratelimit-";
    /** Below this a reset value is a number of seconds, above it an epoch second (2001-09-09 onwards). */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private static final int TOO_MANY_REQUESTS = 429;

    private final Clock clock;

    ZendeskRetryAfter(Clock clock) {
        this.clock = clock;
    }

    long millis(SourceReply reply) {
        long retryAfter = RetryAfter.millis(reply);
        if (retryAfter >= 0 || reply.status() != TOO_MANY_REQUESTS) {
            // the reset headers come on every reply: they explain a 429, not a 503
            return retryAfter;
        }
        long exhausted = exhaustedLimitResetSeconds(reply);
        if (exhausted >= 0) {
            return exhausted * 1000;
        }
        Long reset = seconds(reply.header("ratelimit-reset"));
        if (reset == null) {
            reset = seconds(reply.header("x-ratelimit-reset"));
        }
        if (reset == null) {
            return -1;
        }
        if (reset >= EPOCH_THRESHOLD) {
            return Math.max(0, reset * 1000 - clock.millis());
        }
        return reset * 1000;
    }

    /**
     * The longest "resets" among Zendesk's named limits that say remaining=0, or -1. A reply may carry
     * several (the export limit and the account's); the one used up is the one that refused the call.
     */
    private static long exhaustedLimitResetSeconds(SourceReply reply) {
        long longest = -1;
        for (var header : reply.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(NAMED_LIMIT_PREFIX)) {
                continue;
            }
            Long remaining = null;
            Long resets = null;
            for (String part : header.getValue().split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("remaining")) {
                    remaining = seconds(kv[1]);
                } else if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("resets")) {
                    resets = seconds(kv[1]);
                }
            }
            if (remaining != null && remaining == 0 && resets != null) {
                longest = Math.max(longest, resets);
            }
        }
        return longest;
    }

    private static Long seconds(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 ? null : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
