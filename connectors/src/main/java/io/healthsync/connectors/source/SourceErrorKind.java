package io.healthsync.connectors.source;

/**
 * Why a call to a source failed, which decides what happens next: only RATE_LIMITED and TRANSIENT are
 * retried, and only TRANSIENT (5xx, timeouts, refused connections) counts against the circuit breaker --
 * a rate limit means the API is well and busy.
 */
public enum SourceErrorKind {
    /** 429: wait as the API asks (Retry-After or its reset header), then retry. */
    RATE_LIMITED,
    /** 5xx, a timeout, a dropped connection: retry with backoff; counts toward opening the breaker. */
    TRANSIENT,
    /** 401, 403, 404, an unknown host: our settings are wrong; retrying cannot help. */
    CONFIGURATION,
    /** The breaker is open: the source is skipped until it has had time to recover. */
    BREAKER_OPEN,
    /** Anything else (another 4xx): reported with the API's own words, not retried. */
    REFUSED;

    public static SourceErrorKind ofStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 500 || status == 408) {
            return TRANSIENT;
        }
        if (status == 401 || status == 403 || status == 404) {
            return CONFIGURATION;
        }
        return REFUSED;
    }

    public boolean retried() {
        return this == RATE_LIMITED || this == TRANSIENT;
    }
}
