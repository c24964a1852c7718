package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesTest {

    @Test
    void roc_steps_once_per_distinct_score_from_the_highest() {
        // sorted by score: 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.2 (neg); 2 positives, 2 negatives
        double[] scores = {0.2, 0.9, 0.7, 0.8};
        int[] labels = {0, 1, 1, 0};

        assertThat(Curves.roc(scores, labels, 100)).containsExactly(new Curves.RocPoint(0, 0),
                new Curves.RocPoint(0, 0.5), new Curves.RocPoint(0.5, 0.5), new Curves.RocPoint(0.5, 1),
                new Curves.RocPoint(1, 1));
    }

    @Test
    void roc_moves_diagonally_through_a_tied_group() {
        // 0.6 is shared by one positive and one negative: one step from (0, 1/2) to (1/2, 1), not two
        double[] scores = {0.9, 0.6, 0.6, 0.1};
        int[] labels = {1, 1, 0, 0};

        assertThat(Curves.roc(scores, labels, 100)).containsExactly(new Curves.RocPoint(0, 0),
                new Curves.RocPoint(0, 0.5), new Curves.RocPoint(0.5, 1), new Curves.RocPoint(1, 1));
    }

    @Test
    void roc_is_thinned_evenly_keeping_both_ends() {
        // 9 distinct scores alternating labels: 10 points; thinned to 4 keeps indexes 0, 3, 6, 9
        double[] scores = {9, 8, 7, 6, 5, 4, 3, 2, 1};
        int[] labels = {1, 0, 1, 0, 1, 0, 1, 0, 1};
        List<Curves.RocPoint> all = Curves.roc(scores, labels, 100);

        List<Curves.RocPoint> thinned = Curves.roc(scores, labels, 4);

        assertThat(all).hasSize(10);
        assertThat(thinned).containsExactly(all.get(0), all.get(3), all.get(6), all.get(9));
        assertThat(thinned.get(3)).isEqualTo(new Curves.RocPoint(1, 1));
        assertThat(thinned.get(1)).isEqualTo(new Curves.RocPoint(1 / 4.0, 2 / 5.0)); // 1,0,1 seen: 2 of 5 pos, 1 of 4 neg
    }

    @Test
    void roc_is_empty_with_one_class() {
        assertThat(Curves.roc(new double[] {0.1, 0.2}, new int[] {1, 1}, 100)).isEmpty();
    }

    @Test
    void calibration_bins_hold_mean_predicted_observed_rate_and_count() {
        double[] p = {0.05, 0.15, 0.12, 0.95, 1.0, 0.18};
        int[] labels = {0, 1, 0, 1, 1, 0};

        List<Curves.CalibrationBin> bins = Curves.calibration(p, labels, 10);

        assertThat(bins).hasSize(10);
        assertThat(bins.get(0)).isEqualTo(new Curves.CalibrationBin(0, 0.1, 0.05, 0, 1));
        assertThat(bins.get(1).meanPredicted()).isCloseTo((0.15 + 0.12 + 0.18) / 3, within(1e-12));
        assertThat(bins.get(1).observedRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(bins.get(1).count()).isEqualTo(3);
        assertThat(bins.get(9)).isEqualTo(new Curves.CalibrationBin(0.9, 1.0, 0.975, 1, 2)); // 1.0 falls in the last bin
        assertThat(bins.get(5).count()).isZero();
        assertThat(bins.get(5).meanPredicted()).isNaN();
        // the same bins as the ECE: its row-weighted gaps add up to it
        double ece = bins.stream().filter(b -> b.count() > 0)
                .mapToDouble(b -> b.count() * Math.abs(b.meanPredicted() - b.observedRate()) / p.length).sum();
        assertThat(ece).isCloseTo(Metrics.expectedCalibrationError(p, labels, 10), within(1e-12));
    }

    @Test
    void gains_count_the_churners_among_the_riskiest_deciles() {
        // 20 rows, 4 positives at ranks 1, 2, 5 and 20 (scores 20 down to 1): top 10% (2 rows) holds 2 of 4
        double[] scores = new double[20];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = 20 - i;
        }
        labels[0] = 1;
        labels[1] = 1;
        labels[4] = 1;
        labels[19] = 1;

        List<Curves.Gain> gains = Curves.gains(scores, labels);

        assertThat(gains).hasSize(10);
        assertThat(gains.get(0)).isEqualTo(new Curves.Gain(1, 2, 0.5, 5.0));
        assertThat(gains.get(1)).isEqualTo(new Curves.Gain(2, 4, 0.5, 2.5));
        assertThat(gains.get(2)).isEqualTo(new Curves.Gain(3, 6, 0.75, 2.5));
        assertThat(gains.get(8).captured()).isEqualTo(0.75);
        assertThat(gains.get(9)).isEqualTo(new Curves.Gain(10, 20, 1.0, 1.0));
        assertThat(gains.get(0).lift()).isEqualTo(Metrics.liftTopDecile(scores, labels));
    }

    @Test
    void gains_share_a_tied_group_that_straddles_the_cut() {
        // 10 rows: the top decile is 1 row, drawn from a 4-way tie holding 1 positive: 1/4 expected positive
        double[] scores = {0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        int[] labels = {1, 0, 0, 0, 1, 0, 0, 0, 0, 0};

        List<Curves.Gain> gains = Curves.gains(scores, labels);

        assertThat(gains.get(0).captured()).isEqualTo(0.125); // 1/4 of a positive out of 2
        assertThat(gains.get(3).captured()).isEqualTo(0.5); // the whole tie: its one positive
        assertThat(gains.get(4).captured()).isCloseTo(0.5 + 0.5 / 6, within(1e-12)); // one of six rows holding one positive
    }

    @Test
    void gains_are_empty_without_positives() {
        assertThat(Curves.gains(new double[] {0.3, 0.2}, new int[] {0, 0})).isEmpty();
    }
}
