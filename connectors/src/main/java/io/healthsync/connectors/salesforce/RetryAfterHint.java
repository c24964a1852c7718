package io.healthsync.connectors.salesforce;

import java.time.Duration;
import java.util.Optional;

/**
 * The wait a server asked for with Retry-After on its last 429 or 503, read from the HTTP client (Camel's
 * SalesforceException does not carry response headers). Taking it clears it, so it applies to one retry.
 */
public interface RetryAfterHint {

    Optional<Duration> takeRetryAfter();

    RetryAfterHint NONE = Optional::empty;
}
