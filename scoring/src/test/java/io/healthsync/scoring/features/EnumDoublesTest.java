package io.healthsync.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.Signal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An account's signals as one array read back as the EnumMap they were: order, nulls, equality, never changed. */
class EnumDoublesTest {

    private static EnumMap<Signal, Double> enumMap() {
        EnumMap<Signal, Double> map = new EnumMap<>(Signal.class);
        map.put(Signal.TICKETS_30D, 4.0);
        map.put(Signal.DAYS_SINCE_LAST_TOUCH, 12.5);
        map.put(Signal.CSAT_BAD_SHARE_90D, null); // present, no data
        map.put(Signal.PLAN_CHANGE_90D, -1.0);
        return map;
    }

    @Test
    void reads_back_as_the_enum_map_it_came_from_nulls_and_order_included() {
        EnumMap<Signal, Double> expected = enumMap();
        EnumDoubles<Signal> map = EnumDoubles.of(Signal.values(), expected, true);

        assertThat(map).isEqualTo(expected);
        assertThat(expected).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(expected.hashCode());
        assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(map.containsKey(Signal.CSAT_BAD_SHARE_90D)).isTrue();
        assertThat(map.get(Signal.CSAT_BAD_SHARE_90D)).isNull();
        assertThat(map.containsKey(Signal.TOUCHES_30D)).isFalse();
        assertThat(map.get(Signal.TICKETS_30D)).isEqualTo(4.0);
        assertThat(map.get(SignalDetail.FEATURES_TRACKED)).as("another enum's constant").isNull();
        assertThat(map.get("tickets_30d")).isNull();
        assertThat(map).hasSize(4);
        assertThat(EnumDoubles.of(Signal.values(), map, true)).isSameAs(map);
    }

    @Test
    void nulls_and_nans_are_left_out_when_asked() {
        Map<Signal, Double> withNaN = enumMap();
        withNaN.put(Signal.TOUCHES_30D, Double.NaN);

        EnumDoubles<Signal> map = EnumDoubles.of(Signal.values(), withNaN, false);

        assertThat(map.keySet()).containsExactly(Signal.DAYS_SINCE_LAST_TOUCH, Signal.TICKETS_30D,
                Signal.PLAN_CHANGE_90D);
        assertThatThrownBy(() -> EnumDoubles.of(Signal.values(), withNaN, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TOUCHES_30D");
    }

    @Test
    void cannot_be_changed() {
        EnumDoubles<Signal> map = EnumDoubles.of(Signal.values(), enumMap(), true);

        assertThatThrownBy(() -> map.put(Signal.TOUCHES_30D, 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove(Signal.TICKETS_30D)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void account_signals_keep_their_values_so_and_still_refuse_what_is_not_finite() {
        Map<SignalDetail, Double> details = new EnumMap<>(SignalDetail.class);
        details.put(SignalDetail.FEATURES_USED_30D, 3.0);
        details.put(SignalDetail.FEATURES_TRACKED, null);
        details.put(SignalDetail.CSAT_RATINGS_90D, Double.NaN);
        AccountSignals signals = new AccountSignals("001A", "SMB", enumMap(), java.util.Set.of(), details, Map.of());

        assertThat(signals.values()).isEqualTo(enumMap());
        assertThat(signals.value(Signal.CSAT_BAD_SHARE_90D)).isNull();
        assertThat(signals.value(Signal.TICKETS_30D)).isEqualTo(4.0);
        assertThat(signals.details()).isEqualTo(Map.of(SignalDetail.FEATURES_USED_30D, 3.0));
        assertThat(signals).isEqualTo(new AccountSignals("001A", "SMB", new EnumMap<>(enumMap()), java.util.Set.of(),
                Map.of(SignalDetail.FEATURES_USED_30D, 3.0), Map.of()));
        EnumMap<Signal, Double> infinite = enumMap();
        infinite.put(Signal.TOUCHES_30D, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> new AccountSignals("001B", "SMB", infinite))
                .hasMessageContaining("001B").hasMessageContaining("touches_30d");
        assertThat(new ArrayList<>(signals.values().values())).containsExactly(12.5, 4.0, null, -1.0);
    }
}
