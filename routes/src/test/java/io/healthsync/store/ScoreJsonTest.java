package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.model.Driver;
import io.healthsync.model.SignalValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void drivers_read_back_as_jackson_wrote_them_with_points_to_two_decimals_and_text_escaped() throws Exception {
        List<Driver> drivers = List.of(new Driver("days_since_last_touch", 8.067105763648376,
                        "Last human touch 3 days ago (\"check-in\")\n\\ok"),
                new Driver("tickets_30d", -12.995, "12 tickets in 30 days"));

        JsonNode compact = JSON.readTree(ScoreJson.drivers(drivers));
        JsonNode full = JSON.readTree(JSON.writeValueAsString(drivers));

        assertThat(compact).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(fieldNames(compact.get(i))).isEqualTo(fieldNames(full.get(i)));
            assertThat(compact.get(i).get("text").asText()).isEqualTo(drivers.get(i).text());
        }
        assertThat(compact.get(0).get("points").asDouble()).isEqualTo(8.07);
        assertThat(compact.get(1).get("points").asDouble()).isEqualTo(-12.99);
        assertThat(ScoreJson.drivers(List.of())).isEqualTo("[]");
    }

    @Test
    void signals_keep_their_keys_a_missing_value_is_null_and_values_keep_four_decimals() throws Exception {
        List<SignalValue> signals = List.of(new SignalValue("days_since_last_touch", 3.0, 90.33552881824188, 0.2),
                new SignalValue("csat_bad_share_90d", 0.4516129032258065, 12.5, 0.125),
                new SignalValue("arr", 1.25e17, 50.0, 0.05),
                new SignalValue("feature_breadth", null, 50.0, 0.0),
                new SignalValue("active_rate_trend", Double.NaN, 50.0, 0.0));

        String json = ScoreJson.signals(signals);
        JsonNode compact = JSON.readTree(json);
        JsonNode full = JSON.readTree(JSON.writeValueAsString(signals));

        for (int i = 0; i < signals.size(); i++) {
            assertThat(fieldNames(compact.get(i))).isEqualTo(fieldNames(full.get(i)));
        }
        assertThat(compact.get(0).get("value").asDouble()).isEqualTo(3.0);
        assertThat(compact.get(0).get("percentile").asDouble()).isEqualTo(90.34);
        assertThat(compact.get(1).get("value").asDouble()).isEqualTo(0.4516);
        assertThat(compact.get(2).get("value").asDouble()).isEqualTo(1.25e17);
        assertThat(compact.get(3).get("value").isNull()).isTrue();
        assertThat(compact.get(4).get("value")).isEqualTo(full.get(4).get("value"));
        assertThat(json).hasSizeLessThan(JSON.writeValueAsString(signals).length());
    }

    @Test
    void numbers_are_the_rounded_value_in_its_shortest_form() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8));
            for (int decimals : new int[] {2, 4}) {
                StringBuilder json = new StringBuilder();
                ScoreJson.number(json, value, decimals);
                double scale = Math.pow(10, decimals);
                assertThat(Double.parseDouble(json.toString())).as("%s to %d places", value, decimals)
                        .isEqualTo(Math.round(value * scale) / scale + 0.0);
                assertThat(json.toString()).matches("-?\\d+\\.(0|\\d*[1-9])");
            }
        }
        assertThat(number(-0.001, 2)).isEqualTo("0.0");
        assertThat(number(-0.006, 2)).isEqualTo("-0.01");
        assertThat(number(100.0, 2)).isEqualTo("100.0");
        assertThat(number(0.05, 4)).isEqualTo("0.05");
        assertThat(number(Double.NaN, 2)).isEqualTo("\"NaN\"");
    }

    private static String number(double value, int decimals) {
        StringBuilder json = new StringBuilder();
        ScoreJson.number(json, value, decimals);
        return json.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
