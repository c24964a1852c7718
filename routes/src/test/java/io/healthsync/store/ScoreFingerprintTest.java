package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.SignalValue;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreFingerprintTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    private static HealthScore score(double value, String driverText, Double signalValue, Double churn) {
        return new HealthScore("001A", DAY, value, Band.YELLOW,
                List.of(new SignalValue("days_since_touch", signalValue, 40.0, 0.2)),
                List.of(new Driver("days_since_touch", -4.0, driverText)), churn, null, "scorecard-v1");
    }

    @Test
    void the_same_score_has_the_same_fingerprint_and_any_stored_part_of_it_changes_it() {
        long base = ScoreFingerprint.of(score(61.5, "Last human touch 40 days ago", 40.0, null));

        assertThat(ScoreFingerprint.of(score(61.5, "Last human touch 40 days ago", 40.0, null))).isEqualTo(base);
        assertThat(List.of(
                ScoreFingerprint.of(score(61.6, "Last human touch 40 days ago", 40.0, null)),
                ScoreFingerprint.of(score(61.5, "Last human touch 41 days ago", 40.0, null)),
                ScoreFingerprint.of(score(61.5, "Last human touch 40 days ago", 41.0, null)),
                ScoreFingerprint.of(score(61.5, "Last human touch 40 days ago", null, null)),
                ScoreFingerprint.of(score(61.5, "Last human touch 40 days ago", 40.0, 0.3)),
                ScoreFingerprint.of(new HealthScore("001A", DAY.plusDays(1), 61.5, Band.YELLOW,
                        List.of(new SignalValue("days_since_touch", 40.0, 40.0, 0.2)),
                        List.of(new Driver("days_since_touch", -4.0, "Last human touch 40 days ago")), null, null,
                        "scorecard-v1")))).doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void a_field_boundary_is_part_of_the_fingerprint() {
        ScoreFingerprint ab = new ScoreFingerprint().add("ab").add("c");
        ScoreFingerprint a = new ScoreFingerprint().add("a").add("bc");

        assertThat(ab.value()).isNotEqualTo(a.value());
    }
}
