package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlBuilderTest {

    private static final List<String> FIELDS = List.of("Id", "Name", "SystemModstamp");

    @Test
    void first_pull_of_accounts_reads_everything_in_cursor_order() {
        String soql = SoqlBuilder.incremental(SalesforceObject.ACCOUNT, FIELDS, null, 0, LocalDate.of(2024, 11, 24));

        assertThat(soql).isEqualTo("SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void should_resume_right_after_the_last_stored_record_using_the_id_as_tie_breaker() {
        SalesforceCursor cursor = new SalesforceCursor(Instant.parse("2026-11-20T10:15:30.120Z"), "001000000000042AAA");

        String soql = SoqlBuilder.incremental(SalesforceObject.ACCOUNT, FIELDS, cursor, 0, LocalDate.of(2024, 11, 24));

        assertThat(soql).isEqualTo("SELECT Id, Name, SystemModstamp FROM Account WHERE "
                + "(SystemModstamp > 2026-11-20T10:15:30.120Z OR (SystemModstamp = 2026-11-20T10:15:30.120Z "
                + "AND Id > '001000000000042AAA')) ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void lookback_rereads_a_window_behind_the_cursor() {
        SalesforceCursor cursor = new SalesforceCursor(Instant.parse("2026-11-20T10:15:30Z"), "001000000000042AAA");

        String soql = SoqlBuilder.incremental(SalesforceObject.ACCOUNT, FIELDS, cursor, 60, LocalDate.of(2024, 11, 24));

        assertThat(soql).contains("WHERE SystemModstamp >= 2026-11-20T10:14:30.000Z ORDER BY");
    }

    @Test
    void lookback_skips_what_was_already_reread_once() {
        Instant at = Instant.parse("2026-11-20T10:15:30Z");
        SalesforceCursor partly = new SalesforceCursor(at, "001000000000042AAA", Instant.parse("2026-11-20T10:15:00Z"));
        SalesforceCursor settled = new SalesforceCursor(at, "001000000000042AAA", at);

        String partlySoql = SoqlBuilder.incremental(SalesforceObject.ACCOUNT, FIELDS, partly, 60, LocalDate.of(2024, 11, 24));
        String settledSoql = SoqlBuilder.incremental(SalesforceObject.ACCOUNT, FIELDS, settled, 60, LocalDate.of(2024, 11, 24));

        assertThat(partlySoql).contains("WHERE SystemModstamp >= 2026-11-20T10:15:00.000Z ORDER BY");
        // the window behind the cursor has been re-read after it passed: resume right after the cursor
        assertThat(settledSoql).contains("WHERE (SystemModstamp > 2026-11-20T10:15:30.000Z OR (SystemModstamp = "
                + "2026-11-20T10:15:30.000Z AND Id > '001000000000042AAA')) ORDER BY");
    }

    @Test
    void activities_are_limited_to_account_activity_within_the_history_window() {
        SalesforceCursor cursor = new SalesforceCursor(Instant.parse("2026-11-20T10:15:30Z"), "00T000000000001AAA");

        String soql = SoqlBuilder.incremental(SalesforceObject.TASK, FIELDS, cursor, 0, LocalDate.of(2024, 11, 24));

        assertThat(soql).isEqualTo("SELECT Id, Name, SystemModstamp FROM Task WHERE AccountId != null AND "
                + "CreatedDate >= 2024-11-24T00:00:00.000Z AND (SystemModstamp > 2026-11-20T10:15:30.000Z OR "
                + "(SystemModstamp = 2026-11-20T10:15:30.000Z AND Id > '00T000000000001AAA')) "
                + "ORDER BY SystemModstamp ASC, Id ASC");
    }

    @Test
    void quotes_in_a_cursor_id_are_escaped() {
        assertThat(SoqlBuilder.escape("a'b\\c")).isEqualTo("a\\'b\\\\c");
    }

    @Test
    void a_bulk_backfill_reads_what_a_first_rest_pull_reads_without_ordering() {
        LocalDate historyStart = LocalDate.of(2024, 11, 24);
        List<String> taskFields = List.of("Id", "AccountId", "SystemModstamp");

        assertThat(SoqlBuilder.backfill(SalesforceObject.TASK, taskFields, historyStart)).isEqualTo(
                "SELECT Id, AccountId, SystemModstamp FROM Task WHERE AccountId != null AND CreatedDate >= "
                        + "2024-11-24T00:00:00.000Z");
        assertThat(SoqlBuilder.incremental(SalesforceObject.TASK, taskFields, null, 60, historyStart)).isEqualTo(
                SoqlBuilder.backfill(SalesforceObject.TASK, taskFields, historyStart)
                        + " ORDER BY SystemModstamp ASC, Id ASC");
        assertThat(SoqlBuilder.backfill(SalesforceObject.ACCOUNT, FIELDS, historyStart))
                .isEqualTo("SELECT " + String.join(", ", FIELDS) + " FROM Account");
    }
}
