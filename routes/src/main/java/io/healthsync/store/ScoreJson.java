package io.healthsync.store;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.healthsync.model.Driver;
import io.healthsync.model.SignalValue;
import java.util.List;

/**
 * A score's drivers and signals as health_score stores them: the JSON the read API serves, with its numbers at the
 * precision anyone reads them (percentiles and points to 2 decimals, values to 4) rather than a double's 17 digits.
 * Every changed score is rewritten on each run (at 100,000 accounts all of them: other accounts' drift moves every
 * percentile); its rows hold some 950 characters instead of 1,100. The keys are the records' component names, as
 * Jackson writes them.
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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') { // rare in a driver's sentence: Jackson's escaping then
                json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
                return;
            }
        }
        json.append('"').append(value).append('"');
    }

    /**
     * {@code value} rounded to {@code decimals} places, in its shortest form with at least one decimal (3.0, 0.4516,
     * -12.99), by integer arithmetic (cheaper than formatting a double); NaN and infinities
     * as Jackson writes them, and numbers too large to have decimals left as Java prints them.
     */
    static void number(StringBuilder json, double value, int decimals) {
        if (!Double.isFinite(value)) {
            json.append('"').append(value).append('"');
            return;
        }
        long scale = SCALES[decimals];
        double scaled = value * scale;
        if (Math.abs(scaled) >= 9.0e15) { // beyond 2^53 a double has no decimals left to round
            json.append(value);
            return;
        }
        long units = Math.round(scaled);
        if (units < 0) {
            json.append('-');
            units = -units;
        }
        json.append(units / scale).append('.');
        long fraction = units % scale;
        if (fraction == 0) {
            json.append('0');
            return;
        }
        int digits = decimals;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        String text = Long.toString(fraction);
        for (int pad = digits - text.length(); pad > 0; pad--) {
            json.append('0');
        }
        json.append(text);
    }

    private static final long[] SCALES = {1, 10, 100, 1_000, 10_000};
}
