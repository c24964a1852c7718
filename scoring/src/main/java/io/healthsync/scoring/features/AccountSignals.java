package io.healthsync.scoring.features;

import io.healthsync.model.Signal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The signals of one account as of one day.
 *
 * @param values        signal -> value; a null value (or a missing key) means no data
 * @param neverHappened signals whose event never happened (no human touch, no business review on
 *                      record): their value is measured from the account's start instead, and a
 *                      driver says "on record" rather than quoting a date that means nothing
 * @param details       numbers the drivers quote beside a value (see {@link SignalDetail}); never ranked
 * @param staleSources  source -> why its data is not current (see {@link AccountHistory#staleSources})
 */
public record AccountSignals(String accountId, String segment, Map<Signal, Double> values, Set<Signal> neverHappened,
                             Map<SignalDetail, Double> details, Map<String, String> staleSources) {

    private static final Signal[] SIGNALS = Signal.values();
    private static final SignalDetail[] DETAILS = SignalDetail.values();

    public AccountSignals {
        Objects.requireNonNull(accountId, "accountId");
        // as arrays (EnumDoubles), in signal order so output is deterministic; a signal may be present with a null
        // value, as in the EnumMap it was: every account's signals are held through scoring
        if (values != null) {
            values.forEach((signal, value) -> checked(accountId, signal, value));
        }
        values = EnumDoubles.of(SIGNALS, values == null ? Map.of() : values, true);
        neverHappened = neverHappened == null || neverHappened.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(neverHappened));
        details = EnumDoubles.of(DETAILS, details == null ? Map.of() : details, false);
        staleSources = staleSources == null || staleSources.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(staleSources));
    }

    public AccountSignals(String accountId, String segment, Map<Signal, Double> values, Set<Signal> neverHappened) {
        this(accountId, segment, values, neverHappened, Map.of(), Map.of());
    }

    public AccountSignals(String accountId, String segment, Map<Signal, Double> values) {
        this(accountId, segment, values, Set.of());
    }

    /** The value when it is a finite number or null (no data); anything else is refused, naming the account. */
    static Double checked(String accountId, Signal signal, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("signal " + signal.key() + " of account " + accountId
                    + " must be a finite number or null (no data), got " + value);
        }
        return value;
    }

    /** The value, or null when there is no data. */
    public Double value(Signal signal) {
        return values.get(signal);
    }

    public boolean neverHappened(Signal signal) {
        return neverHappened.contains(signal);
    }

    /** A detail, or null when it was not measured. */
    public Double detail(SignalDetail detail) {
        return details.get(detail);
    }
}
