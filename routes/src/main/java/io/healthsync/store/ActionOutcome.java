package io.healthsync.store;

import java.time.LocalDate;

/**
 * What became of one playbook action, without what it said: all that the next plan's cooldowns and open-record checks
 * need of it. Read without the action's details (its texts, kept as JSON), which the plan never shows: at 100,000
 * accounts a day's actions number some 76,000.
 *
 * @param status    as {@link StoredAction#status()}
 * @param errorCode the failure's code when it failed, or null
 */
public record ActionOutcome(String key, String accountId, String playbookId, LocalDate createdOn, boolean heldOut,
                            String status, String errorCode) {
}
