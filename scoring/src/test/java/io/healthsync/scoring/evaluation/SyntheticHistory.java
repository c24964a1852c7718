package io.healthsync.scoring.evaluation;

import java.util.Locale;
import java.util.Random;

/** Small history files for tests: noise columns, and optionally one column that drives churn. */
final class SyntheticHistory {

    private SyntheticHistory() {
    }

    /**
     * {@code rows} accounts with columns id, seats, logins, usage_drop, segment, (as_of), churned. With
     * {@code planted}, churn depends on usage_drop alone and not monotonically (likely above 0.8, fairly
     * likely below -1.2, rare between), which trees can find and a linear model only partly; otherwise churn
     * is a coin with p = 0.3.
     */
    static String csv(int rows, boolean planted, boolean withTime, long seed) {
        Random random = new Random(seed);
        String[] segments = {"SMB", "Mid-Market", "Enterprise"};
        StringBuilder csv = new StringBuilder("id,seats,logins,usage_drop,segment," + (withTime ? "as_of," : "") + "churned\n");
        for (int i = 0; i < rows; i++) {
            double drop = random.nextGaussian();
            double p = !planted ? 0.3 : drop > 0.8 ? 0.9 : drop < -1.2 ? 0.7 : 0.05;
            boolean churned = random.nextDouble() < p;
            String logins = random.nextDouble() < 0.1 ? "" : String.valueOf(random.nextInt(200));
            csv.append(String.format(Locale.ROOT, "acc-%05d,%d,%s,%.4f,%s,", i, 1 + random.nextInt(500), logins, drop,
                    segments[random.nextInt(3)]));
            if (withTime) {
                csv.append(String.format(Locale.ROOT, "2024-%02d-01,", 1 + i % 12));
            }
            csv.append(churned ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }
}
