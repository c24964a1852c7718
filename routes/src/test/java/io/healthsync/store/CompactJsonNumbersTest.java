package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactJsonNumbersTest {

    private static final TypeReference<Map<String, Integer>> TYPE = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> MEASURES = new TypeReference<>() { };

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
            assertThat(CompactJsonNumbers.featureCounts(text, new RepeatedValues())).as(text).isEqualTo(counts);
        }
    }

    @Test
    void text_in_any_other_form_is_read_by_jackson_and_gives_the_same_map() {
        for (String text : List.of("{}", "{ \"a\" : 1 }", "{\"a\":1,\"a\":2}", "{\"a\\\"b\":3}", "{\"a\":-4}",
                "{\"a\":12345678901}", "{\"a\":2.0}", "{\"a\":null}", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,"
                        + "\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,"
                        + "\"q\":17}")) {
            readsAsJackson(text, TYPE, t -> CompactJsonNumbers.featureCounts(t, new RepeatedValues()));
        }
        assertThat(CompactJsonNumbers.featureCounts(null, new RepeatedValues())).isNull();
    }

    @Test
    void malformed_text_is_a_store_error_not_a_wrong_map() {
        for (String text : List.of("{\"a\":1", "{\"a\"1}", "{\"a\":}", "{\"a\":1,}", "[1]")) {
            assertThatThrownBy(() -> CompactJsonNumbers.featureCounts(text, new RepeatedValues())).as(text)
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void feature_names_are_shared_across_days() {
        RepeatedValues names = new RepeatedValues();
        String first = CompactJsonNumbers.featureCounts("{\"reports\":1}", names).keySet().iterator().next();
        String second = CompactJsonNumbers.featureCounts("{\"reports\":5}", names).keySet().iterator().next();
        assertThat(second).isSameAs(first);
    }

    @Test
    void reads_measures_as_the_store_writes_them_as_jackson_does() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> names = List.of("amount", "resolution_hours", "seats", "duration", "score");
        for (int round = 0; round < 2_000; round++) {
            Map<String, Double> measures = new LinkedHashMap<>();
            for (String name : names) {
                switch (random.nextInt(5)) {
                    case 0 -> measures.put(name, (double) random.nextInt(100));
                    case 1 -> measures.put(name, random.nextDouble() * 1_000);
                    case 2 -> measures.put(name, -random.nextDouble());
                    case 3 -> measures.put(name, random.nextDouble() * 1e12); // written with an exponent
                    default -> { }
                }
            }
            String text = Jdbc.toJson(measures);
            assertThat(CompactJsonNumbers.measures(text, new RepeatedValues())).as(text).isEqualTo(measures);
        }
    }

    @Test
    void measures_in_any_other_form_are_read_by_jackson_and_give_the_same_map() {
        for (String text : List.of("{}", "{ \"a\" : 1.5 }", "{\"a\":1.0,\"a\":2.0}", "{\"a\\\"b\":3.0}", "{\"a\":4}",
                "{\"a\":null}", "{\"a\":\"5\"}", "{\"a\":1.5e3}", "{\"a\":-0.25}", "{\"a\":1.2.3}", "{\"a\":-}",
                "{\"a\":1,}", "{\"a\":+1}", "[1.0]")) {
            readsAsJackson(text, MEASURES, t -> CompactJsonNumbers.measures(t, new RepeatedValues()));
        }
        assertThat(CompactJsonNumbers.measures(null, new RepeatedValues())).isNull();
    }

    /** The reader gives the map Jackson gives for {@code text}, or a store error where Jackson cannot read it. */
    private static <V> void readsAsJackson(String text, TypeReference<Map<String, V>> type,
                                           java.util.function.Function<String, Map<String, V>> read) {
        Map<String, V> expected;
        try {
            expected = Jdbc.readJson(text, type);
        } catch (StoreException e) {
            assertThatThrownBy(() -> read.apply(text)).as(text).isInstanceOf(StoreException.class);
            return;
        }
        assertThat(read.apply(text)).as(text).isEqualTo(expected);
    }
}
