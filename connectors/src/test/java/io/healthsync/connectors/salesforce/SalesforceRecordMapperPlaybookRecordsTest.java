package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.model.Activity;
import io.healthsync.model.Opportunity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tasks and Opportunities healthsync's playbooks created (they carry a Healthsync_Key__c) are not signals of the
 * account: the pull handles them as deleted. Records without the key, and Events, are mapped as before.
 */
class SalesforceRecordMapperPlaybookRecordsTest {

    private static final FieldMapping FIELDS = new FieldMapping(Map.of(), Map.of("health_score", "Health_Score__c"),
            new FieldMapping.WritebackPolicy(1, 200, 255));
    private final SalesforceRecordMapper mapper = new SalesforceRecordMapper(FIELDS);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_task_with_a_playbook_key_is_read_back_as_ours_not_as_a_signal_and_one_without_a_key_is_an_activity() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"00T1","AccountId":"001A","Subject":"Health dropped: call Acme","Type":"Call",
                  "ActivityDate":"2026-11-27","SystemModstamp":"2026-11-24T10:00:00.000+0000",
                  "Healthsync_Key__c":"001A:csm_outreach:2026-W48"},
                 {"Id":"00T2","AccountId":"001A","Subject":"QBR","Type":"Meeting",
                  "ActivityDate":"2026-11-20","SystemModstamp":"2026-11-24T10:00:01.000+0000",
                  "Healthsync_Key__c":null},
                 {"Id":"00T3","AccountId":"001A","Subject":"Call","Type":"Call",
                  "ActivityDate":"2026-11-21","SystemModstamp":"2026-11-24T10:00:02.000+0000",
                  "Healthsync_Key__c":"  "},
                 {"Id":"00T4","AccountId":"001A","Subject":"Email","Type":"Email",
                  "ActivityDate":"2026-11-22","SystemModstamp":"2026-11-24T10:00:03.000+0000"}]""");

        PulledPage page = mapper.map(SalesforceObject.TASK, records);

        assertThat(page.playbookRecordIds()).containsExactly("00T1");
        assertThat(page.deletedIds()).isEmpty(); // ours, read back: not a deletion in the CRM
        assertThat(page.activities()).extracting(Activity::sourceId).containsExactly("00T2", "00T3", "00T4");
        assertThat(page.quarantined()).isEmpty();
        assertThat(page.records()).isEqualTo(4);
        assertThat(page.cursor().lastId()).isEqualTo("00T4");
    }

    @Test
    void an_opportunity_with_a_playbook_key_is_read_back_as_ours_not_as_a_signal_and_others_are_pipeline() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"006A","AccountId":"001A","Name":"Expansion: Acme","StageName":"Prospecting",
                  "Type":"Existing Customer - Upgrade","Amount":10800.0,"CreatedDate":"2026-11-24T09:00:00.000+0000",
                  "CloseDate":"2027-02-22","IsClosed":false,"IsWon":false,
                  "SystemModstamp":"2026-11-24T09:00:00.000+0000","Healthsync_Key__c":"001A:expansion_ready:2026-W48"},
                 {"Id":"006B","AccountId":"001A","Name":"Acme renewal","StageName":"Negotiation","Type":"Renewal",
                  "Amount":48000.0,"CreatedDate":"2026-10-01T09:00:00.000+0000","CloseDate":"2026-12-31",
                  "IsClosed":false,"IsWon":false,"SystemModstamp":"2026-11-24T09:00:01.000+0000",
                  "Healthsync_Key__c":null}]""");

        PulledPage page = mapper.map(SalesforceObject.OPPORTUNITY, records);

        assertThat(page.playbookRecordIds()).containsExactly("006A");
        assertThat(page.deletedIds()).isEmpty();
        assertThat(page.opportunities()).extracting(Opportunity::name).containsExactly("Acme renewal");
        assertThat(page.cursor().lastId()).isEqualTo("006B");
    }

    @Test
    void an_event_is_an_activity_even_with_a_key_like_field() throws Exception {
        JsonNode records = json.readTree("""
                [{"Id":"00U1","AccountId":"001A","Subject":"QBR","StartDateTime":"2026-11-20T15:00:00.000+0000",
                  "DurationInMinutes":60,"SystemModstamp":"2026-11-20T16:00:00.000+0000",
                  "Healthsync_Key__c":"001A:csm_outreach:2026-W47"}]""");

        PulledPage page = mapper.map(SalesforceObject.EVENT, records);

        assertThat(page.deletedIds()).isEmpty();
        assertThat(page.playbookRecordIds()).isEmpty();
        assertThat(page.activities()).singleElement().satisfies(a -> {
            assertThat(a.sourceId()).isEqualTo("00U1");
            assertThat(a.durationMinutes()).isEqualTo(60);
        });
    }
}
