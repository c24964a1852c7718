package io.healthsync.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.healthsync.model.Driver;
import io.healthsync.model.SignalValue;
import java.util.List;

/**
 * A score's drivers and signals as health_score stores them: the JSON the read API serves, with its numbers at the
 * precision anyone reads them (percentiles and points to 2 decimals, values to 4) rather than a double's 17 digits.
 * Every changed score is written on each run (at 100,000 accounts, all of them: other accounts' drift moves every
 * percentile), so the row's size is most of the cost of saving scores; written here without a reflective
 * serializer, which was a fifth of it. The keys are the records' component names, as Jackson writes them.
 */
final class ScoreJson {

    private ScoreJson() {
    }

    static String drivers(List<Driver> drivers) {
        StringBuilder json = new StringBuilder(64 + 120 * drivers.size()).append('[');
        for (Driver d : drivers) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"signal\":");
            string(json, d.signal());
            json.append(",\"points\":");
            number(json, d.points(), 2);
            json.append(",\"text\":");
            string(json, d.text());
            json.append('}');
        }
        return json.append(']').toString();
    }

    static String signals(List<SignalValue> signals) {
        StringBuilder json = new StringBuilder(64 + 80 * signals.size()).append('[');
        for (SignalValue s : signals) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"name\":");
            string(json, s.name());
            json.append(",\"value\":");
            if (s.value() == null) {
                json.append("null");
            } else {
                number(json, s.value(), 4);
            }
            json.append(",\"percentile\":");
            number(json, s.percentile(), 2);
            json.append(",\"weight\":");
            number(json, s.weight(), 4);
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
    }

    /** {@code value} rounded to {@code decimals} places, in its shortest form (3.0, 0.4516); NaN as Jackson writes it. */
    static void number(StringBuilder json, double value, int decimals) {
        if (!Double.isFinite(value)) {
            json.append('"').append(value).append('"');
            return;
        }
        double scale = decimals == 2 ? 100.0 : Math.pow(10, decimals);
        double scaled = value * scale;
        // beyond 2^53 a double has no decimals left to round
        json.append(Math.abs(scaled) < 9.0e15 ? Math.round(scaled) / scale : value);
    }
}
