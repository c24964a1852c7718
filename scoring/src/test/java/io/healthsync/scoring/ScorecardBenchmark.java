package io.healthsync.scoring;

import io.healthsync.mappings.ScorecardConfig;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Opportunity;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalBuilder;
import io.healthsync.scoring.scorecard.Scorecard;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times signals + scorecard over 100k synthetic accounts with ~50 activities each (a company at the
 * size one process should serve). A main, not a test: timings on shared CI machines are noise.
 * Run after {@code mvn -o test-compile -pl scoring}:
 * {@code java -cp scoring/target/test-classes:scoring/target/classes:mappings/target/classes io.healthsync.scoring.ScorecardBenchmark [accounts]}
 */
public final class ScorecardBenchmark {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final String[] SEGMENTS = {"Enterprise", "Mid-Market", "SMB"};
    private static final ActivityType[] TYPES = ActivityType.values();

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(42); // fixed seed: the same workload every run
        SignalBuilder builder = new SignalBuilder();
        List<AccountSignals> rows = new ArrayList<>(accounts);
        long activities = 0;
        long buildNanos = 0;
        // generated one account at a time, as the store hands them over, and only the build is timed
        for (int i = 0; i < accounts; i++) {
            Account account = account(i, random);
            List<Activity> history = activities(account.crmId(), random);
            List<Opportunity> opportunities = opportunities(account.crmId(), random);
            activities += history.size();
            long start = System.nanoTime();
            rows.add(builder.build(AS_OF, account, history, opportunities));
            buildNanos += System.nanoTime() - start;
        }

        long start = System.nanoTime();
        List<HealthScore> scores = new Scorecard(config()).score(AS_OF, rows);
        long scoreNanos = System.nanoTime() - start;

        long[] bands = new long[3];
        scores.forEach(s -> bands[s.band().ordinal()]++);
        System.out.printf("%d accounts, %d activities: signals %d ms, scorecard %d ms, total %d ms (red %d, yellow %d, green %d)%n",
                accounts, activities, buildNanos / 1_000_000, scoreNanos / 1_000_000,
                (buildNanos + scoreNanos) / 1_000_000, bands[0], bands[1], bands[2]);
    }

    private static Account account(int i, Random random) {
        LocalDate contractStart = AS_OF.minusDays(30 + random.nextInt(2_000));
        LocalDate renewal = random.nextInt(10) == 0 ? null : AS_OF.plusDays(random.nextInt(400) - 30);
        return new Account("001" + i, "Account " + i, random.nextInt(20) == 0 ? null : SEGMENTS[random.nextInt(SEGMENTS.length)],
                null, 10_000.0, 10, contractStart, renewal, "005-csm",
                contractStart.atStartOfDay(ZoneOffset.UTC).toInstant(), null, Map.of());
    }

    private static List<Activity> activities(String accountId, Random random) {
        int count = 25 + random.nextInt(51); // ~50 on average
        long end = AS_OF.plusDays(30).atStartOfDay(ZoneOffset.UTC).toEpochSecond(); // some after asOf, as in a backtest
        List<Activity> activities = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            Instant at = Instant.ofEpochSecond(end - random.nextInt(365 * 86_400));
            ActivityType type = TYPES[random.nextInt(TYPES.length)];
            activities.add(new Activity("salesforce", accountId + "-" + j, accountId, type, type.key(), null, at,
                    "005-csm", 30));
        }
        return activities;
    }

    private static List<Opportunity> opportunities(String accountId, Random random) {
        List<Opportunity> opportunities = new ArrayList<>();
        for (int j = random.nextInt(4); j > 0; j--) {
            boolean closed = random.nextBoolean();
            opportunities.add(new Opportunity(accountId + "-o" + j, accountId, "Upsell", "Stage", "Expansion",
                    5_000.0, null, closed ? AS_OF.minusDays(60) : AS_OF.plusDays(60), closed,
                    closed && random.nextBoolean()));
        }
        return opportunities;
    }

    private static ScorecardConfig config() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("days_since_last_touch", 20.0);
        weights.put("touches_30d", 10.0);
        weights.put("touches_90d", 10.0);
        weights.put("touch_trend", 10.0);
        weights.put("days_since_qbr", 15.0);
        weights.put("open_opportunities", 10.0);
        weights.put("days_to_renewal", 15.0);
        weights.put("tenure_days", 10.0);
        return new ScorecardConfig(weights, Map.of(), 30, 70, 50, 3);
    }
}
