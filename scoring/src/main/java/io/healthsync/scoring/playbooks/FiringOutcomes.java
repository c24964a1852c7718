package io.healthsync.scoring.playbooks;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One account a playbook fired for, and what became of it.
 *
 * @param heldOut  true when the account was held out (recorded, no action), false when it got the action
 * @param outcomes outcome name ("score_recovered", "renewed", "expanded") -> whether it happened; a null value
 *                 (or an absent name) is not observable yet, and the account does not count for that outcome
 */
public record FiringOutcomes(String playbookId, String accountId, boolean heldOut, Map<String, Boolean> outcomes) {

    public FiringOutcomes {
        Objects.requireNonNull(playbookId, "playbookId");
        Objects.requireNonNull(accountId, "accountId");
        // TreeMap keeps null values (Map.copyOf refuses them) and a fixed order
        outcomes = outcomes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(outcomes));
    }
}
