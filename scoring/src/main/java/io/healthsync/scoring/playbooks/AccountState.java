package io.healthsync.scoring.playbooks;

import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import java.util.List;
import java.util.Map;

/**
 * What the engine knows of one account: today's score, the scores of earlier runs (any order; today's
 * own entry, if there, is ignored), and its account team (role name -> Salesforce user id) for
 * {@code role:} owners.
 */
public record AccountState(Account account, HealthScore score, List<ScorePoint> history, Map<String, String> team) {

    public AccountState {
        history = List.copyOf(history);
        team = Map.copyOf(team);
    }

    public AccountState(Account account, HealthScore score, List<ScorePoint> history) {
        this(account, score, history, Map.of());
    }
}
