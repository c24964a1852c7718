package io.healthsync.sandbox;

import io.healthsync.sandbox.company.SyntheticCompany;

/**
 * How to run the stand-in Zendesk, Stripe, Amplitude and Mixpanel APIs. Faults are off by default, so tests
 * see the same answers every time; each counts calls per stream (API path), so the same calls fail on
 * every run.
 *
 * @param rateLimitEvery      0: off; N: every N-th call of a stream answers 429 (Retry-After: 1; Stripe
 *                            without the header unless stripeRetryAfter), the retry goes through
 * @param outageBurst         0: off; N: calls 2 to N + 1 of each stream answer 503
 * @param malformedPageOnCall 0: off; N: the N-th call of each stream answers its page cut in half (once)
 * @param stripeRetryAfter    whether Stripe's 429 carries Retry-After (Stripe's own does not)
 * @param usersPerTrackedUser real users one analytics user stands for (see the company package's scaling)
 * @param mixpanelQueriesPerSecond Mixpanel's export allowance (3, as Mixpanel's); 0: no limit
 */
public record SourceSandboxOptions(int rateLimitEvery, int outageBurst, int malformedPageOnCall,
                                   boolean stripeRetryAfter, int usersPerTrackedUser, int mixpanelQueriesPerSecond) {

    public SourceSandboxOptions {
        if (rateLimitEvery < 0 || rateLimitEvery == 1) {
            throw new IllegalArgumentException("rateLimitEvery must be 0 (off) or 2 or more, got " + rateLimitEvery);
        }
        if (outageBurst < 0 || malformedPageOnCall < 0 || mixpanelQueriesPerSecond < 0) {
            throw new IllegalArgumentException("fault settings must be 0 or more");
        }
        if (usersPerTrackedUser < 1) {
            throw new IllegalArgumentException("usersPerTrackedUser must be at least 1, got " + usersPerTrackedUser);
        }
    }

    /** No faults; Mixpanel's real 3 queries a second. */
    public static SourceSandboxOptions defaults() {
        return new SourceSandboxOptions(0, 0, 0, false, SyntheticCompany.DEFAULT_USERS_PER_TRACKED_USER, 3);
    }

    /** A little of everything, for the demo: a 429 on every 7th call of a stream, one malformed page. */
    public static SourceSandboxOptions demo() {
        return defaults().withRateLimitEvery(7).withMalformedPageOnCall(4);
    }

    public SourceSandboxOptions withRateLimitEvery(int value) {
        return new SourceSandboxOptions(value, outageBurst, malformedPageOnCall, stripeRetryAfter, usersPerTrackedUser,
                mixpanelQueriesPerSecond);
    }

    public SourceSandboxOptions withOutageBurst(int value) {
        return new SourceSandboxOptions(rateLimitEvery, value, malformedPageOnCall, stripeRetryAfter,
                usersPerTrackedUser, mixpanelQueriesPerSecond);
    }

    public SourceSandboxOptions withMalformedPageOnCall(int value) {
        return new SourceSandboxOptions(rateLimitEvery, outageBurst, value, stripeRetryAfter, usersPerTrackedUser,
                mixpanelQueriesPerSecond);
    }

    public SourceSandboxOptions withStripeRetryAfter(boolean value) {
        return new SourceSandboxOptions(rateLimitEvery, outageBurst, malformedPageOnCall, value, usersPerTrackedUser,
                mixpanelQueriesPerSecond);
    }

    public SourceSandboxOptions withUsersPerTrackedUser(int value) {
        return new SourceSandboxOptions(rateLimitEvery, outageBurst, malformedPageOnCall, stripeRetryAfter, value,
                mixpanelQueriesPerSecond);
    }

    public SourceSandboxOptions withMixpanelQueriesPerSecond(int value) {
        return new SourceSandboxOptions(rateLimitEvery, outageBurst, malformedPageOnCall, stripeRetryAfter,
                usersPerTrackedUser, value);
    }
}
