package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a weight set from scorecard.yaml (signal key -> percent) into signals, in signal order. */
final class SignalWeights {

    private SignalWeights() {
    }

    /**
     * Positive weights only: a weight of 0 switches a signal off. An unknown key or a negative weight
     * is a configuration error and fails at once rather than silently scoring with fewer signals.
     */
    static Map<Signal, Double> resolve(Map<String, Double> weights, String where) {
        EnumMap<Signal, Double> resolved = new EnumMap<>(Signal.class);
        weights.forEach((key, weight) -> {
            Signal signal = Signal.fromKey(key).orElseThrow(() -> new IllegalArgumentException(
                    "scorecard " + where + ": '" + key + "' is not a signal; expected one of " + knownKeys()));
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException(
                        "scorecard " + where + ": weight of '" + key + "' must be a number >= 0, got " + weight);
            }
            if (weight > 0) {
                resolved.put(signal, weight);
            }
        });
        return Collections.unmodifiableMap(resolved);
    }

    private static String knownKeys() {
        return Arrays.stream(Signal.values()).map(Signal::key).collect(Collectors.joining(", "));
    }
}
