package io.healthsync.connectors.source;

/**
 * A call that did not give an answer: the kind decides retries and the breaker; the message names the
 * source and the URL (never its query, which may carry a key) and the API's own words.
 */
public final class SourceCallException extends Exception {

    private final SourceErrorKind kind;
    private final long retryAfterMillis;

    public SourceCallException(SourceErrorKind kind, String message, long retryAfterMillis, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfterMillis = retryAfterMillis;
    }

    public SourceErrorKind kind() {
        return kind;
    }

    /** What the API asked us to wait, or -1. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
