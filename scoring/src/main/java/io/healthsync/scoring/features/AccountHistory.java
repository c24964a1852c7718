package io.healthsync.scoring.features;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything stored about one account that its signals are computed from. Records may reach past the as-of
 * date: {@link SignalBuilder} reads nothing dated after it.
 *
 * @param activities    CRM touches and the support and billing events (tickets, ratings, payments, plan changes)
 * @param usage         daily product usage rows; an account without any has no usage data (not zero usage)
 * @param subscriptions the billing source's subscriptions as they are now (they carry no date of their own)
 * @param staleSources  source name (zendesk, stripe, amplitude, ...) -> why its data for this account is not
 *                      current, as a CSM should read it, e.g. "last complete pull 2026-11-30"
 */
public record AccountHistory(
        Account account,
        List<Activity> activities,
        List<Opportunity> opportunities,
        List<UsageDay> usage,
        List<Subscription> subscriptions,
        Map<String, String> staleSources) {

    public AccountHistory {
        Objects.requireNonNull(account, "account");
        activities = activities == null ? List.of() : Collections.unmodifiableList(activities);
        opportunities = opportunities == null ? List.of() : Collections.unmodifiableList(opportunities);
        usage = usage == null ? List.of() : Collections.unmodifiableList(usage);
        subscriptions = subscriptions == null ? List.of() : Collections.unmodifiableList(subscriptions);
        // sorted by source, so the notes of a score come out in the same order on every run
        staleSources = staleSources == null || staleSources.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(staleSources));
    }

    /**
     * The history as it stood at the end of {@code asOf} (UTC): activities and usage days dated after it are
     * dropped. Opportunities are kept whole (they carry their own created and close dates, which
     * {@link SignalBuilder} reads as of the day); subscriptions are kept as given (they carry no date: a
     * point-in-time caller passes none).
     */
    public AccountHistory asOf(LocalDate asOf) {
        Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Activity> before = activities.stream()
                .filter(a -> a.occurredAt() != null && a.occurredAt().isBefore(end)).toList();
        List<UsageDay> days = usage.stream().filter(u -> u.day() != null && !u.day().isAfter(asOf)).toList();
        return new AccountHistory(account, before, opportunities, days, subscriptions, staleSources);
    }

    /** An account known from the CRM alone: no usage, no subscriptions, nothing stale. */
    public static AccountHistory ofCrm(Account account, List<Activity> activities, List<Opportunity> opportunities) {
        return new AccountHistory(account, activities, opportunities, List.of(), List.of(), Map.of());
    }
}
