package io.healthsync.connectors.analytics;

import io.healthsync.connectors.source.IdHash;

/**
 * The distinct ids (users, sessions) one account had on one day, counted by a 64-bit hash of each id in a
 * small open-addressing table instead of a HashSet of the ids' strings: an export window of 100,000 accounts
 * folds some 245,000 account-days at once, and their sets of strings took about 200 MB of the 1 GiB heap. Two
 * ids count once only if their 64-bit hashes are equal: among the few ids of one account's day, a chance
 * below one in 10^15.
 */
final class DistinctIds {

    private long[] table = new long[4]; // 0: an empty slot
    private int size;

    /** Counts {@code id} once however often it is added. */
    void add(String id) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        if (insert(table, hash(id))) {
            size++;
        }
    }

    int size() {
        return size;
    }

    /** True when the hash was not in the table yet. */
    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        for (int slot = (int) (hash ^ (hash >>> 32)) & mask; ; slot = (slot + 1) & mask) {
            if (table[slot] == 0) {
                table[slot] = hash;
                return true;
            }
            if (table[slot] == hash) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long hash : table) {
            if (hash != 0) {
                insert(bigger, hash);
            }
        }
        table = bigger;
    }

    /** {@link IdHash}: never 0, which marks an empty slot. */
    static long hash(String id) {
        return IdHash.of(id);
    }
}
