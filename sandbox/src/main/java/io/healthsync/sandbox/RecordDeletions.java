package io.healthsync.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deletes records the way Salesforce does: nothing is removed, the record moves to the Recycle Bin. It gets
 * IsDeleted = true and SystemModstamp = the delete time, so a query no longer returns it while queryAll (and
 * an incremental pull on SystemModstamp) does; writing to it answers ENTITY_IS_DELETED. Deleting an account
 * deletes its opportunities and its activities with it, all with the same stamp. LastModifiedDate is left
 * alone: the delete is recorded by the system stamp, which is what incremental pulls key on.
 */
final class RecordDeletions {

    private final SandboxOrg org;
    private final Instant now;
    private final Map<String, List<String>> deleted = new LinkedHashMap<>();

    RecordDeletions(SandboxOrg org, Instant now) {
        this.org = org;
        this.now = now;
    }

    static boolean isDeleted(SObjectTable table, Object[] row) {
        int index = table.schema().indexOf("IsDeleted");
        return index >= 0 && Boolean.TRUE.equals(row[index]);
    }

    /** The records of a table that are not in the Recycle Bin, in Id order. */
    static List<Object[]> live(SObjectTable table) {
        List<Object[]> live = new ArrayList<>(table.count());
        for (Object[] row : table.rows()) {
            if (!isDeleted(table, row)) {
                live.add(row);
            }
        }
        return live;
    }

    /**
     * Deletes {@code count} live accounts with their opportunities, tasks and events. Which accounts is
     * reproducible from the seed and the accounts deleted so far, so it survives restarts with the org.
     */
    static DeletedRecords deleteAccounts(SandboxOrg org, int count, Instant now) {
        SObjectTable accounts = org.table(SandboxSchema.ACCOUNT);
        List<Object[]> candidates = live(accounts);
        int alreadyDeleted = accounts.count() - candidates.size();
        SplittableRandom random = new SplittableRandom(org.seed() * 6_364_136_223_846_793_005L + 31L * alreadyDeleted + 5);
        RecordDeletions deletions = new RecordDeletions(org, now);
        deletions.deleteAccountsWithChildren(RandomPicks.firstOfShuffle(candidates, count, random));
        return deletions.result();
    }

    /** Marks one record deleted; a record already in the Recycle Bin keeps the stamp of its own delete. */
    void delete(SObjectTable table, Object[] row) {
        if (isDeleted(table, row)) {
            return;
        }
        table.set(row, "IsDeleted", true);
        table.set(row, "SystemModstamp", now);
        table.put(row);
        table.markChanged((String) row[0]);
        deleted.computeIfAbsent(table.schema().name(), k -> new ArrayList<>()).add((String) row[0]);
    }

    void deleteAccountsWithChildren(List<Object[]> accountRows) {
        SObjectTable accounts = org.table(SandboxSchema.ACCOUNT);
        Set<String> accountIds = new HashSet<>();
        for (Object[] account : accountRows) {
            delete(accounts, account);
            accountIds.add((String) account[0]);
        }
        // AccountId covers activities related to the account's opportunities as well as to the account
        for (String child : List.of(SandboxSchema.OPPORTUNITY, SandboxSchema.TASK, SandboxSchema.EVENT)) {
            SObjectTable table = org.table(child);
            for (Object[] row : table.rows()) {
                if (accountIds.contains(table.value(row, "AccountId"))) {
                    delete(table, row);
                }
            }
        }
    }

    DeletedRecords result() {
        return new DeletedRecords(now, deleted);
    }
}
