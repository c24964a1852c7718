package io.healthsync.sandbox.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Injected faults, counted per stream (an API path), so that they hit the same calls on every run:
 * every {@code rateLimitEvery}-th call of a stream answers 429 (the next call, the client's retry, goes
 * through), calls 2 to 1 + {@code outageBurst} of each stream answer 503, and the
 * {@code malformedPageOnCall}-th call of each stream answers a page cut in half. 0 switches each off.
 */
public final class ApiFaults {

    public enum Fault { NONE, RATE_LIMITED, UNAVAILABLE, MALFORMED }

    private final int rateLimitEvery;
    private final int outageBurst;
    private final int malformedPageOnCall;
    private final Map<String, Integer> callsByStream = new HashMap<>();

    public ApiFaults(int rateLimitEvery, int outageBurst, int malformedPageOnCall) {
        this.rateLimitEvery = rateLimitEvery;
        this.outageBurst = outageBurst;
        this.malformedPageOnCall = malformedPageOnCall;
    }

    public synchronized Fault next(String stream) {
        int call = callsByStream.merge(stream, 1, Integer::sum);
        if (outageBurst > 0 && call >= 2 && call < 2 + outageBurst) {
            return Fault.UNAVAILABLE;
        }
        if (rateLimitEvery > 0 && call % rateLimitEvery == 0) {
            return Fault.RATE_LIMITED;
        }
        if (malformedPageOnCall > 0 && call == malformedPageOnCall) {
            return Fault.MALFORMED;
        }
        return Fault.NONE;
    }
}
