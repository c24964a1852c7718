package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Signal;
import io.healthsync.model.UsageDay;
import io.healthsync.scoring.features.AccountHistory;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The leakage check: a feature that reads data dated after the as-of date fails the build. For random
 * accounts, activities and opportunities, a row's features must not change when records dated after its as-of
 * date are added, moved or closed. A deliberately leaky feature shows the check can fail.
 */
class PointInTimeLeakageTest {

    private static final int TRIALS = 300;
    private static final ActivityType[] TYPES = ActivityType.values();

    @Test
    void the_live_features_read_nothing_dated_after_the_as_of_date() {
        PointInTimeTrainingSet live = PointInTimeTrainingSet.live(180);
        assertThat(firstLeak(live, 7)).isEmpty();
    }

    @Test
    void a_feature_that_reads_todays_state_of_an_opportunity_is_caught() {
        SignalBuilder signals = new SignalBuilder();
        // counts opportunities not closed today, instead of open on the as-of date: the classic leak
        PointInTimeTrainingSet leaky = new PointInTimeTrainingSet((asOf, account, activities, opportunities) -> {
            AccountSignals real = signals.build(asOf, account, activities, opportunities);
            Map<Signal, Double> values = new HashMap<>(real.values());
            values.put(Signal.OPEN_OPPORTUNITIES, (double) opportunities.stream().filter(o -> !o.closed()).count());
            return new AccountSignals(real.accountId(), real.segment(), values, real.neverHappened());
        }, 180, PointInTimeTrainingSet.typeIs("Renewal"), 20);

        assertThat(firstLeak(leaky, 7)).get().asString().contains("open_opportunities");
    }

    @Test
    void a_feature_that_counts_every_activity_is_caught() {
        SignalBuilder signals = new SignalBuilder();
        PointInTimeTrainingSet leaky = new PointInTimeTrainingSet((asOf, account, activities, opportunities) -> {
            AccountSignals real = signals.build(asOf, account, activities, opportunities);
            Map<Signal, Double> values = new HashMap<>(real.values());
            values.put(Signal.TOUCHES_90D, (double) activities.size());
            return new AccountSignals(real.accountId(), real.segment(), values, real.neverHappened());
        }, 180, PointInTimeTrainingSet.typeIs("Renewal"), 20);

        assertThat(firstLeak(leaky, 7)).get().asString().contains("touches_90d");
    }

