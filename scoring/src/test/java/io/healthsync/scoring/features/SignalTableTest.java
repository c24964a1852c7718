package io.healthsync.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.Signal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalTableTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-06");

    @Test
    void a_row_added_by_signal_ordinal_reads_back_as_the_same_record_as_one_added_from_a_map() {
        double[] row = new double[Signal.values().length];
        Arrays.fill(row, Double.NaN);
        row[Signal.TOUCHES_30D.ordinal()] = 3;
        row[Signal.DAYS_SINCE_LAST_TOUCH.ordinal()] = 12;
        SignalTable byOrdinal = new SignalTable(DAY, 1);
        byOrdinal.add("001A", "SMB", row);
        row[Signal.TOUCHES_30D.ordinal()] = 99; // the table keeps its own copy

        SignalTable byMap = new SignalTable(DAY, 1);
        byMap.add("001A", "SMB", Map.of(Signal.TOUCHES_30D, 3.0, Signal.DAYS_SINCE_LAST_TOUCH, 12.0));

        AccountSignals read = byOrdinal.rows().get(0);
        AccountSignals expected = byMap.rows().get(0);
        assertThat(read.accountId()).isEqualTo("001A");
        assertThat(read.segment()).isEqualTo("SMB");
        for (Signal signal : Signal.values()) {
            assertThat(read.value(signal)).as(signal.key()).isEqualTo(expected.value(signal));
        }
        assertThat(read.value(Signal.TOUCHES_30D)).isEqualTo(3.0);
        assertThat(read.value(Signal.TICKETS_30D)).isNull();
    }

    @Test
    void a_row_of_the_wrong_length_or_past_the_capacity_is_refused() {
        SignalTable table = new SignalTable(DAY, 1);
        assertThatThrownBy(() -> table.add("001A", "SMB", new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values");
        table.add("001A", "SMB", new double[Signal.values().length]);
        assertThatThrownBy(() -> table.add("001B", "SMB", new double[Signal.values().length]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
    }
}
