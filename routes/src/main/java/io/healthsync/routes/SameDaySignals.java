package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.store.SignalSnapshot;
import io.healthsync.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a day's later run takes from the day's signal snapshot ({@link SignalSnapshot}): the signals of every account
 * whose data did not change since the snapshot was saved (its CRM record digests the same and no stored page logged a
 * change under it), so that only the others' histories are read from the store. A 5% drift at 100,000 accounts reads
 * 5,000 histories instead of 100,000 (1.5 million activities). A run without a snapshot of its day and inputs (the
 * day's first, an edited taxonomy, days to backfill) reads every account and leaves one for the next.
 */
final class SameDaySignals {

    private static final Logger LOG = LoggerFactory.getLogger(SameDaySignals.class);

    /** An account's signals as this run computed them, with the labels its history left as "other". */
    record Computed(AccountSignals signals, Map<String, Integer> unknownLabels) {
    }

    /**
     * Every account's signals today, in the accounts' order; the labels left as "other" over them; and the snapshot to
     * save (null: the stored one is current), with the accounts it has anew (null: all, it is written whole).
     */
    record Today(List<AccountSignals> signals, Map<String, Integer> unknownLabels, SignalSnapshot snapshot,
                 Set<String> reread) {
    }

    private final Store store;
    private final LocalDate asOf;
    private final String inputsKey;
    private final SignalSnapshot.Changes changes;
    private final long generation;
    private final Map<String, SignalSnapshot.Entry> kept = new HashMap<>();
    private final long readMs;

    /**
     * Reads the logged changes, then the snapshot when {@code usable} (no past days to estimate, which need every
     * history): before any history, so that a change stored meanwhile stays logged for the next run.
     */
    SameDaySignals(Store store, LocalDate asOf, String inputsKey, boolean usable) {
        long started = System.nanoTime();
        this.store = store;
        this.asOf = asOf;
        this.inputsKey = inputsKey;
        this.changes = store.scoringChanges();
        Optional<SignalSnapshot> stored = usable ? readSnapshot(store, asOf, inputsKey) : Optional.empty();
        this.generation = stored.map(SignalSnapshot::generation).orElse(0L);
        if (stored.isPresent() && stored.get().asOf().equals(asOf) && stored.get().inputsKey().equals(inputsKey)
                && !changes.everyAccount()) {
            stored.get().entries().forEach(e -> kept.put(e.signals().accountId(), e));
        }
        this.readMs = (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * The stored snapshot; when its signals cannot be read (a damaged block), its head alone, so that this run reads
     * every account and saves a sound snapshot in its place: said in the log, never a failed run.
     */
    private static Optional<SignalSnapshot> readSnapshot(Store store, LocalDate asOf, String inputsKey) {
        try {
            return store.signalSnapshot(asOf, inputsKey);
        } catch (io.healthsync.store.StoreException e) {
            LOG.warn("the day's signal snapshot cannot be read, so every account's history is read instead (and the "
                    + "snapshot saved anew): {}", e.getMessage());
            return store.signalSnapshot(LocalDate.MIN, ""); // the head alone: no day or key matches it
        }
    }

    /** The accounts whose histories must be read: not in the snapshot, their CRM record changed, or a change logged. */
    List<Account> toRead(List<Account> accounts) {
        if (kept.isEmpty()) {
            return accounts;
        }
        List<Account> toRead = new ArrayList<>();
        for (Account account : accounts) {
            SignalSnapshot.Entry entry = kept.get(account.crmId());
            if (entry == null || entry.accountDigest() != accountDigest(account)
                    || changes.accounts().contains(account.crmId())) {
                toRead.add(account);
            }
        }
        return toRead;
    }

    /** Every account's signals: {@code computed} for the accounts read, the snapshot's for the others. */
    Today today(List<Account> accounts, Map<String, Computed> computed) {
        List<AccountSignals> signals = new ArrayList<>(accounts.size());
        List<SignalSnapshot.Entry> entries = new ArrayList<>(accounts.size());
        Map<String, Integer> unknownLabels = new HashMap<>();
        for (Account account : accounts) {
            Computed fresh = computed.get(account.crmId());
            SignalSnapshot.Entry entry = fresh == null ? kept.get(account.crmId())
                    : new SignalSnapshot.Entry(fresh.signals(), accountDigest(account), fresh.unknownLabels());
            signals.add(entry.signals());
            entries.add(entry);
            entry.unknownLabels().forEach((label, count) -> unknownLabels.merge(label, count, Integer::sum));
        }
        boolean whole = computed.size() == accounts.size();
        if (!whole) {
            LOG.info("signals: {} of {} accounts read from the store (their data changed since the day's earlier run), "
                            + "the others' as that run computed them (its snapshot and {} logged changes read in {} ms)",
                    computed.size(), accounts.size(), changes.rows().size(), readMs);
        }
        boolean current = !whole && computed.isEmpty() && changes.rows().isEmpty() && kept.size() == accounts.size();
        return new Today(signals, unknownLabels, current ? null : new SignalSnapshot(asOf, inputsKey, generation, entries),
                whole ? null : new HashSet<>(computed.keySet()));
    }

    /**
     * Saves the snapshot for the day's later runs, taking in the changes this run read; whether it was saved. A failure
     * costs them only a whole read, so it is logged, not thrown.
     */
    boolean save(Today today) {
        if (today.snapshot() == null) {
            return false;
        }
        try {
            long started = System.nanoTime();
            if (store.saveSignalSnapshot(today.snapshot(), today.reread(), changes)) {
                LOG.info("signal snapshot of {} accounts saved ({}) in {} ms, for the day's later runs",
                        today.snapshot().entries().size(),
                        today.reread() == null ? "every account" : today.reread().size() + " read again",
                        (System.nanoTime() - started) / 1_000_000);
                return true;
            }
            LOG.info("signal snapshot not saved: another scoring saved one meanwhile (its changes stay for the next run)");
        } catch (RuntimeException e) {
            LOG.warn("signal snapshot not saved, so the day's next run reads every account's history: {}", e.getMessage());
        }
        return false;
    }

    /**
     * What today's signals are computed from besides the accounts' own data and the day: a snapshot saved with
     * another key is not used. A digest (SHA-256) of the taxonomy, the history windows, the tracked features, the
     * stale sources, and the signals and details this build computes (a build with others computes other values).
     */
    static String inputsKey(HealthsyncConfig config, Map<String, String> stale) {
        String inputs = String.join("\n", "signal-snapshot-1", String.valueOf(config.taxonomy()),
                String.valueOf(config.sources().salesforce().historyDays()),
                String.valueOf(ScoringService.USAGE_DAYS_READ), String.valueOf(ScoringService.trackedFeatures(config)),
                String.valueOf(new TreeMap<>(stale)), Arrays.toString(io.healthsync.model.Signal.values()),
                Arrays.toString(io.healthsync.scoring.features.SignalDetail.values()));
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(inputs.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A 64-bit digest (FNV-1a) of what an account's CRM record holds besides the fields healthsync writes and the
     * record's modstamp: an Account pulled back after our write (every one, after a first write) digests the same,
     * so its signals are kept; one whose segment, dates, seats or anything else changed is read again.
     */
    static long accountDigest(Account account) {
        long hash = 0xcbf29ce484222325L;
        for (String text : new String[] {account.crmId(), account.name(), account.segment(), account.industry(),
                account.ownerId(), account.domain()}) {
            if (text == null) {
                hash = mix(hash, 0x7f);
            } else {
                for (int i = 0; i < text.length(); i++) {
                    hash = mix(hash, text.charAt(i));
                }
            }
            hash = mix(hash, 0x1f); // a separator, so that ("ab", "c") and ("a", "bc") differ
        }
        hash = mixLong(hash, account.arr() == null ? 0x7ff8dead : Double.doubleToLongBits(account.arr()));
        hash = mixLong(hash, account.seatsLicensed() == null ? Long.MIN_VALUE : account.seatsLicensed());
        hash = mixLong(hash, account.contractStart() == null ? Long.MIN_VALUE : account.contractStart().toEpochDay());
        hash = mixLong(hash, account.renewalDate() == null ? Long.MIN_VALUE : account.renewalDate().toEpochDay());
        hash = mixLong(hash, account.createdAt() == null ? Long.MIN_VALUE : account.createdAt().getEpochSecond());
        return mixLong(hash, account.createdAt() == null ? -1 : account.createdAt().getNano());
    }

    private static long mix(long hash, int value) {
        return (hash ^ value) * 0x100000001b3L;
    }

    private static long mixLong(long hash, long value) {
        for (int shift = 0; shift < 64; shift += 16) {
            hash = mix(hash, (int) ((value >>> shift) & 0xffff));
        }
        return hash;
    }
}
