package io.healthsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the world move between demo runs. Each round picks accounts (reproducibly from the seed and the
 * round number) and changes them the way a quarter would: an account scored healthy (or not yet scored)
 * takes a turn for the worse, with its open deals lost and its renewal three weeks out; an account scored
 * at risk is re-engaged, with a QBR today and three check-in calls this week. Every record changed or
 * created is stamped now, so the next incremental pull picks the changes up. Note that a re-engaged
 * account's own record does not change: only its new Tasks and Event do, as in a real org. Some drifted
 * accounts also lose a logged call, deleted by a CSM; accounts already deleted no longer drift.
 */
final class SandboxDrift {

    private SandboxDrift() {
    }

    static DriftRound drift(SandboxOrg org, int count, Instant now) {
        int round = org.nextDriftRound();
        SplittableRandom random = new SplittableRandom(org.seed() * 1_000_003L + 7_919L * round + 17);
        SObjectTable accounts = org.table(SandboxSchema.ACCOUNT);
        // accounts in the Recycle Bin no longer drift
        List<Object[]> picked = RandomPicks.firstOfShuffle(RecordDeletions.live(accounts), count, random);
        Map<String, List<Object[]>> openDeals = openOpportunitiesByAccount(org);
        // the calls logged before this round: a CSM may delete one of them, never a check-in added below
        Map<String, List<Object[]>> loggedCalls = loggedCallsByAccount(org, picked);
        List<String> changed = new ArrayList<>();
        for (Object[] account : picked) {
            String id = (String) account[0];
            Double score = (Double) accounts.value(account, "Health_Score__c");
            if (score == null || score >= 50) {
                turnForTheWorse(org, account, openDeals.getOrDefault(id, List.of()), now);
            } else {
                reEngage(org, account, now, random);
            }
            changed.add(id);
        }
        return new DriftRound(changed, deleteSomeLoggedCalls(org, changed, loggedCalls, round, now));
    }

    /**
     * For about one drifted account in three, a CSM deletes one of its logged calls (a duplicate, a call
     * logged on the wrong account). Drawn from a sequence of its own, so the accounts and changes a round
     * picks are the same as before deletes existed.
     */
    private static DeletedRecords deleteSomeLoggedCalls(SandboxOrg org, List<String> drifted,
                                                        Map<String, List<Object[]>> loggedCalls, int round,
                                                        Instant now) {
        SplittableRandom random = new SplittableRandom(org.seed() * 1_000_003L + 7_919L * round + 4_099);
        RecordDeletions deletions = new RecordDeletions(org, now);
        SObjectTable tasks = org.table(SandboxSchema.TASK);
        for (String accountId : drifted) {
            if (random.nextInt(3) != 0) {
                continue;
            }
            List<Object[]> calls = loggedCalls.getOrDefault(accountId, List.of());
            if (!calls.isEmpty()) {
                deletions.delete(tasks, calls.get(random.nextInt(calls.size())));
            }
        }
        return deletions.result();
    }

    private static Map<String, List<Object[]>> loggedCallsByAccount(SandboxOrg org, List<Object[]> accounts) {
        Set<String> ids = new HashSet<>();
        accounts.forEach(account -> ids.add((String) account[0]));
        SObjectTable tasks = org.table(SandboxSchema.TASK);
        Map<String, List<Object[]>> calls = new HashMap<>();
        for (Object[] task : tasks.rows()) {
            Object accountId = tasks.value(task, "AccountId");
            if (ids.contains(accountId) && "Call".equals(tasks.value(task, "TaskSubtype"))
                    && !RecordDeletions.isDeleted(tasks, task)) {
                calls.computeIfAbsent((String) accountId, k -> new ArrayList<>()).add(task);
            }
        }
        return calls;
    }

    private static Map<String, List<Object[]>> openOpportunitiesByAccount(SandboxOrg org) {
        SObjectTable opportunities = org.table(SandboxSchema.OPPORTUNITY);
        Map<String, List<Object[]>> open = new HashMap<>();
        for (Object[] row : opportunities.rows()) {
            if (!Boolean.TRUE.equals(opportunities.value(row, "IsClosed"))
                    && !RecordDeletions.isDeleted(opportunities, row)) {
                open.computeIfAbsent((String) opportunities.value(row, "AccountId"), k -> new ArrayList<>()).add(row);
            }
        }
        return open;
    }

    private static void turnForTheWorse(SandboxOrg org, Object[] account, List<Object[]> openDeals, Instant now) {
        LocalDate today = OrgTimeline.dateOf(now);
        SObjectTable opportunities = org.table(SandboxSchema.OPPORTUNITY);
        for (Object[] deal : openDeals) {
            opportunities.set(deal, "StageName", "Closed Lost");
            opportunities.set(deal, "CloseDate", today);
            DerivedFields.opportunityFlags(opportunities, deal);
            touch(opportunities, deal, now);
        }
        SObjectTable accounts = org.table(SandboxSchema.ACCOUNT);
        accounts.set(account, "Renewal_Date__c", today.plusDays(20));
        touch(accounts, account, now);
    }

    private static void reEngage(SandboxOrg org, Object[] account, Instant now, SplittableRandom random) {
        SObjectTable accounts = org.table(SandboxSchema.ACCOUNT);
        String accountId = (String) account[0];
        String owner = (String) accounts.value(account, "OwnerId");
        Instant dayStart = OrgTimeline.atStartOf(OrgTimeline.dateOf(now));
        Instant start = OrgTimeline.max(dayStart, now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)));

        SObjectTable events = org.table(SandboxSchema.EVENT);
        Object[] qbr = events.newRow();
        qbr[0] = events.nextId();
        events.set(qbr, "IsDeleted", false);
        events.set(qbr, "WhatId", accountId);
        events.set(qbr, "OwnerId", owner);
        events.set(qbr, "Subject", "QBR");
        events.set(qbr, "Type", "Meeting");
        events.set(qbr, "StartDateTime", start);
        events.set(qbr, "DurationInMinutes", 60);
        events.set(qbr, "CreatedDate", now);
        DerivedFields.apply(org, events, qbr, now);
        touch(events, qbr, now);

        SObjectTable tasks = org.table(SandboxSchema.TASK);
        for (int i = 0; i < 3; i++) {
            Instant when = now.minus(Duration.ofDays(1 + 2L * i)).minusSeconds(random.nextInt(3_600));
            Object[] call = tasks.newRow();
            call[0] = tasks.nextId();
            tasks.set(call, "IsDeleted", false);
            tasks.set(call, "WhatId", accountId);
            tasks.set(call, "OwnerId", owner);
            tasks.set(call, "Subject", "Check-in call");
            tasks.set(call, "Type", "Call");
            tasks.set(call, "TaskSubtype", "Call");
            tasks.set(call, "Status", "Completed");
            tasks.set(call, "IsClosed", true);
            tasks.set(call, "Priority", "Normal");
            tasks.set(call, "ActivityDate", OrgTimeline.dateOf(when));
            // logged late, but completed when the call happened
            tasks.set(call, "CompletedDateTime", when);
            tasks.set(call, "CallDurationInSeconds", 300 + random.nextInt(1_500));
            tasks.set(call, "CreatedDate", now);
            DerivedFields.apply(org, tasks, call, now);
            touch(tasks, call, now);
        }
    }

    private static void touch(SObjectTable table, Object[] row, Instant now) {
        table.set(row, "LastModifiedDate", now);
        table.set(row, "SystemModstamp", now);
        table.put(row);
        table.markChanged((String) row[0]);
    }
}
