package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureCountsJsonTest {

    private static final TypeReference<Map<String, Integer>> TYPE = new TypeReference<>() { };

    @Test
    void reads_what_the_store_writes_as_jackson_does() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> features = List.of("dashboards", "reports", "collaboration", "integrations", "automation");
        for (int round = 0; round < 2_000; round++) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String feature : features) {
                if (random.nextInt(3) > 0) {
                    counts.put(feature, random.nextInt(3) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(40));
                }
            }
            String text = Jdbc.toJson(counts);
            assertThat(FeatureCountsJson.read(text, new RepeatedValues())).as(text).isEqualTo(counts);
        }
    }

    @Test
    void text_in_any_other_form_is_read_by_jackson_and_gives_the_same_map() {
        for (String text : List.of("{}", "{ \"a\" : 1 }", "{\"a\":1,\"a\":2}", "{\"a\\\"b\":3}", "{\"a\":-4}",
                "{\"a\":12345678901}", "{\"a\":2.0}", "{\"a\":null}", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,"
                        + "\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,"
                        + "\"q\":17}")) {
            Map<String, Integer> expected;
            try {
                expected = Jdbc.readJson(text, TYPE);
            } catch (StoreException e) {
                assertThatThrownBy(() -> FeatureCountsJson.read(text, new RepeatedValues())).as(text)
                        .isInstanceOf(StoreException.class);
                continue;
            }
            assertThat(FeatureCountsJson.read(text, new RepeatedValues())).as(text).isEqualTo(expected);
        }
        assertThat(FeatureCountsJson.read(null, new RepeatedValues())).isNull();
    }

    @Test
    void malformed_text_is_a_store_error_not_a_wrong_map() {
        for (String text : List.of("{\"a\":1", "{\"a\"1}", "{\"a\":}", "{\"a\":1,}", "[1]")) {
            assertThatThrownBy(() -> FeatureCountsJson.read(text, new RepeatedValues())).as(text)
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void feature_names_are_shared_across_days() {
        RepeatedValues names = new RepeatedValues();
        String first = FeatureCountsJson.read("{\"reports\":1}", names).keySet().iterator().next();
        String second = FeatureCountsJson.read("{\"reports\":5}", names).keySet().iterator().next();
        assertThat(second).isSameAs(first);
    }
}