    @Test
    void a_usage_day_or_activity_after_the_as_of_date_changes_no_feature_of_the_store_rows() {
        Set<String> tracked = Set.of("dashboards", "reports", "automation");
        OutcomeTrainingSet training = new OutcomeTrainingSet(PointInTimeTrainingSet.live(new SignalBuilder(tracked)),
                new OutcomeLabels(OutcomeLabels.Target.CHURN, 90), null, 20);
        SignalBuilder live = new SignalBuilder(tracked);
        Random random = new Random(11);
        for (int trial = 0; trial < TRIALS; trial++) {
            LocalDate asOf = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(600));
            Account account = account(random, asOf);
            List<Activity> activities = activities(random, asOf);
            List<UsageDay> usage = usage(random, asOf, -200, 60);
            AccountHistory history = new AccountHistory(account, activities, List.of(), usage, List.of(), Map.of());
            List<UsageDay> laterUsage = new ArrayList<>(usage.stream().filter(u -> !u.day().isAfter(asOf)).toList());
            laterUsage.addAll(usage(random, asOf, 1, 300));
            AccountHistory later = new AccountHistory(account, futureActivities(random, asOf, activities), List.of(),
                    laterUsage, List.of(), Map.of());

            assertThat(training.features(asOf, later)).as("trial %d as of %s: a training row", trial, asOf)
                    .containsExactly(training.features(asOf, history));
            // the live code itself, uncut: the same, so scoring today and training agree on every past day
            assertThat(live.build(asOf, later).values()).as("trial %d as of %s: the live signals", trial, asOf)
                    .isEqualTo(live.build(asOf, history).values());
        }
    }

    private static List<UsageDay> usage(Random random, LocalDate asOf, int fromDays, int toDays) {
        List<UsageDay> days = new ArrayList<>();
        for (int d = fromDays; d <= toDays; d++) {
            if (random.nextInt(4) > 0) {
                days.add(new UsageDay("amplitude", "001A", asOf.plusDays(d), random.nextInt(40), random.nextInt(80),
                        random.nextBoolean() ? Map.of("dashboards", random.nextInt(9)) : Map.of("automation", 1)));
            }
        }
        return days;
    }

    /** The first trial whose row changed when only the future changed, described; empty when none did. */
    private static Optional<String> firstLeak(PointInTimeTrainingSet set, long seed) {
        Random random = new Random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            LocalDate asOf = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(600));
            Account account = account(random, asOf);
            List<Activity> activities = activities(random, asOf);
            List<Opportunity> opportunities = opportunities(random, asOf);
            float[] before = set.features(asOf, account, activities, opportunities);

            List<Activity> laterActivities = futureActivities(random, asOf, activities);
            List<Opportunity> laterOpportunities = futureOpportunities(random, asOf, opportunities);
            float[] after = set.features(asOf, account, laterActivities, laterOpportunities);

            if (!Arrays.equals(before, after)) {
                List<String> names = PointInTimeTrainingSet.signalNames();
                StringBuilder diff = new StringBuilder("trial " + trial + " as of " + asOf + ":");
                for (int f = 0; f < before.length; f++) {
                    if (Float.compare(before[f], after[f]) != 0) {
                        diff.append(' ').append(names.get(f)).append(' ').append(before[f]).append(" -> ").append(after[f]);
                    }
                }
                return Optional.of(diff.toString());
            }
        }
        return Optional.empty();
    }

    private static Account account(Random random, LocalDate asOf) {
        LocalDate start = asOf.minusDays(random.nextInt(1500) - 100); // now and then created after the as-of date
        return new Account("001A", "Acme", random.nextBoolean() ? "SMB" : null, null, null, null,
                random.nextBoolean() ? start : null, random.nextBoolean() ? asOf.plusDays(random.nextInt(400) - 30) : null,
                null, random.nextInt(5) == 0 ? null : start.atStartOfDay(ZoneOffset.UTC).toInstant(), null, Map.of());
    }

    /** Activities around the as-of date: before it, on it (any time of day), and after it. */
    private static List<Activity> activities(Random random, LocalDate asOf) {
        List<Activity> activities = new ArrayList<>();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            activities.add(activity(random, "00T" + i, asOf.atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(random.nextLong(-200L * 86_400, 60L * 86_400))));
        }
        return activities;
    }

    private static Activity activity(Random random, String id, Instant at) {
        ActivityType type = TYPES[random.nextInt(TYPES.length)];
        return new Activity("salesforce.Task", id, "001A", random.nextInt(10) == 0 ? null : type, type.key(), null, at, null, 30);
    }

    private static List<Opportunity> opportunities(Random random, LocalDate asOf) {
        List<Opportunity> opportunities = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            Instant created = random.nextInt(8) == 0 ? null
                    : asOf.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextLong(-300L * 86_400, 30L * 86_400));
            LocalDate close = asOf.plusDays(random.nextInt(200) - 100);
            boolean closed = random.nextBoolean();
            opportunities.add(new Opportunity("006" + i, "001A", "Opp " + i, closed ? "Closed" : "Open",
                    random.nextBoolean() ? "Renewal" : "Upsell", 1000.0, created, random.nextInt(10) == 0 ? null : close,
                    closed, closed && random.nextBoolean()));
        }
        return opportunities;
    }

    /** The same past, another future: later activities added and moved, never those on or before the as-of date. */
    private static List<Activity> futureActivities(Random random, LocalDate asOf, List<Activity> activities) {
        Instant endOfAsOf = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Activity> changed = new ArrayList<>();
        for (Activity activity : activities) {
            if (!activity.occurredAt().isBefore(endOfAsOf) && random.nextBoolean()) {
                changed.add(activity(random, activity.sourceId(), endOfAsOf.plusSeconds(random.nextLong(0, 90L * 86_400))));
            } else if (activity.occurredAt().isBefore(endOfAsOf) || random.nextInt(3) > 0) {
                changed.add(activity);
            } // else: a later activity deleted
        }
        int added = random.nextInt(20);
        for (int i = 0; i < added; i++) {
            changed.add(activity(random, "00Tnew" + i, endOfAsOf.plusSeconds(random.nextLong(0, 400L * 86_400))));
        }
        return changed;
    }

    /**
     * Opportunities created later are added; those open on the as-of date may close later (won or lost) or have
     * a later close date moved; those closed by then stay as they are.
     */
    private static List<Opportunity> futureOpportunities(Random random, LocalDate asOf, List<Opportunity> opportunities) {
        List<Opportunity> changed = new ArrayList<>();
        for (Opportunity o : opportunities) {
            boolean createdLater = o.createdAt() != null && o.createdAt().atZone(ZoneOffset.UTC).toLocalDate().isAfter(asOf);
            if (createdLater || o.openOn(asOf)) {
                boolean closed = random.nextBoolean();
                LocalDate close = asOf.plusDays(1 + random.nextInt(300));
                Instant created = createdLater
                        ? asOf.plusDays(1 + random.nextInt(100)).atStartOfDay(ZoneOffset.UTC).toInstant() : o.createdAt();
                changed.add(new Opportunity(o.crmId(), o.accountId(), o.name(), closed ? "Closed" : o.stageName(), o.type(),
                        o.amount(), created, close, closed, closed && random.nextBoolean()));
            } else {
                changed.add(o);
            }
        }
        int added = random.nextInt(4);
        for (int i = 0; i < added; i++) {
            boolean closed = random.nextBoolean();
            changed.add(new Opportunity("006new" + i, "001A", "Later", "Any", "Renewal", 500.0,
                    asOf.plusDays(1 + random.nextInt(200)).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400)),
                    asOf.plusDays(1 + random.nextInt(300)), closed, closed && random.nextBoolean()));
        }
        return changed;
    }
}
