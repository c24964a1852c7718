package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.Outcome;
import io.healthsync.scoring.attribution.Journey;
import io.healthsync.scoring.attribution.Touchpoint;
import io.healthsync.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's journeys for attribution: one per billing outcome (renewed, churned, expanded, contracted) with
 * its account's touchpoints before it. A touchpoint is an activity typed by this run's taxonomy whose type is a
 * human touch (call, meeting, qbr, onboarding, training, ...) or has its own typical minutes in attribution.yaml
 * (e.g. ticket_opened, ticket_escalated); the window per outcome is applied by the analysis.
 */
public final class StoreJourneys {

    private StoreJourneys() {
    }

    public static List<Journey> read(HealthsyncConfig config, Store store) {
        Map<String, String> segments = new HashMap<>();
        for (Account account : store.accounts()) {
            segments.put(account.crmId(), account.segment());
        }
        Map<String, List<Activity>> activities = new ActivityClassifier(config.taxonomy())
                .classify(store.activitiesByAccount(Instant.EPOCH));
        Map<String, List<Touchpoint>> touchpoints = new HashMap<>();
        activities.forEach((account, list) -> {
            List<Touchpoint> own = new ArrayList<>();
            for (Activity activity : list) {
                String type = activity.type() == null ? null : activity.type().key();
                boolean counted = activity.type() != null && (activity.type().isHumanTouch()
                        || config.attribution().typicalMinutes().containsKey(type));
                if (counted && activity.occurredAt() != null) {
                    own.add(new Touchpoint(type, activity.occurredAt()));
                }
            }
            touchpoints.put(account, own);
        });
        List<Journey> journeys = new ArrayList<>();
        for (Outcome outcome : store.outcomes()) {
            if (outcome.accountId() == null || outcome.date() == null || outcome.kind() == null) {
                continue;
            }
            double revenue = outcome.annualAmount() == null ? 0 : outcome.annualAmount();
            journeys.add(new Journey(outcome.accountId(), segments.get(outcome.accountId()),
                    touchpoints.getOrDefault(outcome.accountId(), List.of()), outcome.kind(), outcome.date(), revenue));
        }
        return journeys;
    }
}
