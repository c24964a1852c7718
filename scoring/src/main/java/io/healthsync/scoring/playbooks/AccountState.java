package io.healthsync.scoring.playbooks;

import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import java.util.List;
import java.util.Map;

/**
 * What the engine knows of one account: today's score, the scores of earlier runs (any order; today's
 * own entry, if there, is ignored), its account team (role name -> Salesforce user id) for {@code role:}
 * owners, and its rules expansion readiness (0-1: what the expansion trigger goes by when no expansion model
 * gave the score a propensity; null: none) with its talking points (what an expansion Opportunity's {drivers}
 * say; null: the score's positive drivers do).
 */
public record AccountState(Account account, HealthScore score, List<ScorePoint> history, Map<String, String> team,
                           Double expansionReadiness, String expansionSignals) {

    public AccountState {
        history = List.copyOf(history);
        team = Map.copyOf(team);
    }

    public AccountState(Account account, HealthScore score, List<ScorePoint> history, Map<String, String> team) {
        this(account, score, history, team, null, null);
    }

    public AccountState(Account account, HealthScore score, List<ScorePoint> history) {
        this(account, score, history, Map.of(), null, null);
    }

    /** The expansion model's propensity, else the rules readiness; null when neither is known. */
    public Double expansionPropensity() {
        return score.expansionProbability() != null ? score.expansionProbability() : expansionReadiness;
    }
}
