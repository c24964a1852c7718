package io.healthsync.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.UsageDay;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UsageHistoryTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    private static UsageDay day(int daysAgo, Map<String, Integer> events) {
        return new UsageDay("amplitude", "001A", TODAY.minusDays(daysAgo), 3, 4, events);
    }

    private static final List<UsageDay> DAYS = List.of(
            day(1, Map.of("dashboards", 4, "reports", 0)),
            day(5, Map.of("alerts", 2, "untracked", 9)),
            day(12, Map.of("reports", 1)),
            day(40, Map.of("exports", 7))); // older than 30 days: not counted

    @Test
    void counts_the_tracked_features_used_in_the_last_30_days_with_few_features_tracked() {
        Set<String> tracked = Set.of("dashboards", "reports", "alerts", "exports");
        assertThat(UsageHistory.of(TODAY.toEpochDay(), DAYS, tracked).featuresUsed30()).isEqualTo(3);
        assertThat(UsageHistory.of(TODAY.toEpochDay(), DAYS, Set.of("reports", "exports")).featuresUsed30()).isEqualTo(1);
    }

    @Test
    void counts_the_same_with_more_features_tracked_than_a_day_holds() {
        // more tracked features than any day's map and than 16: the day's own map is walked instead
        Set<String> tracked = new HashSet<>(IntStream.range(0, 40).mapToObj(i -> "feature" + i).collect(Collectors.toSet()));
        tracked.addAll(List.of("dashboards", "reports", "alerts", "exports"));
        assertThat(UsageHistory.of(TODAY.toEpochDay(), DAYS, tracked).featuresUsed30()).isEqualTo(3);
    }
}
