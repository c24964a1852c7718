package io.healthsync.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Task or Opportunity healthsync created, as Salesforce holds it now (read at plan time by its
 * Healthsync_Key__c): whether it is still open, and for an Opportunity whether it was won and when it
 * closed. This is the truth the playbooks' suppression reads, whatever the store remembers (a record a
 * crash left unrecorded, a Task a CSM completed).
 */
public record CrmPlaybookRecord(String sobject, String key, String salesforceId, boolean closed, boolean won,
                                LocalDate closeDate, LocalDate createdOn) {

    public static final String KEY_FIELD = io.healthsync.connectors.salesforce.SalesforceRecordMapper.PLAYBOOK_KEY_FIELD;

    /** The query that reads them: every Task or Opportunity carrying a key (they are few: ours only). */
    public static String soql(String sobject) {
        return sobject.equals("Opportunity")
                ? "SELECT Id, " + KEY_FIELD + ", IsClosed, IsWon, CloseDate, CreatedDate FROM Opportunity WHERE "
                        + KEY_FIELD + " != null"
                : "SELECT Id, " + KEY_FIELD + ", IsClosed, CreatedDate FROM " + sobject + " WHERE " + KEY_FIELD + " != null";
    }

    /** One page of the query's answer. */
    public static List<CrmPlaybookRecord> parse(String sobject, JsonNode page) {
        List<CrmPlaybookRecord> records = new ArrayList<>();
        for (JsonNode r : page.path("records")) {
            String key = r.path(KEY_FIELD).asText(null);
            if (key == null || key.isBlank()) {
                continue;
            }
            records.add(new CrmPlaybookRecord(sobject, key, r.path("Id").asText(null), r.path("IsClosed").asBoolean(false),
                    r.path("IsWon").asBoolean(false), date(r.path("CloseDate")), date(r.path("CreatedDate"))));
        }
        return records;
    }

    /** The account and playbook a key names (account:playbook:week), if it is one of ours. */
    public Optional<String[]> accountAndPlaybook() {
        String[] parts = key.split(":");
        return parts.length == 3 ? Optional.of(new String[] {parts[0], parts[1]}) : Optional.empty();
    }

    /** Closed without being won: an Opportunity closed lost (a closed Task is just done). */
    public boolean closedLost() {
        return sobject.equals("Opportunity") && closed && !won;
    }

    private static LocalDate date(JsonNode value) {
        String text = value.asText(null);
        return text == null || text.length() < 10 ? null : LocalDate.parse(text.substring(0, 10));
    }
}
