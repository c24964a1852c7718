package io.healthsync.writeback;

import io.healthsync.scoring.playbooks.PriorAction;
import io.healthsync.store.ActionOutcome;
import io.healthsync.store.StoredAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the playbook engine must know of earlier actions, from the store's record and Salesforce's. The
 * store says what was decided and done (written, held out, logged, refused for good); Salesforce says
 * whether each record is still open, and holds any record a crash kept out of the store, which counts too:
 * the engine must not create a second one.
 */
public final class PriorActions {

    /** Failures of the moment, not of the record: the call, the org's limits, lock contention. */
    private static final java.util.Set<String> TRY_AGAIN = java.util.Set.of("UNABLE_TO_LOCK_ROW", "UNPROCESSED",
            "CALL_FAILED", "CONFIGURATION", "REQUEST_LIMIT_EXCEEDED", "API_BUDGET");

    private PriorActions() {
    }

    /** @param crm Salesforce's records by key; null when they could not be read (then none is taken as open) */
    public static List<PriorAction> of(List<ActionOutcome> stored, List<CrmPlaybookRecord> crm) {
        Map<String, CrmPlaybookRecord> byKey = new HashMap<>();
        if (crm != null) {
            crm.forEach(r -> byKey.put(r.key(), r));
        }
        List<PriorAction> prior = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ActionOutcome a : stored) {
            if (!happened(a)) {
                continue;
            }
            seen.add(a.key());
            CrmPlaybookRecord record = byKey.get(a.key());
            boolean open = record != null && !record.closed();
            prior.add(new PriorAction(a.accountId(), a.playbookId(), a.key(), a.createdOn(), open, a.heldOut(),
                    record != null && record.closedLost() ? record.closeDate() : null));
        }
        for (CrmPlaybookRecord record : byKey.values()) {
            if (seen.contains(record.key())) {
                continue;
            }
            record.accountAndPlaybook().ifPresent(ap -> prior.add(new PriorAction(ap[0], ap[1], record.key(),
                    record.createdOn(), !record.closed(), false, record.closedLost() ? record.closeDate() : null)));
        }
        return prior;
    }

    /**
     * Done, so cooldowns count from it: written, logged, held out, or refused for good (a validation rule would
     * refuse it again every run). Planned, superseded and retryable failures are not: the next plan decides again.
     */
    private static boolean happened(ActionOutcome a) {
        return switch (a.status()) {
            case StoredAction.WRITTEN, StoredAction.LOGGED, StoredAction.HELD_OUT -> true;
            case StoredAction.FAILED -> a.errorCode() != null && !TRY_AGAIN.contains(a.errorCode())
                    && !a.errorCode().startsWith("BULK_JOB");
            default -> false;
        };
    }
}
