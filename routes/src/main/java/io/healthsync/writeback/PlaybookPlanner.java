package io.healthsync.writeback;

import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.mappings.PlaybooksConfig;
import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import io.healthsync.scoring.expansion.ExpansionScore;
import io.healthsync.scoring.expansion.ExpansionSignalValue;
import io.healthsync.scoring.playbooks.AccountState;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.scoring.playbooks.PlaybookEngine;
import io.healthsync.scoring.playbooks.PlaybookPlan;
import io.healthsync.scoring.playbooks.PriorAction;
import io.healthsync.scoring.playbooks.ScorePoint;
import io.healthsync.scoring.playbooks.SkippedAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The playbooks' part of a plan: runs the {@link PlaybookEngine} on today's scores and turns each action that
 * creates a record into a Task or Opportunity upsert keyed by Healthsync_Key__c. When the org lacks that
 * field (deploy/salesforce not deployed), those actions are left out of the plan and the plan says so:
 * without the key a re-run could double them.
 */
public final class PlaybookPlanner {

    public static final String TASK = "Task";
    public static final String OPPORTUNITY = "Opportunity";
    /** Task Status for a new one: the default of Salesforce's standard picklist. */
    static final String TASK_STATUS = "Not Started";

    /** The playbooks' share of a plan. */
    public record Result(List<PlannedWrite> writes, List<PlannedAction> actions, List<SkippedAction> skipped,
                         List<String> problems) {
    }

    private final PlaybooksConfig config;

    public PlaybookPlanner(PlaybooksConfig config) {
        this.config = config;
    }

    /**
     * @param describes  the org's Task and Opportunity describes (one not given is assumed deployed)
     * @param unreadable the sObjects the org would not describe or query, with why: none of their records are planned
     */
    public Result plan(LocalDate today, List<HealthScore> scores, Map<String, Account> accounts,
                       Map<String, List<ScorePoint>> history, List<PriorAction> prior, Map<String, SObjectDescribe> describes,
                       Map<String, String> unreadable, Map<String, ExpansionScore> expansion) {
        List<AccountState> states = new ArrayList<>(scores.size());
        for (HealthScore score : scores) {
            Account account = accounts.get(score.accountId());
            if (account != null) {
                ExpansionScore readiness = expansion.get(score.accountId());
                states.add(new AccountState(account, score, history.getOrDefault(score.accountId(), List.of()), Map.of(),
                        readiness == null ? null : readiness.propensity(), readiness == null ? null : readiness.talkingPoints().stream().map(ExpansionSignalValue::text)
                                .collect(java.util.stream.Collectors.joining("; "))));
            }
        }
        PlaybookPlan plan = new PlaybookEngine(config).plan(today, states, prior);
        List<String> problems = new ArrayList<>();
        Map<String, String> cannotWrite = new LinkedHashMap<>(unreadable);
        for (String sobject : List.of(TASK, OPPORTUNITY)) {
            SObjectDescribe describe = describes.get(sobject);
            if (!cannotWrite.containsKey(sobject) && describe != null
                    && describe.field(CrmPlaybookRecord.KEY_FIELD).filter(SObjectDescribe.Field::updateable).isEmpty()) {
                cannotWrite.put(sobject, sobject + "." + CrmPlaybookRecord.KEY_FIELD + " does not exist or is not editable "
                        + "in the org (deploy deploy/salesforce; without the key a re-run could create them twice)");
            }
        }
        List<PlannedAction> actions = new ArrayList<>();
        List<PlannedWrite> writes = new ArrayList<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        for (PlannedAction planned : plan.actions()) {
            PlannedAction action = planned;
            ExpansionScore readiness = expansion.get(planned.accountId());
            if (planned.kind() == ActionKind.OPPORTUNITY && readiness != null) {
                action = planned.withFacts(Map.of("signals_json", signalsJson(readiness)));
            }
            String sobject = action.kind() == ActionKind.OPPORTUNITY ? OPPORTUNITY : TASK;
            // held-out ones too: a held-out group with no treated group beside it would measure nothing
            if (action.kind() != ActionKind.LOG_ONLY && cannotWrite.containsKey(sobject)) {
                leftOut.merge(sobject, 1, Integer::sum);
                continue;
            }
            actions.add(action);
            if (action.createsRecord()) {
                Account account = accounts.get(action.accountId());
                writes.add(write(action, account, today));
            }
        }
        leftOut.forEach((sobject, count) -> problems.add(String.format("playbooks: %,d %s%s not planned: %s", count,
                sobject, count == 1 ? "" : "s", cannotWrite.get(sobject))));
        return new Result(writes, actions, plan.skipped(), problems);
    }

    private PlannedWrite write(PlannedAction action, Account account, LocalDate today) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(CrmPlaybookRecord.KEY_FIELD, action.key());
        String sobject;
        if (action.kind() == ActionKind.OPPORTUNITY) {
            sobject = OPPORTUNITY;
            PlaybooksConfig.ExpansionOpportunity o = config.opportunity();
            payload.put("Name", action.subject());
            payload.put("AccountId", action.accountId());
            putOwner(payload, action);
            payload.put("StageName", o.stage());
            payload.put("CloseDate", today.plusDays(o.closeInDays()).toString());
            payload.put("Type", o.type());
            if (action.amount() != null) {
                payload.put("Amount", action.amount());
            }
            payload.put("LeadSource", o.leadSource());
            if (o.recordTypeId() != null) {
                payload.put("RecordTypeId", o.recordTypeId());
            }
            payload.put("Description", action.description());
        } else {
            sobject = TASK;
            payload.put("Subject", action.subject());
            payload.put("WhatId", action.accountId());
            putOwner(payload, action);
            payload.put("ActivityDate", action.dueDate().toString());
            payload.put("Priority", action.priority().label());
            payload.put("Status", TASK_STATUS);
            payload.put("Description", action.description());
        }
        return new PlannedWrite(sobject, action.key(), account == null ? null : account.name(), List.of(), payload,
                Map.of(), action.reason(), List.of(), CrmPlaybookRecord.KEY_FIELD);
    }

    /** The expansion signals behind an Opportunity, as the scored-opportunities export carries them. */
    static String signalsJson(ExpansionScore readiness) {
        com.fasterxml.jackson.databind.node.ArrayNode signals = JSON.createArrayNode();
        for (ExpansionSignalValue value : readiness.signals()) {
            com.fasterxml.jackson.databind.node.ObjectNode node = signals.addObject();
            node.put("name", value.name());
            if (value.value() != null) {
                node.put("value", value.value());
            }
            node.put("weight", value.weight());
            node.put("points", Math.round(value.points() * 10) / 10.0);
            node.put("text", value.text());
        }
        return signals.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** An account without an owner: Salesforce makes the integration user the owner. */
    private static void putOwner(Map<String, Object> payload, PlannedAction action) {
        if (action.ownerId() != null) {
            payload.put("OwnerId", action.ownerId());
        }
    }
}
