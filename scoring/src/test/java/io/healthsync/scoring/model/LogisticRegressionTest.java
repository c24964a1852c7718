package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void a_binary_feature_recovers_the_rates_of_its_two_groups() {
        // x = 0: 1 of 4 positive; x = 1: 3 of 4 positive. The (nearly unregularized) fit is the saturated
        // model, so it must predict exactly those rates: 0.25 and 0.75.
        float[] x = {0, 0, 0, 0, 1, 1, 1, 1};
        int[] y = {1, 0, 0, 0, 1, 1, 1, 0};
        int[] rows = IntStream.range(0, 8).toArray();
        LogisticRegression model = LogisticRegression.fit(x, 1, rows, y, 1e-9);

        assertThat(model.probability(x, 1, 0)).isCloseTo(0.25, within(1e-6));
        assertThat(model.probability(x, 1, 4)).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void separable_data_stay_finite_under_l2_and_keep_the_order() {
        float[] x = {0, 1, 2, 3};
        int[] y = {0, 0, 1, 1};
        LogisticRegression model = LogisticRegression.fit(x, 1, new int[] {0, 1, 2, 3}, y, 1.0);

        assertThat(Arrays.stream(model.weights()).allMatch(Double::isFinite)).isTrue();
        assertThat(model.probability(x, 1, 0)).isLessThan(0.5);
        assertThat(model.probability(x, 1, 3)).isGreaterThan(0.5);
        assertThat(model.probability(x, 1, 1)).isLessThan(model.probability(x, 1, 2));
    }

    @Test
    void a_missing_value_is_imputed_with_the_training_mean() {
        float[] x = {0, 0, 1, 1, Float.NaN};
        int[] y = {0, 1, 1, 1, 0};
        LogisticRegression model = LogisticRegression.fit(x, 1, new int[] {0, 1, 2, 3}, y, 1.0);
        float[] mean = {0.5f};
        assertThat(model.probability(x, 1, 4)).isCloseTo(model.probability(mean, 1, 0), within(1e-12));
    }

    @Test
    void platt_scaling_of_a_separated_set_hits_platts_smoothed_targets() {
        // two positives at margin 1, two negatives at -1: targets 3/4 and 1/4, so b = 0 and a = ln 3
        PlattScaling platt = PlattScaling.fit(new double[] {-1, -1, 1, 1}, new int[] {0, 0, 1, 1});
        assertThat(platt.a()).isCloseTo(Math.log(3), within(1e-8));
        assertThat(platt.b()).isCloseTo(0, within(1e-8));
        assertThat(platt.probability(1)).isCloseTo(0.75, within(1e-8));
    }
}
