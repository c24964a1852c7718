package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    // five rows, two positives; the 0.8 pair ties a positive with a negative
    private static final double[] SCORES = {0.9, 0.8, 0.8, 0.3, 0.1};
    private static final int[] LABELS = {1, 0, 1, 0, 0};

    @Test
    void roc_auc_counts_a_tied_pair_as_one_half() {
        // pairs (positive above negative): 0.9 beats all three = 3; 0.8 ties one (0.5), beats two = 2.5; of 2 x 3
        assertThat(Metrics.rocAuc(SCORES, LABELS)).isCloseTo(5.5 / 6, within(1e-12));
    }

    @Test
    void roc_auc_is_one_half_when_every_score_is_the_same_and_nan_with_one_class() {
        assertThat(Metrics.rocAuc(new double[] {0.3, 0.3, 0.3}, new int[] {1, 0, 0})).isEqualTo(0.5);
        assertThat(Metrics.rocAuc(new double[] {0.3, 0.4}, new int[] {1, 1})).isNaN();
    }

    @Test
    void roc_auc_of_a_reversed_ranking_is_zero() {
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {1, 1, 0, 0})).isEqualTo(0.0);
    }

    @Test
    void average_precision_enters_a_tied_group_at_once() {
        // threshold 0.9: precision 1/1, recall +1/2; threshold 0.8: precision 2/3, recall +1/2
        assertThat(Metrics.averagePrecision(SCORES, LABELS)).isCloseTo(0.5 * 1 + 0.5 * 2.0 / 3, within(1e-12));
    }

    @Test
    void precision_at_top_shares_a_tied_group_that_straddles_the_cut() {
        assertThat(Metrics.precisionAtTop(SCORES, LABELS, 0.1)).isEqualTo(1.0); // ceil(0.5) = 1 row: the 0.9 positive
        // 2 rows: the 0.9 positive, then one of the tied 0.8 pair, positive half the time
        assertThat(Metrics.precisionAtTop(SCORES, LABELS, 0.4)).isCloseTo(1.5 / 2, within(1e-12));
    }

    @Test
    void lift_at_top_decile_is_its_precision_over_the_base_rate() {
        assertThat(Metrics.liftTopDecile(SCORES, LABELS)).isCloseTo(1.0 / 0.4, within(1e-12));
    }

    @Test
    void brier_is_the_mean_squared_error_of_the_probabilities() {
        double expected = (0.01 + 0.64 + 0.04 + 0.09 + 0.01) / 5;
        assertThat(Metrics.brier(SCORES, LABELS)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void expected_calibration_error_weights_each_bin_by_its_rows() {
        // bin 9: |0.9 - 1| x 1 row; bin 8: |0.8 - 0.5| x 2 rows; bin 3: 0.3 x 1; bin 1: 0.1 x 1
        double expected = (0.1 + 0.3 * 2 + 0.3 + 0.1) / 5;
        assertThat(Metrics.expectedCalibrationError(SCORES, LABELS, 10)).isCloseTo(expected, within(1e-12));
        // a probability of exactly 1 falls in the last bin, not past it
        assertThat(Metrics.expectedCalibrationError(new double[] {1.0, 0.0}, new int[] {1, 0}, 10)).isEqualTo(0.0);
    }

    @Test
    void auc_standard_error_shrinks_with_more_rows() {
        double small = Metrics.aucStandardError(0.7, 20, 80);
        double large = Metrics.aucStandardError(0.7, 200, 800);
        assertThat(small).isGreaterThan(large);
        assertThat(large).isBetween(0.01, 0.03);
    }
}
