package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkIngestResultsTest {

    private static final String UNPROCESSED_MESSAGE = "Salesforce did not process this record; it is sent again on the next run";

    private static BulkIngestJob upsert(String... keys) {
        return new BulkIngestJob("Opportunity", BulkIngestJob.Operation.UPSERT, "Healthsync_Key__c", List.of(keys),
                java.util.Arrays.stream(keys).map(k -> Map.<String, Object>of("StageName", "Renewal")).toList());
    }

    @Test
    void matches_results_by_key_whatever_their_order_and_keeps_the_jobs_order() {
        BulkIngestResults results = new BulkIngestResults(upsert("hs-1", "hs-2", "hs-3", "hs-4"));
        results.readSuccessful("""
                "sf__Id","sf__Created",Healthsync_Key__c,StageName
                "0065e000002XyZ3AAK","true","hs-3","Renewal"
                "0065e000002XyZ1AAK","false","hs-1","Renewal"
                """);
        results.readFailed("""
                "sf__Id","sf__Error",Healthsync_Key__c,StageName
                "","DUPLICATE_VALUE:duplicate value found: Healthsync_Key__c duplicates value on record with id: 0065e000002XyZ9:Healthsync_Key__c --","hs-4","Renewal"
                """);
        results.readUnprocessed("Healthsync_Key__c,StageName\n");

        assertThat(results.results()).containsExactly(
                WriteResult.upserted("hs-1", "0065e000002XyZ1AAK", false),
                WriteResult.failed("hs-2", BulkIngestResults.UNPROCESSED, UNPROCESSED_MESSAGE),
                WriteResult.upserted("hs-3", "0065e000002XyZ3AAK", true),
                WriteResult.failed("hs-4", "DUPLICATE_VALUE", "duplicate value found: Healthsync_Key__c duplicates value "
                        + "on record with id: 0065e000002XyZ9 (fields: Healthsync_Key__c)"));
        assertThat(results.unmatchedRows()).isZero();
    }

    @Test
    void an_update_succeeds_as_ok_and_is_matched_by_its_id_column() {
        BulkIngestJob job = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null,
                List.of("001000000000001AAA", "001000000000002AAA"), List.of(Map.of("Health_Score__c", 72), Map.of("Health_Score__c", 40)));
        BulkIngestResults results = new BulkIngestResults(job);
        results.readSuccessful("\"sf__Id\",\"sf__Created\",Id,Health_Score__c\n"
                + "\"001000000000002AAA\",\"false\",\"001000000000002AAA\",\"40\"\n");
        results.readFailed("\"sf__Id\",\"sf__Error\",Id,Health_Score__c\n"
                + "\"001000000000001AAA\",\"ENTITY_IS_DELETED:entity is deleted:--\",\"001000000000001AAA\",\"72\"\n");

        assertThat(results.results()).containsExactly(
                WriteResult.failed("001000000000001AAA", "ENTITY_IS_DELETED", "entity is deleted"),
                WriteResult.ok("001000000000002AAA"));
    }

    @Test
    void rows_in_the_unprocessed_file_or_in_no_file_are_unprocessed_and_unknown_keys_are_counted() {
        BulkIngestResults results = new BulkIngestResults(upsert("hs-1", "hs-2"));
        results.readSuccessful("\"sf__Id\",\"sf__Created\",Healthsync_Key__c,StageName\n"
                + "\"0065e000002XyZ7AAK\",\"true\",\"hs-99\",\"Renewal\"\n");
        results.readUnprocessed("Healthsync_Key__c,StageName\nhs-2,Renewal\n");

        assertThat(results.results()).extracting(WriteResult::recordId, WriteResult::errorCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hs-1", BulkIngestResults.UNPROCESSED),
                org.assertj.core.groups.Tuple.tuple("hs-2", BulkIngestResults.UNPROCESSED));
        assertThat(results.unmatchedRows()).isEqualTo(1);
    }

    @Test
    void reads_error_messages_with_colons_line_breaks_and_no_fields() {
        assertThat(BulkIngestResults.failure("k", "FIELD_CUSTOM_VALIDATION_EXCEPTION:Stage: must be set\nbefore close:StageName,CloseDate --"))
                .isEqualTo(WriteResult.failed("k", "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Stage: must be set\nbefore close (fields: StageName,CloseDate)"));
        assertThat(BulkIngestResults.failure("k", "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--"))
                .satisfies(r -> {
                    assertThat(r.errorCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
                    assertThat(r.message()).isEqualTo("unable to obtain exclusive access to this record");
                    assertThat(r.retryable()).isTrue();
                });
        assertThat(BulkIngestResults.failure("k", "something unexpected"))
                .isEqualTo(WriteResult.failed("k", "UNKNOWN_ERROR", "something unexpected"));
    }

    @Test
    void a_results_file_without_the_key_column_is_refused_rather_than_guessed() {
        BulkIngestResults results = new BulkIngestResults(upsert("hs-1"));

        assertThatThrownBy(() -> results.readSuccessful("\"sf__Id\",\"sf__Created\",StageName\n\"006A\",\"true\",\"Renewal\"\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Healthsync_Key__c]");
    }
}
