package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskBandsTest {

    @Test
    void thresholds_follow_the_churn_observed_per_score() {
        // scores 10, 20, 40, 50, 70, 80, 90, 95, 97, 99 (score = 100 x (1 - p))
        double[] p = {0.90, 0.80, 0.60, 0.50, 0.30, 0.20, 0.10, 0.05, 0.03, 0.01};
        int[] churned = {1, 1, 1, 0, 1, 0, 0, 0, 0, 0};
        RiskBands bands = RiskBands.fromOutOfFold(p, churned);

        // <= 60: 3 of 4 churned (75%): red up to 60. > 60: 1 of 6 (17%); > 65 the same; > 70: 0 of 5: green above 70
        assertThat(bands.redMax()).isEqualTo(60);
        assertThat(bands.yellowMax()).isEqualTo(70);
        assertThat(bands.observed()).extracting(RiskBands.Observed::rows).containsExactly(4, 1, 5);
        assertThat(bands.observed()).extracting(RiskBands.Observed::churned).containsExactly(3, 1, 0);
        assertThat(bands.thresholdsJson()).isEqualTo(Map.of("red_max", 60, "yellow_max", 70));
        assertThat(RiskBands.thresholds(Map.of("bands", bands.thresholdsJson()))).hasValueSatisfying(t ->
                assertThat(t).containsExactly(60, 70));
    }

    @Test
    void without_a_band_that_churns_enough_the_defaults_hold() {
        double[] p = {0.2, 0.2, 0.2, 0.2};
        int[] churned = {1, 0, 0, 0}; // every score 80, 25% churn: no red at 50%, no green at 10%
        RiskBands bands = RiskBands.fromOutOfFold(p, churned);

        assertThat(bands.redMax()).isEqualTo(30);
        assertThat(bands.yellowMax()).isEqualTo(70);
        assertThat(RiskBands.thresholds(Map.of())).isEmpty();
    }
}
