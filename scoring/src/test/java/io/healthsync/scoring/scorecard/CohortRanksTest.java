package io.healthsync.scoring.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.SignalTable;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A percentile by the cohort's distinct values is the mid-rank percentile counted over every member. */
class CohortRanksTest {

    private static final Signal HIGHER_BETTER = Signal.TOUCHES_30D;

    @Test
    void should_give_the_mid_rank_percentile_of_every_member_for_values_in_and_out_of_the_cohort() {
        Random random = new Random(7);
        double[] members = new double[2_000];
        for (int i = 0; i < members.length; i++) { // ties galore, a few values apart, no data for some
            members[i] = i % 17 == 0 ? Double.NaN : i % 5 == 0 ? random.nextGaussian() * 100 : random.nextInt(40);
        }
        members[3] = -0.0; // the comparisons hold -0.0 and 0.0 equal
        CohortRanks ranks = ranks(members);

        for (double value : new double[] {-1_000, -0.0, 0.0, 0.5, 1, 7, 39, 40, 1_000, members[10], members[15]}) {
            assertThat(ranks.percentile(HIGHER_BETTER, value)).as("value %s", value)
                    .isEqualTo(counted(members, value));
        }
        for (int i = 0; i < members.length; i++) {
            if (!Double.isNaN(members[i])) {
                assertThat(ranks.percentile(HIGHER_BETTER, members[i])).isEqualTo(counted(members, members[i]));
            }
        }
    }

    @Test
    void should_sort_as_arrays_sort_does_whether_the_values_are_counted_or_not() {
        Random random = new Random(11);
        double[][] cases = {
                random.ints(5_000, 0, 90).asDoubleStream().toArray(), // counts: counted
                random.ints(5_000, -400, 3_000).asDoubleStream().toArray(), // day spans, negative too: counted
                random.ints(5_000, 0, 1_000_000).asDoubleStream().toArray(), // too wide a span: sorted
                random.doubles(5_000, -1, 1).toArray(), // fractions: sorted
                {3, 1, 2}, // too few to count
                withAt(random.ints(5_000, 0, 50).asDoubleStream().toArray(), 17, -0.0), // -0.0 kept before 0.0
                withAt(random.ints(5_000, 0, 50).asDoubleStream().toArray(), 9, 1e300),
                withAt(random.ints(5_000, 0, 50).asDoubleStream().toArray(), 9, Double.POSITIVE_INFINITY),
                withAt(random.ints(5_000, 0, 50).asDoubleStream().toArray(), 9, Long.MIN_VALUE)};
        for (double[] values : cases) {
            double[] expected = values.clone();
            java.util.Arrays.sort(expected);
            double[] sorted = CohortRanks.sorted(values.clone(), values.length - 1);
            double[] expectedOfFirst = java.util.Arrays.copyOf(values, values.length - 1);
            java.util.Arrays.sort(expectedOfFirst);
            assertThat(CohortRanks.sorted(values.clone(), values.length)).containsExactly(expected);
            assertThat(sorted).containsExactly(expectedOfFirst);
            for (int i = 0; i < sorted.length; i++) { // the sign of a zero too
                assertThat(Double.doubleToRawLongBits(sorted[i])).isEqualTo(Double.doubleToRawLongBits(expectedOfFirst[i]));
            }
        }
    }

    private static double[] withAt(double[] values, int at, double value) {
        values[at] = value;
        return values;
    }

    @Test
    void should_rank_the_same_from_a_stored_cohort_as_from_the_table_it_was_made_of() {
        double[] members = {5, 1, 1, 3, 9, 9, 9, Double.NaN, 0};
        CohortRanks fromTable = ranks(members);
        CohortRanks stored = new CohortRanks(fromTable.sortedBySignal());

        assertThat(stored.sortedBySignal().get(HIGHER_BETTER)).containsExactly(0, 1, 1, 3, 5, 9, 9, 9);
        for (double value : new double[] {-1, 0, 1, 2, 3, 9, 10}) {
            assertThat(stored.percentile(HIGHER_BETTER, value)).isEqualTo(fromTable.percentile(HIGHER_BETTER, value));
        }
        assertThat(fromTable.percentile(HIGHER_BETTER, 9)).isEqualTo(100.0 * (5 + 0.5 * 3) / 8);
        assertThat(fromTable.percentile(HIGHER_BETTER, 2)).isEqualTo(100.0 * 3 / 8);
    }

    @Test
    void should_turn_the_percentile_for_a_signal_where_lower_is_better_and_give_50_without_members() {
        Signal lowerBetter = java.util.Arrays.stream(Signal.values()).filter(s -> !s.higherIsBetter()).findFirst()
                .orElseThrow();
        SignalTable table = new SignalTable(LocalDate.parse("2026-12-06"), 4);
        double[] values = {1, 2, 3, 4};
        for (int i = 0; i < values.length; i++) {
            table.add("A" + i, "SMB", Map.of(lowerBetter, values[i]));
        }
        CohortRanks ranks = new CohortRanks(table, new int[] {0, 1, 2, 3}, Set.of(lowerBetter, HIGHER_BETTER));

        assertThat(ranks.percentile(lowerBetter, 1)).isEqualTo(100.0 - 12.5);
        assertThat(ranks.percentile(HIGHER_BETTER, 3)).isEqualTo(50.0); // no member has data for it
    }

    private static CohortRanks ranks(double[] members) {
        SignalTable table = new SignalTable(LocalDate.parse("2026-12-06"), members.length);
        for (int i = 0; i < members.length; i++) {
            Map<Signal, Double> row = new EnumMap<>(Signal.class);
            if (!Double.isNaN(members[i])) {
                row.put(HIGHER_BETTER, members[i]);
            }
            table.add("A" + i, "SMB", row);
        }
        return new CohortRanks(table, IntStream.range(0, members.length).toArray(), Set.of(HIGHER_BETTER));
    }

    /** 100 * (members below + half the members equal) / members with data, counted one by one. */
    private static double counted(double[] members, double value) {
        int below = 0;
        int equal = 0;
        int n = 0;
        for (double member : members) {
            if (Double.isNaN(member)) {
                continue;
            }
            n++;
            if (member < value) {
                below++;
            } else if (member == value) {
                equal++;
            }
        }
        return 100.0 * (below + 0.5 * equal) / n;
    }
}
