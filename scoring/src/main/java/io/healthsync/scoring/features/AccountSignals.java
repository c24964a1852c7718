package io.healthsync.scoring.features;

import io.healthsync.model.Signal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The signals of one account as of one day.
 *
 * @param values        signal -> value; a null value (or a missing key) means no data
 * @param neverHappened signals whose event never happened (no human touch, no business review on
 *                      record): their value is measured from the account's start instead, and a
 *                      driver says "on record" rather than quoting a date that means nothing
 */
public record AccountSignals(String accountId, String segment, Map<Signal, Double> values, Set<Signal> neverHappened) {

    public AccountSignals {
        Objects.requireNonNull(accountId, "accountId");
        // EnumMap keeps nulls (Map.copyOf refuses them) and iterates in signal order, so output is deterministic
        EnumMap<Signal, Double> copy = new EnumMap<>(Signal.class);
        if (values != null) {
            values.forEach((signal, value) -> {
                if (value != null && !Double.isFinite(value)) {
                    throw new IllegalArgumentException("signal " + signal.key() + " of account " + accountId
                            + " must be a finite number or null (no data), got " + value);
                }
                copy.put(signal, value);
            });
        }
        values = Collections.unmodifiableMap(copy);
        neverHappened = neverHappened == null || neverHappened.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(neverHappened));
    }

    public AccountSignals(String accountId, String segment, Map<Signal, Double> values) {
        this(accountId, segment, values, Set.of());
    }

    /** The value, or null when there is no data. */
    public Double value(Signal signal) {
        return values.get(signal);
    }

    public boolean neverHappened(Signal signal) {
        return neverHappened.contains(signal);
    }
}
