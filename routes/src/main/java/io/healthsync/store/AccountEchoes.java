package io.healthsync.store;

import io.healthsync.connectors.salesforce.PageEchoes;
import io.healthsync.model.Account;
import io.healthsync.writeback.WritebackPlanner;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pulled Account must hold to be only the echo of healthsync's own writes, for every stored Account that
 * healthsync wrote to, kept as hashes (some 200 bytes an account): the same test as the store's two lookups per
 * pulled Account (the stored fields but ours unchanged; ours as we wrote them, by {@link WritebackPlanner#sameValue};
 * a mapped field we have not written as stored), made from one read of each table. A pull that returns most Accounts
 * (every one we wrote comes back after a full write) costs a lookup in a map per record instead of two in the database.
 */
final class AccountEchoes {

    /** Per stored Account: its fields but ours, hashed; its CRM fields by name (sorted), whether each is ours, and
     *  the hash of the value an echo holds there. */
    private record Expected(long others, String[] fields, boolean[] ours, long[] values) {
    }

    private final Map<String, Expected> byAccount = new HashMap<>();
    /** Field name arrays shared between accounts with the same CRM fields (nearly all of them). */
    private final Map<List<String>, String[]> fieldNames = new HashMap<>();

    /** Adds a stored (not deleted) Account. */
    void stored(Account account) {
        String[] fields = account.crmFields().keySet().toArray(new String[0]);
        Arrays.sort(fields);
        fields = fieldNames.computeIfAbsent(List.of(fields), k -> k.toArray(new String[0]));
        long[] values = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = exact(account.crmFields().get(fields[i]));
        }
        byAccount.put(account.crmId(), new Expected(others(account), fields, new boolean[fields.length], values));
    }

    /**
     * What healthsync last wrote to one Account's fields, hashed as an echo compares them: made while the stored
     * Accounts are read (on another thread), added once they are.
     */
    record Written(String accountId, String[] fields, long[] values) {

        static Written of(String accountId, Map<String, String> lastWritten) {
            String[] fields = new String[lastWritten.size()];
            long[] values = new long[fields.length];
            int i = 0;
            for (Map.Entry<String, String> field : lastWritten.entrySet()) {
                fields[i] = field.getKey();
                values[i++] = comparable(field.getValue());
            }
            return new Written(accountId, fields, values);
        }
    }

    /** Adds what healthsync last wrote to an Account added before (a record not stored is never an echo). */
    void written(Written written) {
        for (int i = 0; i < written.fields().length; i++) {
            written(written.accountId(), written.fields()[i], written.values()[i]);
        }
    }

    /** Adds what healthsync last wrote to a field of an Account added before (a record not stored is never an echo). */
    void written(String accountId, String field, String value) {
        written(accountId, field, comparable(value));
    }

    private void written(String accountId, String field, long comparableValue) {
        Expected expected = byAccount.get(accountId);
        if (expected == null) {
            return;
        }
        int at = Arrays.binarySearch(expected.fields(), field);
        if (at < 0) { // written but not among the fields read back (a mapping changed since): compared all the same
            at = -at - 1;
            expected = new Expected(expected.others(), inserted(expected.fields(), at, field),
                    inserted(expected.ours(), at), inserted(expected.values(), at));
            byAccount.put(accountId, expected);
        }
        expected.ours()[at] = true;
        expected.values()[at] = comparableValue;
    }

    /** Forgets the stored Accounts nothing was written to: they cannot be echoes. */
    AccountEchoes withoutUnwritten() {
        byAccount.values().removeIf(expected -> !anyTrue(expected.ours()));
        fieldNames.clear();
        return this;
    }

    /**
     * Which of the pulled Accounts are only echoes of our writes, each with what it holds in the fields we wrote
     * (the store keeps that instead of the whole record).
     */
    PageEchoes echoesOf(List<Account> pulled) {
        Map<String, Map<String, String>> echoes = new HashMap<>();
        for (Account account : pulled) {
            Map<String, String> ours = ourFieldsIfEcho(account);
            if (ours != null) {
                echoes.put(account.crmId(), ours);
            }
        }
        return echoes.isEmpty() ? PageEchoes.NONE : new PageEchoes(echoes);
    }

    /** What the pulled Account holds in the fields we wrote, when it is only an echo of our writes; null otherwise. */
    private Map<String, String> ourFieldsIfEcho(Account pulled) {
        Expected expected = byAccount.get(pulled.crmId());
        if (expected == null || expected.others() != others(pulled)) {
            return null;
        }
        Map<String, String> ours = new HashMap<>();
        for (Map.Entry<String, String> field : pulled.crmFields().entrySet()) {
            int at = Arrays.binarySearch(expected.fields(), field.getKey());
            if (at < 0) {
                if (field.getValue() != null) {
                    return null; // neither stored nor written: an echo holds nothing there
                }
            } else if (expected.ours()[at]) {
                if (comparable(field.getValue()) != expected.values()[at]) {
                    return null;
                }
                ours.put(field.getKey(), field.getValue());
            } else if (exact(field.getValue()) != expected.values()[at]) {
                return null;
            }
        }
        return ours;
    }

    /**
     * The columns but the CRM fields and SystemModstamp, hashed: an echo holds them exactly as stored (the store
     * keeps an echo's SystemModstamp and our fields' values only, so every other column must be the same).
     */
    private static long others(Account a) {
        return new ScoreFingerprint().add(a.name()).add(a.segment()).add(a.industry()).add(a.arr())
                .add(text(a.seatsLicensed())).add(text(a.contractStart())).add(text(a.renewalDate()))
                .add(a.ownerId()).add(text(a.createdAt())).add(a.domain()).value();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A value compared exactly (a field we have not written). */
    private static long exact(String value) {
        return new ScoreFingerprint().add(value).value();
    }

    /** A value compared as {@link WritebackPlanner#sameValue} compares (a field we wrote: 72.0 is our 72). */
    private static long comparable(String value) {
        return new ScoreFingerprint().add(WritebackPlanner.comparableValue(value)).value();
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (flag) {
                return true;
            }
        }
        return false;
    }

    private static String[] inserted(String[] array, int at, String value) {
        String[] grown = new String[array.length + 1];
        System.arraycopy(array, 0, grown, 0, at);
        grown[at] = value;
        System.arraycopy(array, at, grown, at + 1, array.length - at);
        return grown;
    }

    private static boolean[] inserted(boolean[] array, int at) {
        boolean[] grown = new boolean[array.length + 1];
        System.arraycopy(array, 0, grown, 0, at);
        System.arraycopy(array, at, grown, at + 1, array.length - at);
        return grown;
    }

    private static long[] inserted(long[] array, int at) {
        long[] grown = new long[array.length + 1];
        System.arraycopy(array, 0, grown, 0, at);
        System.arraycopy(array, at, grown, at + 1, array.length - at);
        return grown;
    }
}
