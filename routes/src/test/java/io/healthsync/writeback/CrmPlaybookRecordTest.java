package io.healthsync.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Healthsync's own Tasks and Opportunities as a query page returns them, and the account and playbook in a key. */
class CrmPlaybookRecordTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parses_a_query_page_of_opportunities_keeping_only_records_with_a_key() throws Exception {
        // as /query answers the SOQL of CrmPlaybookRecord.soql("Opportunity")
        String page = """
                {"totalSize":3,"done":true,"records":[
                 {"attributes":{"type":"Opportunity","url":"/services/data/v60.0/sobjects/Opportunity/006A"},
                  "Id":"006A","Healthsync_Key__c":"001A:expansion_ready:2026-W40","IsClosed":true,"IsWon":false,
                  "CloseDate":"2026-12-10","CreatedDate":"2026-10-01T09:15:00.000+0000"},
                 {"attributes":{"type":"Opportunity","url":"/services/data/v60.0/sobjects/Opportunity/006B"},
                  "Id":"006B","Healthsync_Key__c":"001B:expansion_ready:2026-W48","IsClosed":false,"IsWon":false,
                  "CloseDate":"2027-02-22","CreatedDate":"2026-11-24T23:59:59.000+0000"},
                 {"attributes":{"type":"Opportunity","url":"/services/data/v60.0/sobjects/Opportunity/006C"},
                  "Id":"006C","Healthsync_Key__c":null,"IsClosed":true,"IsWon":true,
                  "CloseDate":"2026-11-01","CreatedDate":"2026-09-01T09:00:00.000+0000"}]}""";

        List<CrmPlaybookRecord> records = CrmPlaybookRecord.parse("Opportunity", json.readTree(page));

        assertThat(records).containsExactly(
                new CrmPlaybookRecord("Opportunity", "001A:expansion_ready:2026-W40", "006A", true, false,
                        LocalDate.of(2026, 12, 10), LocalDate.of(2026, 10, 1)),
                new CrmPlaybookRecord("Opportunity", "001B:expansion_ready:2026-W48", "006B", false, false,
                        LocalDate.of(2027, 2, 22), LocalDate.of(2026, 11, 24)));
        assertThat(records.get(0).closedLost()).isTrue();
        assertThat(records.get(1).closedLost()).isFalse();
    }

    @Test
    void parses_tasks_which_have_no_is_won_or_close_date_and_skips_a_blank_key() throws Exception {
        String page = """
                {"totalSize":3,"done":true,"records":[
                 {"attributes":{"type":"Task"},"Id":"00T1","Healthsync_Key__c":"001A:csm_outreach:2026-W48",
                  "IsClosed":true,"CreatedDate":"2026-11-23T08:00:00.000+0000"},
                 {"attributes":{"type":"Task"},"Id":"00T2","Healthsync_Key__c":"001B:red_escalation:2026-W48",
                  "IsClosed":false,"CreatedDate":"2026-11-24T08:00:00.000+0000"},
                 {"attributes":{"type":"Task"},"Id":"00T3","Healthsync_Key__c":"",
                  "IsClosed":false,"CreatedDate":"2026-11-24T08:00:00.000+0000"}]}""";

        List<CrmPlaybookRecord> records = CrmPlaybookRecord.parse("Task", json.readTree(page));

        assertThat(records).containsExactly(
                new CrmPlaybookRecord("Task", "001A:csm_outreach:2026-W48", "00T1", true, false, null, LocalDate.of(2026, 11, 23)),
                new CrmPlaybookRecord("Task", "001B:red_escalation:2026-W48", "00T2", false, false, null, LocalDate.of(2026, 11, 24)));
        // a closed Task is done, not lost
        assertThat(records.get(0).closedLost()).isFalse();
    }

    @Test
    void an_empty_page_has_no_records() throws Exception {
        assertThat(CrmPlaybookRecord.parse("Task", json.readTree("{\"totalSize\":0,\"done\":true,\"records\":[]}"))).isEmpty();
    }

    @Test
    void a_key_of_three_parts_names_the_account_and_the_playbook() {
        CrmPlaybookRecord record = new CrmPlaybookRecord("Task", "001A000000XyZAAA:csm_outreach:2026-W48", "00T1", false,
                false, null, null);

        assertThat(record.accountAndPlaybook()).hasValueSatisfying(ap ->
                assertThat(ap).containsExactly("001A000000XyZAAA", "csm_outreach"));
    }

    @Test
    void a_key_of_another_shape_names_nothing() {
        assertThat(new CrmPlaybookRecord("Task", "manual", "00T1", false, false, null, null).accountAndPlaybook()).isEmpty();
        assertThat(new CrmPlaybookRecord("Task", "001A:csm_outreach", "00T1", false, false, null, null).accountAndPlaybook())
                .isEmpty();
        assertThat(new CrmPlaybookRecord("Task", "001A:csm:2026-W48:x", "00T1", false, false, null, null).accountAndPlaybook())
                .isEmpty();
    }

    @Test
    void the_soql_reads_only_keyed_records_with_what_suppression_needs() {
        assertThat(CrmPlaybookRecord.soql("Opportunity")).isEqualTo("SELECT Id, Healthsync_Key__c, IsClosed, IsWon, "
                + "CloseDate, CreatedDate FROM Opportunity WHERE Healthsync_Key__c != null");
        assertThat(CrmPlaybookRecord.soql("Task"))
                .isEqualTo("SELECT Id, Healthsync_Key__c, IsClosed, CreatedDate FROM Task WHERE Healthsync_Key__c != null");
    }
}
