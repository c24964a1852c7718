package io.healthsync.sandbox;

import java.util.List;

/**
 * What one drift round did: the accounts it changed (see {@link SalesforceSandbox#drift(int)}) and the
 * records it deleted along the way (a logged call of some of those accounts).
 */
public record DriftRound(List<String> changedAccounts, DeletedRecords deleted) {

    public DriftRound {
        changedAccounts = List.copyOf(changedAccounts);
    }
}
