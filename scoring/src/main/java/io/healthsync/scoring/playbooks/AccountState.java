package io.healthsync.scoring.playbooks;

import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import java.util.List;
import java.util.Map;

/**
 * What the engine knows of one account: today's score, the scores of earlier runs (any order; today's
 * own entry, if there, is ignored), its account team (role name -> Salesforce user id) for {@code role:}
 * owners, and the talking points of its expansion readiness (what an expansion Opportunity's {drivers}
 * say; null: the score's positive drivers do).
 */
public record AccountState(Account account, HealthScore score, List<ScorePoint> history, Map<String, String> team,
                           String expansionSignals) {

    public AccountState {
        history = List.copyOf(history);
        team = Map.copyOf(team);
    }

    public AccountState(Account account, HealthScore score, List<ScorePoint> history, Map<String, String> team) {
        this(account, score, history, team, null);
    }

    public AccountState(Account account, HealthScore score, List<ScorePoint> history) {
        this(account, score, history, Map.of(), null);
    }
}
