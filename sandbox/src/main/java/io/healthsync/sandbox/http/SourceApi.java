package io.healthsync.sandbox.http;

/**
 * One stand-in API: how it checks credentials, answers a request, and how it words the faults
 * {@link ApiFaults} injects (each API has its own 429 and 503).
 */
public interface SourceApi {

    /** zendesk, stripe, amplitude or mixpanel. */
    String name();

    /** The refusal for a request without valid credentials, or null when they are good. */
    ApiResponse refuse(ApiRequest request);

    ApiResponse handle(ApiRequest request);

    /** A 429 with {@code Retry-After: retryAfterSeconds}, or without the header when that is 0. */
    ApiResponse rateLimited(int retryAfterSeconds);

    ApiResponse unavailable();

    /** Headers every answer carries (e.g. Zendesk's rate-limit headers); empty by default. */
    default java.util.Map<String, String> commonHeaders(ApiRequest request) {
        return java.util.Map.of();
    }
}
