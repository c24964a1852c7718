package io.healthsync.connectors.source;

import java.time.Instant;
import java.util.List;

/**
 * The contract every HTTP source (Zendesk, Stripe, Amplitude, Mixpanel) fulfils; {@link SourcePull} does
 * the rest the same way for all: calls through camel-http with resilience4j retries, circuit breaker and
 * rate limiter, matches accounts, stores each page with its cursor in one transaction, quarantines what
 * cannot be read, reports.
 *
 * <p>A source is pure: it builds requests and maps replies, and never calls the network itself.
 */
public interface HttpSource {

    /** The source's key in sources.yaml and in reports: zendesk, stripe, amplitude, mixpanel. */
    String name();

    /** Its streams in the order they are pulled: entities others link to (organizations, customers) first. */
    List<String> streams();

    /**
     * The first request of a stream's pull.
     *
     * @param cursor the stream's stored cursor (this source's own JSON), or null on the first pull ever
     * @param now    the time of the pull, for "start from history_days ago" and "only whole days"
     * @return the request, or null when there is nothing to read yet (e.g. today's usage is not complete)
     */
    SourceRequest firstRequest(String stream, String cursor, Instant now);

    /**
     * Maps one successful reply into canonical records, the cursor after it and the next request.
     *
     * @throws MalformedPageException when the reply as a whole cannot be read
     */
    SourcePage map(String stream, SourceRequest request, SourceReply reply, Instant now) throws MalformedPageException;

    /**
     * The request after {@code request} when its reply tells it unread (an export's next window, sized by this
     * one's bytes), or null when only {@link #map} can (a cursor inside the body). When told, the pull makes that
     * call while this reply is mapped and stored, so the API prepares its answer meanwhile; {@link #map} must then
     * name the same request as the page's next, or the early reply is dropped and the call made again. Default:
     * null.
     */
    default SourceRequest nextBeforeMapping(String stream, SourceRequest request, SourceReply reply, Instant now) {
        return null;
    }

    /**
     * A reader of a successful answer to {@code request} as it arrives, for answers too large to hold whole (a week
     * of a large Mixpanel project's events is hundreds of megabytes of JSON lines): what it returns reaches
     * {@link #map} as {@link SourceReply#read}, with the body left empty. A reader is asked for at each attempt; an
     * IOException while it reads (the connection cut midway) fails the attempt, which is retried as any transient
     * failure. Default: null, the answer read whole into the reply's body.
     */
    default AnswerReader answerReader(String stream, SourceRequest request) {
        return null;
    }

    /** Reads one answer's stream as it arrives (see {@link #answerReader}). */
    @FunctionalInterface
    interface AnswerReader {
        /**
         * @throws MalformedPageException when the answer as a whole cannot be used: {@link #map} then throws it
         */
        Object read(java.io.InputStream answer) throws java.io.IOException, MalformedPageException;
    }

    /**
     * Replies that are not an error for this source although not 2xx (Amplitude answers 404 for an hour
     * without data): they are handed to {@link #map}. Default: only 2xx.
     */
    default boolean isAnswer(SourceReply reply) {
        return reply.ok();
    }

    /**
     * A stream whose endpoint has its own documented allowance, separate from the one sources.yaml's
     * rate_limit sets for the source (Zendesk: incremental exports 10 a minute, other endpoints 200 or more):
     * its own limit as {requests, seconds}; empty for the source's shared limit. Default: none.
     */
    default java.util.Optional<int[]> ownRateLimit(String stream) {
        return java.util.Optional.empty();
    }

    /**
     * Milliseconds to wait before retrying a rate-limited or unavailable reply, from the API's own headers
     * (Retry-After in seconds by default; some APIs give a reset time instead); -1 when it does not say.
     */
    default long retryAfterMillis(SourceReply reply) {
        return RetryAfter.millis(reply);
    }
}
