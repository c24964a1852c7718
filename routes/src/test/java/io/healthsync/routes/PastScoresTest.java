package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.Band;
import io.healthsync.model.HealthScore;
import io.healthsync.scoring.playbooks.ScorePoint;
import io.healthsync.store.JdbcStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PastScoresTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY2 = LocalDate.of(2026, 11, 27);

    private final JdbcStore store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void every_days_score_reaches_score_history_across_transactions_and_an_account_missing_a_day_has_no_row_that_day() {
        PastScores past = new PastScores();
        past.add(List.of(score("001C", DAY1, 40, Band.RED), score("001A", DAY1, 80, Band.GREEN),
                score("001B", DAY1, 60, Band.YELLOW)));
        // 001D is new on day 2; 001B has no score that day
        past.add(List.of(score("001A", DAY2, 70, Band.YELLOW), score("001C", DAY2, 45, Band.RED),
                score("001D", DAY2, 90, Band.GREEN)));

        past.store(store, 2); // two accounts a transaction: three transactions for four accounts

        Map<String, List<ScorePoint>> history = store.scoreHistory(DAY1);
        assertThat(history).containsOnlyKeys("001A", "001B", "001C", "001D");
        assertThat(history.get("001A")).containsExactly(new ScorePoint(DAY1, 80, Band.GREEN),
                new ScorePoint(DAY2, 70, Band.YELLOW));
        assertThat(history.get("001B")).containsExactly(new ScorePoint(DAY1, 60, Band.YELLOW));
        assertThat(history.get("001C")).containsExactly(new ScorePoint(DAY1, 40, Band.RED),
                new ScorePoint(DAY2, 45, Band.RED));
        assertThat(history.get("001D")).containsExactly(new ScorePoint(DAY2, 90, Band.GREEN));
        assertThat(store.scoredDays(List.of(DAY1, DAY2, DAY2.plusDays(1)))).containsExactlyInAnyOrder(DAY1, DAY2);
    }

    @Test
    void days_come_oldest_first() {
        PastScores past = new PastScores();
        past.add(List.of(score("001A", DAY2, 70, Band.YELLOW)));

        assertThatThrownBy(() -> past.add(List.of(score("001A", DAY1, 80, Band.GREEN))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oldest first");
    }

    private static HealthScore score(String account, LocalDate day, double score, Band band) {
        return new HealthScore(account, day, score, band, List.of(), List.of(), null, null, "scorecard-v1");
    }
}
