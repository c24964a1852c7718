package io.healthsync.sandbox;

import java.util.SplittableRandom;

/**
 * Decides which data calls meet a transient outage: an instance in maintenance or failing over answers
 * 503 SERVER_UNAVAILABLE with Retry-After, before it looks at the session or the request. One draw per data
 * call, from a sequence seeded by the org's seed, so the same calls of a run fail every time it is repeated
 * against a freshly started sandbox. The sequence is not persisted: a restart starts it again.
 */
final class TransientFaults {

    static final String RETRY_AFTER_SECONDS = "1";

    private final double rate;
    private final SplittableRandom random;

    TransientFaults(long seed, double rate) {
        this.rate = rate;
        this.random = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 0x5DEECE66DL);
    }

    /** Whether this data call is turned away; draws nothing when faults are off. */
    synchronized boolean strikes() {
        return rate > 0 && random.nextDouble() < rate;
    }

    static SandboxResponse serverUnavailable() {
        return SandboxResponse.error(503, "SERVER_UNAVAILABLE",
                "The server is temporarily unable to handle your request. Please try again later.")
                .withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
}
