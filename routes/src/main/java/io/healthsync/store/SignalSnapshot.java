package io.healthsync.store;

import io.healthsync.scoring.features.AccountSignals;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every account's signals as of one day, as the day's latest scoring computed them, so that the day's later runs
 * read only the accounts whose data changed since (a 5% drift at 100,000 accounts: 5,000 histories read instead of
 * 100,000 and 1.5 million activities). Kept in signal_snapshot, signal_block and signal_delta (V19, {@link
 * SignalBlock}): blocks as a run that read every account saved them, a row for each account a later run read again.
 *
 * @param inputsKey  what else the signals were computed from (the taxonomy, the history windows, the tracked
 *                   features, the stale sources, the signals this version computes): a snapshot is used only by a
 *                   run with the same key and as-of day
 * @param generation counts the saves: a save names the generation it was built on, so that of two scorings that
 *                   ran at once only the first saves (the second's changes stay logged for the next run)
 */
public record SignalSnapshot(LocalDate asOf, String inputsKey, long generation, List<Entry> entries) {

    public SignalSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(inputsKey, "inputsKey");
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * One account: its signals, what its CRM record held that signals are computed from (see {@code
     * ScoringService.accountDigest}), and the activity labels the taxonomy left as "other" in its history (the
     * report counts them over every account).
     */
    public record Entry(AccountSignals signals, long accountDigest, Map<String, Integer> unknownLabels) {

        public Entry {
            Objects.requireNonNull(signals, "signals");
            unknownLabels = unknownLabels == null || unknownLabels.isEmpty() ? Map.of() : Map.copyOf(unknownLabels);
        }
    }

    /**
     * The scoring changes logged since the snapshot was saved (scoring_change): the accounts named, whether any row
     * said every account, and the rows' sequence numbers, which the next save deletes (the rows it has taken in;
     * rows logged while it scored stay for the run after).
     */
    public record Changes(Set<String> accounts, boolean everyAccount, List<Long> rows) {

        public Changes {
            accounts = Set.copyOf(accounts);
            rows = List.copyOf(rows);
        }
    }
}
