package io.healthsync.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The canonical activity taxonomy. RevOps maps free-text labels onto these in taxonomy.yaml. */
public enum ActivityType {
    CALL(true),
    MEETING(true),
    QBR(true),
    ONBOARDING(true),
    TRAINING(true),
    EXECUTIVE_MEETING(true),
    EMAIL(true),
    RENEWAL_DISCUSSION(true),
    // Structural events of the support desk and billing: their sources type them when they pull.
    TICKET_OPENED(false),
    TICKET_SOLVED(false),
    TICKET_REOPENED(false),
    /** A ticket raised to urgent or high priority. */
    TICKET_ESCALATED(false),
    CSAT_GOOD(false),
    CSAT_BAD(false),
    /** A ticket whose text matched a cancellation-intent phrase of taxonomy.yaml. */
    CANCELLATION_INTENT(false),
    INVOICE_PAID(false),
    PAYMENT_FAILED(false),
    SUBSCRIPTION_UPGRADED(false),
    SUBSCRIPTION_DOWNGRADED(false),
    SUBSCRIPTION_CANCELLED(false),
    SUBSCRIPTION_RENEWED(false),
    /** A label no taxonomy rule matched; kept and reported, never dropped. */
    OTHER(false);

    private final boolean humanTouch;
    private final String key = name().toLowerCase(Locale.ROOT);

    ActivityType(boolean humanTouch) {
        this.humanTouch = humanTouch;
    }

    /** True when a person from our side talked to the customer (what "days since last human touch" counts). */
    public boolean isHumanTouch() {
        return humanTouch;
    }

    /** The name used in YAML and reports: lower snake case. */
    public String key() {
        return key;
    }

    /** Looked up once per stored activity when the store is read (millions at scale): a map, not a scan. */
    public static Optional<ActivityType> fromKey(String key) {
        return Optional.ofNullable(key == null ? null : BY_KEY.get(key));
    }

    private static final Map<String, ActivityType> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ActivityType::key, Function.identity()));
}
