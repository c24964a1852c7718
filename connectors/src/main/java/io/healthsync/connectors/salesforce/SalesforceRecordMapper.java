package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.CrmUser;
import io.healthsync.model.Opportunity;
import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the records of one query page into canonical records. A record that cannot be read is
 * quarantined with its payload and the reason; the rest of the page goes on.
 */
public final class SalesforceRecordMapper {

    public static final String SOURCE = "salesforce";

    private final FieldMapping fields;

    public SalesforceRecordMapper(FieldMapping fields) {
        this.fields = fields;
    }

    /** The external id of the Tasks and Opportunities healthsync creates. */
    public static final String PLAYBOOK_KEY_FIELD = "Healthsync_Key__c";

    public PulledPage map(SalesforceObject object, JsonNode records) {
        PulledPage page = new PulledPage(object);
        if (records == null || !records.isArray()) {
            return page;
        }
        for (JsonNode record : records) {
            page.countRecord();
            String id = SalesforceValues.text(record, "Id");
            Instant modstamp = null;
            try {
                modstamp = SalesforceValues.datetime(record, "SystemModstamp");
                if (id == null || id.isBlank() || modstamp == null) {
                    throw new SalesforceValues.BadValueException("Id/SystemModstamp", String.valueOf(id),
                            "both present (the incremental cursor needs them)");
                }
                if (SalesforceValues.bool(record, "IsDeleted")) {
                    page.deletedIds().add(id);
                } else if (createdByPlaybook(object, record)) {
                    page.playbookRecordIds().add(id);
                } else {
                    mapOne(object, id, record, page);
                }
                page.mappedIds().add(id);
            } catch (RuntimeException e) {
                page.quarantined().add(new QuarantinedRecord(SOURCE, object.apiName(),
                        id == null || id.isBlank() ? null : id, modstamp,
                        object.apiName() + " " + (id == null ? "(no Id)" : id) + ": " + e.getMessage(),
                        record.toString()));
            }
            if (id != null && !id.isBlank() && modstamp != null) {
                // past a quarantined record too: it is kept and reported, not read again every run
                page.advanceCursor(new SalesforceCursor(modstamp, id));
            }
        }
        return page;
    }

    /**
     * A Task or Opportunity healthsync's playbooks created (it carries a Healthsync_Key__c) is our own prompt, not a
     * signal of the account: a Task asks a CSM to act (it is not a touch), an expansion Opportunity follows from the
     * score (counting it as pipeline would move the score that created it, and fire playbooks again). Handled as
     * deleted (a tombstone, which also removes a copy stored before); the playbooks read their state by the key.
     */
    private static boolean createdByPlaybook(SalesforceObject object, JsonNode record) {
        if (object != SalesforceObject.TASK && object != SalesforceObject.OPPORTUNITY) {
            return false;
        }
        String key = SalesforceValues.text(record, PLAYBOOK_KEY_FIELD);
        return key != null && !key.isBlank();
    }

    private void mapOne(SalesforceObject object, String id, JsonNode record, PulledPage page) {
        switch (object) {
            case ACCOUNT -> page.accounts().add(account(id, record));
            case TASK, EVENT -> page.activities().add(activity(object, id, record));
            case OPPORTUNITY -> page.opportunities().add(opportunity(id, record));
            case USER -> page.users().add(new CrmUser(id, SalesforceValues.text(record, "Name"),
                    SalesforceValues.text(record, "Title"), SalesforceValues.bool(record, "IsActive")));
        }
    }

    private Account account(String id, JsonNode record) {
        Map<String, String> read = fields.accountRead();
        Double seats = numberOf(record, read.get("seats_licensed"));
        Map<String, String> crmFields = new LinkedHashMap<>();
        for (String field : fields.accountWrite().values()) {
            if (record.has(field)) {
                crmFields.put(field, SalesforceValues.text(record, field));
            }
        }
        return new Account(id,
                SalesforceValues.text(record, "Name"),
                textOf(record, read.get("segment")),
                SalesforceValues.text(record, "Industry"),
                numberOf(record, read.get("arr")),
                seats == null ? null : (int) Math.round(seats),
                dateOf(record, read.get("contract_start")),
                dateOf(record, read.get("renewal_date")),
                SalesforceValues.text(record, "OwnerId"),
                SalesforceValues.datetime(record, "CreatedDate"),
                SalesforceValues.datetime(record, "SystemModstamp"),
                crmFields,
                SalesforceValues.text(record, "Website"));
    }

    private Activity activity(SalesforceObject object, String id, JsonNode record) {
        String accountId = SalesforceValues.text(record, "AccountId");
        if (accountId == null) {
            String whatId = SalesforceValues.text(record, "WhatId");
            accountId = whatId != null && whatId.startsWith("001") ? whatId : null;
        }
        if (accountId == null) {
            throw new IllegalArgumentException("no AccountId: the activity cannot be matched to an account");
        }
        String subject = SalesforceValues.text(record, "Subject");
        String type = SalesforceValues.text(record, "Type");
        Instant occurredAt;
        Integer minutes;
        if (object == SalesforceObject.TASK) {
            occurredAt = firstOf(SalesforceValues.datetime(record, "CompletedDateTime"),
                    startOfDay(SalesforceValues.date(record, "ActivityDate")),
                    SalesforceValues.datetime(record, "CreatedDate"));
            Double seconds = SalesforceValues.number(record, "CallDurationInSeconds");
            minutes = seconds == null ? null : (int) Math.round(seconds / 60.0);
        } else {
            occurredAt = firstOf(SalesforceValues.datetime(record, "StartDateTime"),
                    SalesforceValues.datetime(record, "ActivityDateTime"),
                    SalesforceValues.datetime(record, "CreatedDate"));
            Double duration = SalesforceValues.number(record, "DurationInMinutes");
            minutes = duration == null ? null : duration.intValue();
        }
        if (occurredAt == null) {
            throw new IllegalArgumentException("no date: none of the activity's date fields is set");
        }
        // free text: classified by taxonomy.yaml when scored, so an edited taxonomy applies to stored activities
        return new Activity(SOURCE + "." + object.apiName(), id, accountId, null, subject, type, occurredAt,
                SalesforceValues.text(record, "OwnerId"), minutes);
    }

    private Opportunity opportunity(String id, JsonNode record) {
        Double amount = SalesforceValues.number(record, "Amount");
        return new Opportunity(id,
                SalesforceValues.text(record, "AccountId"),
                SalesforceValues.text(record, "Name"),
                SalesforceValues.text(record, "StageName"),
                SalesforceValues.text(record, "Type"),
                amount,
                SalesforceValues.datetime(record, "CreatedDate"),
                SalesforceValues.date(record, "CloseDate"),
                SalesforceValues.bool(record, "IsClosed"),
                SalesforceValues.bool(record, "IsWon"));
    }

    private static String textOf(JsonNode record, String field) {
        return field == null ? null : SalesforceValues.text(record, field);
    }

    private static Double numberOf(JsonNode record, String field) {
        return field == null ? null : SalesforceValues.number(record, field);
    }

    private static LocalDate dateOf(JsonNode record, String field) {
        return field == null ? null : SalesforceValues.date(record, field);
    }

    private static Instant startOfDay(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant firstOf(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
