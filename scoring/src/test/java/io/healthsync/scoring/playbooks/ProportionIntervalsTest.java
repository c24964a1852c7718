package io.healthsync.scoring.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against the published tables of Newcombe 1998, to their four decimals. */
class ProportionIntervalsTest {

    private static final Offset<Double> FOUR_DECIMALS = within(0.00005);

    /** Newcombe, "Two-sided confidence intervals for the single proportion", Table I, method 3 (score). */
    @ParameterizedTest
    @CsvSource({
            "81, 263, 0.2553, 0.3662",
            "15, 148, 0.0624, 0.1605",
            "0, 20, 0.0000, 0.1611",
            "1, 29, 0.0061, 0.1718"})
    void should_give_wilsons_score_interval_of_the_published_examples(int successes, int n, double lower, double upper) {
        Interval interval = ProportionIntervals.wilson(successes, n);

        assertThat(interval.lower()).isCloseTo(lower, FOUR_DECIMALS);
        assertThat(interval.upper()).isCloseTo(upper, FOUR_DECIMALS);
    }

    /** Newcombe, "Interval estimation for the difference between independent proportions", Table II, method 10. */
    @ParameterizedTest
    @CsvSource({
            "56, 70, 48, 80, 0.0524, 0.3339",
            "9, 10, 3, 10, 0.1705, 0.8090",
            "5, 56, 0, 29, -0.0381, 0.1926",
            "0, 10, 0, 20, -0.1611, 0.2775",
            "0, 10, 0, 10, -0.2775, 0.2775",
            "10, 10, 0, 20, 0.6791, 1.0000",
            "10, 10, 0, 10, 0.6075, 1.0000"})
    void should_give_newcombes_hybrid_score_interval_of_the_published_examples(int s1, int n1, int s2, int n2,
                                                                              double lower, double upper) {
        Interval interval = ProportionIntervals.newcombeDifference(s1, n1, s2, n2);

        assertThat(interval.lower()).isCloseTo(lower, FOUR_DECIMALS);
        assertThat(interval.upper()).isCloseTo(upper, FOUR_DECIMALS);
    }

    @Test
    void should_mirror_the_interval_when_the_groups_swap() {
        Interval forward = ProportionIntervals.newcombeDifference(56, 70, 48, 80);
        Interval swapped = ProportionIntervals.newcombeDifference(48, 80, 56, 70);

        assertThat(swapped.lower()).isCloseTo(-forward.upper(), within(1e-12));
        assertThat(swapped.upper()).isCloseTo(-forward.lower(), within(1e-12));
    }

    @Test
    void should_keep_all_successes_inside_the_possible_range() {
        Interval all = ProportionIntervals.wilson(20, 20);

        // 1 - the upper limit of 0 of 20: z^2 / (n + z^2) = 3.8415 / 23.8415
        assertThat(all.upper()).isEqualTo(1.0);
        assertThat(all.lower()).isCloseTo(1 - 0.1611, FOUR_DECIMALS);
    }

    @Test
    void should_refuse_counts_that_are_not_a_proportion() {
        assertThatThrownBy(() -> ProportionIntervals.wilson(0, 0))
                .hasMessage("a proportion needs 0 <= successes <= n and n > 0, got 0 of 0");
        assertThatThrownBy(() -> ProportionIntervals.newcombeDifference(3, 2, 1, 5))
                .hasMessage("a proportion needs 0 <= successes <= n and n > 0, got 3 of 2");
    }
}
