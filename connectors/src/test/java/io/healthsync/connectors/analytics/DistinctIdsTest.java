package io.healthsync.connectors.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctIdsTest {

    @Test
    void counts_each_id_once_across_growth_as_a_set_of_the_strings_would() {
        Random random = new Random(7);
        DistinctIds ids = new DistinctIds();
        Set<String> reference = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            // ids repeat (a user's many events in a day) and look alike (user-1, user-10, user-100)
            String id = "user-" + random.nextInt(5_000);
            ids.add(id);
            reference.add(id);
            if (i % 997 == 0) {
                assertThat(ids.size()).isEqualTo(reference.size());
            }
        }
        assertThat(ids.size()).isEqualTo(reference.size()).isGreaterThan(4_800); // 20,000 draws of 5,000
    }

    @Test
    void an_empty_id_counts_as_one_id_and_no_id_hashes_to_the_empty_slot() {
        DistinctIds ids = new DistinctIds();
        ids.add("");
        ids.add("");
        assertThat(ids.size()).isOne();
        assertThat(DistinctIds.hash("")).isNotZero();
        assertThat(DistinctIds.hash("session-1")).isNotEqualTo(DistinctIds.hash("session-2"));
    }
}
