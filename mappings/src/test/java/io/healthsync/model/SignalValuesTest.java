package io.healthsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An account's signals as columns read back as the records they were, no data included, and never changed. */
class SignalValuesTest {

    private static final List<SignalValue> SIGNALS = List.of(
            new SignalValue("days_since_last_touch", 12.0, 81.5, 0.25),
            new SignalValue("csat", null, -1.0, 0.0),
            new SignalValue("seat_utilization", 0.0, 3.25, 0.75),
            new SignalValue("arr_trend", -0.125, 40.0, 0.0));

    @Test
    void a_copy_reads_back_every_signal_as_it_was_and_equals_the_list_it_came_from() {
        SignalValues copy = SignalValues.copyOf(SIGNALS);

        assertThat(copy).containsExactlyElementsOf(SIGNALS);
        assertThat(copy.get(1).value()).isNull();
        assertThat(copy).isEqualTo(SIGNALS);
        assertThat(SIGNALS).isEqualTo(copy);
        assertThat(copy.hashCode()).isEqualTo(SIGNALS.hashCode());
        assertThat(SignalValues.copyOf(copy)).isSameAs(copy);
        assertThat(SignalValues.copyOf(List.of())).isEmpty();
    }

    @Test
    void a_value_that_is_not_a_number_is_no_data() {
        SignalValues copy = SignalValues.copyOf(List.of(new SignalValue("csat", Double.NaN, 50.0, 1.0)));

        assertThat(copy.get(0)).isEqualTo(new SignalValue("csat", null, 50.0, 1.0));
    }

    @Test
    void the_list_cannot_be_changed_nor_read_past_its_end() {
        SignalValues copy = SignalValues.copyOf(SIGNALS);

        assertThatThrownBy(() -> copy.add(SIGNALS.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.set(0, SIGNALS.get(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SignalValues.copyOf(java.util.Arrays.asList(SIGNALS.get(0), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_builder_fills_the_signals_of_shared_names_in_their_order_and_builds_once() {
        String[] names = {"a", "b"};
        SignalValues.Builder first = new SignalValues.Builder(names).set(1, 2.0, 60.0, 1.0).set(0, Double.NaN, -1.0, 0.0);
        SignalValues built = first.build();
        SignalValues second = new SignalValues.Builder(names).set(0, 1.0, 10.0, 0.5).set(1, 3.0, 90.0, 0.5).build();

        assertThat(built).containsExactly(new SignalValue("a", null, -1.0, 0.0), new SignalValue("b", 2.0, 60.0, 1.0));
        assertThat(second).containsExactly(new SignalValue("a", 1.0, 10.0, 0.5), new SignalValue("b", 3.0, 90.0, 0.5));
        assertThatThrownBy(first::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SignalValues.Builder(names).set(2, 1.0, 1.0, 1.0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void a_health_score_keeps_its_signals_as_columns_whatever_list_it_is_given() {
        List<SignalValue> mutable = new ArrayList<>(SIGNALS);
        HealthScore score = new HealthScore("001A", LocalDate.of(2026, 12, 7), 55.0, Band.YELLOW, mutable, List.of(),
                null, null, "scorecard-v1");
        mutable.clear();

        assertThat(score.signals()).isInstanceOf(SignalValues.class).isEqualTo(SIGNALS);
    }
}
