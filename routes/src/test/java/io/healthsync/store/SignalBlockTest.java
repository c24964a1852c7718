package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalDetail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalBlockTest {

    @Test
    void a_block_comes_back_exactly_null_values_never_happened_details_stale_sources_and_labels_included() {
        Map<Signal, Double> values = new HashMap<>();
        values.put(Signal.TOUCHES_30D, 3.0);
        values.put(Signal.DAYS_SINCE_QBR, 412.0);
        values.put(Signal.ACTIVE_USERS_PER_SEAT, null); // no data: kept as a key with null, as the builder leaves it
        values.put(Signal.TOUCH_TREND, -0.0);
        values.put(Signal.TOUCHES_90D, 70_000.0); // past a short
        values.put(Signal.TENURE_DAYS, -3.0);
        values.put(Signal.DAYS_TO_RENEWAL, 1e12); // past an int
        values.put(Signal.OPEN_OPPORTUNITIES, 0.1 + 0.2);
        String longLabel = "x".repeat(70_000); // past writeUTF's 64 KB
        List<SignalSnapshot.Entry> entries = List.of(
                new SignalSnapshot.Entry(new AccountSignals("001A", "Enterprise", values, Set.of(Signal.DAYS_SINCE_QBR),
                        Map.of(SignalDetail.values()[0], 0.25), Map.of("zendesk", "last complete pull 2026-11-30")),
                        -7L, Map.of("touch base", 3, longLabel, 1, "café ☕", 2)),
                new SignalSnapshot.Entry(new AccountSignals("001B", null, Map.of()), Long.MAX_VALUE, Map.of()));

        List<SignalSnapshot.Entry> back = SignalBlock.decode(SignalBlock.encode(entries), "here");

        assertThat(back).isEqualTo(entries);
        assertThat(back.get(0).signals().values()).containsKey(Signal.ACTIVE_USERS_PER_SEAT);
        assertThat(Double.doubleToRawLongBits(back.get(0).signals().value(Signal.TOUCH_TREND)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(SignalBlock.decode(SignalBlock.encode(List.of()), "here")).isEmpty();
    }

    @Test
    void bytes_that_are_not_a_block_are_named_by_where_they_came_from() {
        byte[] whole = SignalBlock.encode(List.of(new SignalSnapshot.Entry(
                new AccountSignals("001A", "SMB", Map.of(Signal.TOUCHES_30D, 3.0)), 1L, Map.of())));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        assertThatThrownBy(() -> SignalBlock.decode(cut, "signal_block 4"))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("signal_block 4: not a signal block");
        byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> SignalBlock.decode(longer, "signal_block 4"))
                .isInstanceOf(StoreException.class).hasMessageContaining("bytes after the last of 1 accounts");
        whole[0] = 9;
        assertThatThrownBy(() -> SignalBlock.decode(whole, "signal_block 4"))
                .isInstanceOf(StoreException.class).hasMessageContaining("format 9");
    }
}
