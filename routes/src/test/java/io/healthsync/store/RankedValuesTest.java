package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankedValuesTest {

    @Test
    void sorted_values_come_back_the_same_and_repeated_values_are_kept_once_with_their_count() {
        Random random = new Random(7);
        double[] counts = new double[100_000];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = random.nextInt(40); // a count signal: 40 distinct values
        }
        Arrays.sort(counts);
        double[] ratios = random.doubles(10_000, -1, 1).sorted().toArray();

        assertThat(RankedValues.decode(RankedValues.encode(counts), "test")).containsExactly(counts);
        assertThat(RankedValues.encode(counts)).hasSize(40 * 12);
        assertThat(RankedValues.decode(RankedValues.encode(ratios), "test")).containsExactly(ratios);
        assertThat(RankedValues.decode(RankedValues.encode(new double[0]), "test")).isEmpty();
    }

    @Test
    void damaged_bytes_are_refused_naming_where_they_were_read() {
        byte[] unordered = ByteBuffer.allocate(24).putDouble(2.0).putInt(1).putDouble(1.0).putInt(1).array();
        byte[] noCount = ByteBuffer.allocate(12).putDouble(2.0).putInt(0).array();

        assertThatThrownBy(() -> RankedValues.decode(new byte[13], "cohort_reference 2026-12-06 all touches_30d"))
                .hasMessageStartingWith("cohort_reference 2026-12-06 all touches_30d: 13 bytes are not whole");
        assertThatThrownBy(() -> RankedValues.decode(unordered, "here")).hasMessageContaining("entry 1");
        assertThatThrownBy(() -> RankedValues.decode(noCount, "here")).hasMessageContaining("entry 0");
    }
}
