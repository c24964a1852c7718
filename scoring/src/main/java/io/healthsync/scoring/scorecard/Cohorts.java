package io.healthsync.scoring.scorecard;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses whom each account is ranked against: its own segment (an SMB account is compared with
 * SMB accounts), or all accounts when the segment is unknown or too small for a percentile to mean much.
 */
final class Cohorts {

    private final Map<String, CohortRanks> bySegment;
    private final CohortRanks everyone;

    private Cohorts(Map<String, CohortRanks> bySegment, CohortRanks everyone) {
        this.bySegment = bySegment;
        this.everyone = everyone;
    }

    static Cohorts of(List<AccountSignals> accounts, int minCohortSize, Set<Signal> signals) {
        Map<String, List<AccountSignals>> members = new LinkedHashMap<>();
        for (AccountSignals account : accounts) {
            if (account.segment() != null) {
                members.computeIfAbsent(account.segment(), s -> new ArrayList<>()).add(account);
            }
        }
        Map<String, CohortRanks> bySegment = new HashMap<>();
        members.forEach((segment, list) -> {
            if (list.size() >= minCohortSize) {
                bySegment.put(segment, new CohortRanks(list, signals));
            }
        });
        boolean someoneFallsBack = accounts.stream().anyMatch(a -> !bySegment.containsKey(a.segment()));
        return new Cohorts(bySegment, someoneFallsBack ? new CohortRanks(accounts, signals) : null);
    }

    CohortRanks of(AccountSignals account) {
        CohortRanks segment = account.segment() == null ? null : bySegment.get(account.segment());
        return segment != null ? segment : everyone;
    }
}
