package io.healthsync.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.model.OutcomeKind;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The touchpoint export: rows grouped into journeys; each bad row skipped and reported by line; the rest kept. */
class JourneyCsvTest {

    @Test
    void rows_of_one_account_outcome_and_date_make_one_journey_and_bad_rows_are_reported_with_their_line() throws Exception {
        String csv = """
                account_id,timestamp,touchpoint,outcome,outcome_date,revenue,segment
                a1,2025-03-01T10:00:00Z,Onboarding call,renewed,2025-06-30,12000,Enterprise
                a1,2025-05-02,QBR,renewed,2025-06-30,12000,Enterprise
                a2,2025-04-01T09:30,training,churnd,2025-06-30,5000,SMB
                a3,yesterday,training,churned,2025-07-31,5000,SMB
                a3,2025-06-01T09:00:00Z,check-in,churned,2025-07-31,5000,SMB
                a4,,,renewed,2025-08-01,12k,SMB
                """;

        JourneyCsv.Result result = JourneyCsv.read(new StringReader(csv), "export.csv");

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.skipped()).isEqualTo(3);
        assertThat(result.problems()).containsExactly(
                "export.csv:4: outcome \"churnd\" is not an outcome; expected renewed, churned, expanded or contracted (row skipped)",
                "export.csv:5: timestamp \"yesterday\" is not a time; expected ISO such as 2025-03-14T15:00:00Z, "
                        + "2025-03-14T15:00 (UTC) or 2025-03-14 (row skipped)",
                "export.csv:7: revenue \"12k\" is not an amount; expected a number of 0 or more such as 12000 (row skipped)");
        assertThat(result.journeys()).hasSize(2);
        Journey a1 = result.journeys().get(0);
        assertThat(a1.touchpoints()).extracting(Touchpoint::type).containsExactly("onboarding_call", "qbr");
        assertThat(a1.segment()).isEqualTo("Enterprise");
        assertThat(a1.revenue()).isEqualTo(12_000);
        Journey a3 = result.journeys().get(1);
        assertThat(a3.outcome()).isEqualTo(OutcomeKind.CHURNED);
        assertThat(a3.touchpoints()).extracting(Touchpoint::type).containsExactly("check_in");
    }

    @Test
    void a_header_without_the_required_columns_names_what_is_missing() {
        assertThatThrownBy(() -> JourneyCsv.read(new StringReader("account,when,touchpoint,outcome,outcome_date,revenue\n"), "x.csv"))
                .hasMessage("x.csv:1: the header lacks account_id, timestamp; expected the columns account_id, timestamp, "
                        + "touchpoint, outcome, outcome_date, revenue (and optionally segment), got account, when, touchpoint, "
                        + "outcome, outcome_date, revenue");
    }
}
