package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.Band;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreBlockTest {

    @Test
    void a_block_comes_back_exactly_and_bytes_that_are_not_one_are_named_by_where_they_came_from() {
        List<ScoreBlock.Entry> entries = List.of(new ScoreBlock.Entry("001A", 71.25, Band.GREEN, "scorecard-v1"),
                new ScoreBlock.Entry("001B", 12.0 / 7, Band.RED, null),
                new ScoreBlock.Entry("001C", 50, Band.YELLOW, "churn-20261201"));

        assertThat(ScoreBlock.decode(ScoreBlock.encode(entries), "here")).isEqualTo(entries);
        assertThat(ScoreBlock.decode(ScoreBlock.encode(List.of()), "here")).isEmpty();
        byte[] cut = java.util.Arrays.copyOf(ScoreBlock.encode(entries), 20);
        assertThatThrownBy(() -> ScoreBlock.decode(cut, "score_backfill 2026-11-20 001A"))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("score_backfill 2026-11-20 001A: not a score block");
        byte[] later = ScoreBlock.encode(entries);
        later[0] = 9;
        assertThatThrownBy(() -> ScoreBlock.decode(later, "row"))
                .isInstanceOf(StoreException.class).hasMessageContaining("format 9");
    }
}
