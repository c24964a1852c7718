package io.healthsync.routes;

import io.healthsync.model.Band;
import io.healthsync.model.HealthScore;
import io.healthsync.store.Store;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The backfilled days' scores as score_history keeps them (score, band, what scored it), without the signals and
 * drivers a day's scoring returns: eleven days of 100,000 accounts held as HealthScores would take a gigabyte.
 * Days are added oldest first; they are stored per account, each account's days together.
 */
final class PastScores {

    private final List<LocalDate> days = new ArrayList<>();
    private final List<double[]> scores = new ArrayList<>();
    private final List<Band[]> bands = new ArrayList<>();
    private final List<String[]> versions = new ArrayList<>();
    private final Map<String, Integer> accountIndex = new HashMap<>();
    private final List<String> accounts = new ArrayList<>();

    /** One day's scores; an account that day has no score for stays without a row that day. */
    void add(List<HealthScore> day) {
        if (day.isEmpty()) {
            return;
        }
        LocalDate asOf = day.get(0).asOf();
        if (!days.isEmpty() && !asOf.isAfter(days.get(days.size() - 1))) {
            throw new IllegalArgumentException("past days are added oldest first: " + asOf + " after "
                    + days.get(days.size() - 1));
        }
        for (HealthScore score : day) {
            accountIndex.computeIfAbsent(score.accountId(), id -> {
                accounts.add(id);
                return accounts.size() - 1;
            });
        }
        double[] dayScores = new double[accounts.size()];
        Band[] dayBands = new Band[accounts.size()];
        String[] dayVersions = new String[accounts.size()];
        for (HealthScore score : day) {
            int i = accountIndex.get(score.accountId());
            dayScores[i] = score.score();
            dayBands[i] = score.band();
            dayVersions[i] = score.modelVersion();
        }
        days.add(asOf);
        scores.add(dayScores);
        bands.add(dayBands);
        versions.add(dayVersions);
    }

    /** Stores every day's scores in account id order, {@code accountsPerTransaction} accounts' rows at a time. */
    void store(Store store, int accountsPerTransaction) {
        String[] ids = accounts.toArray(new String[0]);
        Arrays.sort(ids);
        List<HealthScore> rows = new ArrayList<>();
        for (int a = 0; a < ids.length; a++) {
            int i = accountIndex.get(ids[a]);
            for (int d = 0; d < days.size(); d++) {
                Band[] dayBands = bands.get(d);
                if (i < dayBands.length && dayBands[i] != null) {
                    rows.add(new HealthScore(ids[a], days.get(d), scores.get(d)[i], dayBands[i], List.of(), List.of(),
                            null, null, versions.get(d)[i]));
                }
            }
            if (((a + 1) % accountsPerTransaction == 0 || a == ids.length - 1) && !rows.isEmpty()) {
                store.saveScoreHistory(rows);
                rows = new ArrayList<>();
            }
        }
    }
}
