package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.Taxonomy;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SalesforceRecordMapperTest {

    private static final FieldMapping FIELDS = new FieldMapping(
            Map.of("segment", "Customer_Segment__c", "arr", "ARR__c", "renewal_date", "Renewal_Date__c"),
            Map.of("health_score", "Health_Score__c", "health_band", "Health_Band__c"),
            new FieldMapping.WritebackPolicy(1, 200, 255));
    private final SalesforceRecordMapper mapper = new SalesforceRecordMapper(FIELDS);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void maps_an_account_with_its_configured_fields_and_current_crm_health_values() throws Exception {
        JsonNode records = json.readTree("""
                [{"attributes":{"type":"Account"},"Id":"001A","Name":"Acme","Industry":"Retail","OwnerId":"005X",
                  "CreatedDate":"2024-01-02T03:04:05.000+0000","SystemModstamp":"2026-11-01T10:00:00.000+0000",
                  "Customer_Segment__c":"SMB","ARR__c":12000.5,"Renewal_Date__c":"2027-03-31",
                  "Health_Score__c":72.0,"Health_Band__c":null}]""");

        PulledPage page = mapper.map(SalesforceObject.ACCOUNT, records);

        Account account = page.accounts().get(0);
        assertThat(account.crmId()).isEqualTo("001A");
        assertThat(account.segment()).isEqualTo("SMB");
        assertThat(account.arr()).isEqualTo(12000.5);
        assertThat(account.renewalDate()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(account.createdAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(account.crmFields()).containsEntry("Health_Score__c", "72.0").containsEntry("Health_Band__c", null);
        assertThat(page.cursor()).isEqualTo(new SalesforceCursor(Instant.parse("2026-11-01T10:00:00Z"), "001A"));
    }

    @Test
    void keeps_task_labels_as_pulled_for_the_taxonomy_to_classify_when_scoring() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"00T1","AccountId":"001A","Subject":"Q3 business review","Type":"Meeting",
                  "ActivityDate":"2026-10-01","SystemModstamp":"2026-10-01T10:00:00.000+0000"},
                 {"Id":"00T2","AccountId":"001A","Subject":"Lunch w/ champion","Type":"Call",
                  "CompletedDateTime":"2026-10-02T15:30:00.000+0000","CallDurationInSeconds":1800,
                  "SystemModstamp":"2026-10-02T15:30:00.000+0000"},
                 {"Id":"00T3","AccountId":"001A","Subject":"pinged on slack","Type":null,
                  "ActivityDate":"2026-10-03","SystemModstamp":"2026-10-03T10:00:00.000+0000"}]""");

        List<Activity> activities = mapper.map(SalesforceObject.TASK, records).activities();

        assertThat(activities).extracting(Activity::type).containsOnlyNulls();
        assertThat(activities).extracting(Activity::rawType)
                .containsExactly("Q3 business review", "Lunch w/ champion", "pinged on slack");
        assertThat(activities).extracting(Activity::sourceType).containsExactly("Meeting", "Call", null);
        assertThat(activities.get(0).occurredAt()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(activities.get(1).durationMinutes()).isEqualTo(30);
        assertThat(activities.get(2).rawType()).isEqualTo("pinged on slack");
        assertThat(activities.get(0).source()).isEqualTo("salesforce.Task");
    }

    @Test
    void should_quarantine_a_malformed_record_and_keep_the_rest_of_the_page() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"001A","Name":"Good","SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                 {"Id":"001B","Name":"Bad date","SystemModstamp":"2026-11-01T10:00:01.000+0000","Renewal_Date__c":"next spring"},
                 {"Name":"No id","SystemModstamp":"2026-11-01T10:00:02.000+0000"},
                 {"Id":"001D","Name":"Also good","SystemModstamp":"2026-11-01T10:00:03.000+0000"}]""");

        PulledPage page = mapper.map(SalesforceObject.ACCOUNT, records);

        assertThat(page.accounts()).extracting(Account::crmId).containsExactly("001A", "001D");
        assertThat(page.quarantined()).hasSize(2);
        assertThat(page.quarantined().get(0).reason())
                .isEqualTo("Account 001B: field Renewal_Date__c: expected a date like 2026-01-31, got \"next spring\"");
        assertThat(page.quarantined().get(0).payload()).contains("next spring");
        assertThat(page.quarantined().get(1).reason()).startsWith("Account (no Id)");
        assertThat(page.records()).isEqualTo(4);
        // the cursor passes quarantined records too: they are stored (in quarantine), not lost
        assertThat(page.cursor().lastId()).isEqualTo("001D");
    }

    @Test
    void the_cursor_passes_a_quarantined_record_at_the_end_of_a_page() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"001A","Name":"Good","SystemModstamp":"2026-11-01T10:00:00.000+0000"},
                 {"Id":"001B","Name":"Bad date","SystemModstamp":"2026-11-01T10:00:01.000+0000","Renewal_Date__c":"soon"}]""");

        PulledPage page = mapper.map(SalesforceObject.ACCOUNT, records);

        assertThat(page.cursor()).isEqualTo(new SalesforceCursor(Instant.parse("2026-11-01T10:00:01Z"), "001B"));
        assertThat(page.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.recordId()).isEqualTo("001B");
            assertThat(q.modstamp()).isEqualTo(Instant.parse("2026-11-01T10:00:01Z"));
        });
        assertThat(page.mappedIds()).containsExactly("001A");
    }

    @Test
    void deleted_records_from_queryAll_become_tombstones_not_records() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"00T1","AccountId":"001A","Subject":"Call","IsDeleted":true,
                  "ActivityDate":"2026-10-01","SystemModstamp":"2026-11-02T10:00:00.000+0000"},
                 {"Id":"00T2","AccountId":"001A","Subject":"Call","IsDeleted":false,
                  "ActivityDate":"2026-10-02","SystemModstamp":"2026-11-02T10:00:01.000+0000"}]""");

        PulledPage page = mapper.map(SalesforceObject.TASK, records);

        assertThat(page.deletedIds()).containsExactly("00T1");
        assertThat(page.activities()).extracting(Activity::sourceId).containsExactly("00T2");
        assertThat(page.cursor().lastId()).isEqualTo("00T2");
    }

    @Test
    void an_activity_without_an_account_is_quarantined_as_unmatched() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"00U1","WhatId":"006X","Subject":"QBR","StartDateTime":"2026-10-01T10:00:00.000+0000",
                  "SystemModstamp":"2026-10-01T10:00:00.000+0000"}]""");

        PulledPage page = mapper.map(SalesforceObject.EVENT, records);

        assertThat(page.activities()).isEmpty();
        assertThat(page.quarantined()).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("cannot be matched to an account"));
    }
}
