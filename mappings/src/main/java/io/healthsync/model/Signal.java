package io.healthsync.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The health signals healthsync can compute, named as in scorecard.yaml. Each knows which
 * direction is healthy, so weights in config are always positive.
 */
public enum Signal {
    DAYS_SINCE_LAST_TOUCH("days_since_last_touch", false, "days since the last human touch"),
    TOUCHES_30D("touches_30d", true, "human touches in the last 30 days"),
    TOUCHES_90D("touches_90d", true, "human touches in the last 90 days"),
    TOUCH_TREND("touch_trend", true, "touches in the last 30 days minus the 30 days before"),
    DAYS_SINCE_QBR("days_since_qbr", false, "days since the last business review"),
    OPEN_OPPORTUNITIES("open_opportunities", true, "open opportunities"),
    DAYS_TO_RENEWAL("days_to_renewal", true, "days until renewal"),
    TENURE_DAYS("tenure_days", true, "days as a customer");

    private final String key;
    private final boolean higherIsBetter;
    private final String description;

    Signal(String key, boolean higherIsBetter, String description) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String description() {
        return description;
    }

    public static Optional<Signal> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
