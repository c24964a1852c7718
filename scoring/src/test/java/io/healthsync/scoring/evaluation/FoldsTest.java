package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void stratified_folds_keep_the_positive_rate_and_test_every_row_once() {
        Random random = new Random(7);
        int[] labels = IntStream.range(0, 1003).map(i -> random.nextDouble() < 0.12 ? 1 : 0).toArray();
        double rate = Arrays.stream(labels).average().orElseThrow();
        List<Fold> folds = Folds.stratified(labels, 5, 42);

        int[] tested = new int[labels.length];
        for (Fold fold : folds) {
            double foldRate = Arrays.stream(fold.test()).map(r -> labels[r]).average().orElseThrow();
            assertThat(foldRate).isCloseTo(rate, org.assertj.core.api.Assertions.within(1.0 / fold.test().length + 1e-9));
            assertThat(fold.test().length).isBetween(200, 201);
            assertThat(fold.train().length + fold.test().length).isEqualTo(labels.length);
            assertThat(Arrays.stream(fold.train()).boxed().toList()).doesNotContainAnyElementsOf(Arrays.stream(fold.test()).boxed().toList());
            Arrays.stream(fold.test()).forEach(r -> tested[r]++);
        }
        assertThat(tested).containsOnly(1);
    }

    @Test
    void stratified_folds_depend_on_the_seed_only() {
        int[] labels = IntStream.range(0, 100).map(i -> i % 4 == 0 ? 1 : 0).toArray();
        assertThat(Folds.stratified(labels, 5, 1).get(0).test()).isEqualTo(Folds.stratified(labels, 5, 1).get(0).test());
        assertThat(Folds.stratified(labels, 5, 1).get(0).test()).isNotEqualTo(Folds.stratified(labels, 5, 2).get(0).test());
    }

    @Test
    void walk_forward_never_tests_on_rows_earlier_than_its_training_rows() {
        Random random = new Random(3);
        double[] times = IntStream.range(0, 500).mapToDouble(i -> random.nextInt(24)).toArray(); // 24 months, shuffled
        List<Fold> folds = Folds.walkForward(times, 5);

        assertThat(folds).hasSize(5);
        double previousCut = Double.NEGATIVE_INFINITY;
        for (Fold fold : folds) {
            assertThat(fold.train()).isNotEmpty();
            assertThat(fold.test()).isNotEmpty();
            double latestTrain = Arrays.stream(fold.train()).mapToDouble(r -> times[r]).max().orElseThrow();
            double earliestTest = Arrays.stream(fold.test()).mapToDouble(r -> times[r]).min().orElseThrow();
            assertThat(earliestTest).isGreaterThan(latestTrain);
            assertThat(earliestTest).isGreaterThan(previousCut); // the origin rolls forward
            previousCut = earliestTest;
        }
        // the last test block reaches the latest time
        assertThat(Arrays.stream(folds.get(4).test()).mapToDouble(r -> times[r]).max().orElseThrow()).isEqualTo(23.0);
    }

    @Test
    void walk_forward_needs_more_distinct_times_than_cut_offs() {
        assertThatThrownBy(() -> Folds.walkForward(new double[] {1, 1, 2, 2}, 5))
                .hasMessageContaining("needs at least 6 distinct time values; the time column has 2");
    }

    @Test
    void time_holdout_keeps_the_latest_rows() {
        double[] times = {5, 1, 4, 2, 3, 5, 1, 2, 3, 4};
        Fold split = Folds.timeHoldout(IntStream.range(0, 10).toArray(), times, 0.2);
        assertThat(Arrays.stream(split.test()).mapToDouble(r -> times[r])).containsOnly(5.0);
        assertThat(Arrays.stream(split.train()).mapToDouble(r -> times[r]).max().orElseThrow()).isLessThan(5.0);
    }
}
