package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.Outcome;
import io.healthsync.scoring.attribution.Journey;
import io.healthsync.scoring.attribution.Touchpoint;
import io.healthsync.store.Store;
import io.healthsync.model.OutcomeKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's journeys for attribution: one per billing outcome (renewed, churned, expanded, contracted) with
 * its account's touchpoints before it. A touchpoint is an activity typed by this run's taxonomy whose type is a
 * human touch (call, meeting, qbr, onboarding, training, ...) or has its own typical minutes in attribution.yaml
 * (e.g. ticket_opened, ticket_escalated); the window per outcome is applied by the analysis.
 *
 * <p>Billing renews a monthly plan every month, but a customer-success renewal is the contract's: so of the
 * renewal ends (renewed, churned, contracted) one journey is kept per contract anniversary (the CRM's contract
 * start or renewal date, plus whole years, within {@link #ANNIVERSARY_SLACK_DAYS}), a churn or contraction
 * before a renewal; without either date, one per {@link #MIN_DAYS_BETWEEN_RENEWALS} days. Expansions all count.
 */
public final class StoreJourneys {

    static final int ANNIVERSARY_SLACK_DAYS = 31;
    static final int MIN_DAYS_BETWEEN_RENEWALS = 330;

    private StoreJourneys() {
    }

    public static List<Journey> read(HealthsyncConfig config, Store store) {
        Map<String, String> segments = new HashMap<>();
        Map<String, LocalDate> anchors = new HashMap<>();
        for (Account account : store.accounts()) {
            segments.put(account.crmId(), account.segment());
            LocalDate anchor = account.contractStart() != null ? account.contractStart() : account.renewalDate();
            if (anchor != null) {
                anchors.put(account.crmId(), anchor);
            }
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
        for (Outcome outcome : contractOutcomes(store.outcomes(), anchors)) {
            double revenue = outcome.annualAmount() == null ? 0 : outcome.annualAmount();
            journeys.add(new Journey(outcome.accountId(), segments.get(outcome.accountId()),
                    touchpoints.getOrDefault(outcome.accountId(), List.of()), outcome.kind(), outcome.date(), revenue));
        }
        return journeys;
    }

    /** Expansions, and one renewal end per account and contract anniversary (see the class comment). */
    static List<Outcome> contractOutcomes(List<Outcome> outcomes, Map<String, LocalDate> anchors) {
        List<Outcome> kept = new ArrayList<>();
        Map<String, Outcome> perRenewal = new java.util.LinkedHashMap<>();
        List<Outcome> sorted = outcomes.stream()
                .filter(o -> o.accountId() != null && o.date() != null && o.kind() != null)
                .sorted(java.util.Comparator.comparing(Outcome::date).thenComparing(o -> o.kind().ordinal())).toList();
        Map<String, LocalDate> lastKept = new HashMap<>();
        for (Outcome o : sorted) {
            if (o.kind() == OutcomeKind.EXPANDED) {
                kept.add(o);
                continue;
            }
            LocalDate anchor = anchors.get(o.accountId());
            if (anchor == null) {
                LocalDate last = lastKept.get(o.accountId());
                if (last == null || java.time.temporal.ChronoUnit.DAYS.between(last, o.date()) >= MIN_DAYS_BETWEEN_RENEWALS) {
                    kept.add(o);
                    lastKept.put(o.accountId(), o.date());
                }
                continue;
            }
            LocalDate anniversary = nearestAnniversary(anchor, o.date());
            if (Math.abs(java.time.temporal.ChronoUnit.DAYS.between(anniversary, o.date())) > ANNIVERSARY_SLACK_DAYS) {
                continue;
            }
            String key = o.accountId() + "/" + anniversary;
            Outcome before = perRenewal.get(key);
            if (before == null || (before.kind() == OutcomeKind.RENEWED && o.kind() != OutcomeKind.RENEWED)
                    || (before.kind() == o.kind() && Math.abs(java.time.temporal.ChronoUnit.DAYS.between(anniversary, o.date()))
                    < Math.abs(java.time.temporal.ChronoUnit.DAYS.between(anniversary, before.date())))) {
                perRenewal.put(key, o);
            }
        }
        kept.addAll(perRenewal.values());
        return kept;
    }

    private static LocalDate nearestAnniversary(LocalDate anchor, LocalDate date) {
        long years = Math.round(java.time.temporal.ChronoUnit.DAYS.between(anchor, date) / 365.25);
        return anchor.plusYears(Math.max(1, years));
    }
}
