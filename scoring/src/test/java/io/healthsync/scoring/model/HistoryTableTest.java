package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryTableTest {

    private static final HistorySpec SPEC = new HistorySpec("id", "churned", "yes", null);

    @Test
    void quoted_fields_keep_commas_quotes_and_line_breaks() {
        String csv = "id,churned,seats,note\r\n"
                + "\"a,1\",yes,10,\"said \"\"maybe\"\"\"\r\n"
                + "b,no,,\"two\nlines\"\r\n";
        HistoryTable table = HistoryTable.parse(csv, "h.csv", SPEC);

        assertThat(table.ids()).containsExactly("a,1", "b");
        assertThat(table.labels()).containsExactly(1, 0);
        assertThat(table.categories().get("note")).containsExactly("said \"maybe\"", "two\nlines");
        assertThat(table.featureNames()).containsExactly("seats", "note=said \"maybe\"", "note=two\nlines");
    }

    @Test
    void blanks_are_missing_and_id_and_label_are_never_features() {
        String csv = "id,seats,churned,plan\n1,5,yes,pro\n2, ,no,\n3,7,no,pro\n";
        HistoryTable table = HistoryTable.parse(csv, "h.csv", SPEC);

        assertThat(table.featureNames()).containsExactly("seats", "plan=pro");
        float[] f = table.features();
        assertThat(f[0]).isEqualTo(5f);
        assertThat(f[2]).isNaN(); // blank number
        assertThat(f[3]).isNaN(); // blank text: missing in every one-hot column
        assertThat(f[1]).isEqualTo(1f);
    }

    @Test
    void text_categories_are_capped_to_the_most_frequent_and_the_rest_is_other() {
        StringBuilder csv = new StringBuilder("id,churned,industry\n");
        String[] industries = {"retail", "retail", "retail", "health", "health", "mining", "farming"};
        for (int i = 0; i < industries.length; i++) {
            csv.append(i).append(',').append(i % 2 == 0 ? "yes" : "no").append(',').append(industries[i]).append('\n');
        }
        HistoryTable table = HistoryTable.parse(csv.toString(), "h.csv", new HistorySpec("id", "churned", "yes", null, 2));

        assertThat(table.featureNames()).containsExactly("industry=health", "industry=retail", "industry=other");
        int width = table.width();
        assertThat(table.features()[5 * width + 2]).isEqualTo(1f); // mining -> other
        assertThat(table.features()[0 * width + 2]).isEqualTo(0f); // retail is kept
        assertThat(table.features()[0 * width + 1]).isEqualTo(1f);
    }

    @Test
    void a_third_label_value_is_an_error_naming_the_line_and_the_value() {
        String csv = "id,churned\n1,yes\n2,no\n\"3\",no\n4,N/A\n5,no\n";
        assertThatThrownBy(() -> HistoryTable.parse(csv, "h.csv", SPEC))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("h.csv:5")
                .hasMessageContaining("'N/A'");
    }

    @Test
    void a_blank_label_is_an_error_naming_the_line() {
        String csv = "id,churned\n1,yes\n2,\n";
        assertThatThrownBy(() -> HistoryTable.parse(csv, "h.csv", SPEC))
                .hasMessageContaining("h.csv:3").hasMessageContaining("blank");
    }

    @Test
    void an_unknown_column_is_an_error_listing_the_columns() {
        String csv = "customerID,Churn,tenure\n1,Yes,3\n";
        assertThatThrownBy(() -> HistoryTable.parse(csv, "h.csv", new HistorySpec("customerId", "Churn", "Yes", null)))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("--id customerId")
                .hasMessageContaining("did you mean 'customerID'")
                .hasMessageContaining("customerID, Churn, tenure");
    }

    @Test
    void a_positive_value_absent_from_the_column_is_an_error_listing_its_values() {
        String csv = "id,churned\n1,Yes\n2,No\n";
        assertThatThrownBy(() -> HistoryTable.parse(csv, "h.csv", SPEC))
                .hasMessageContaining("--positive yes").hasMessageContaining("Yes, No");
    }

    @Test
    void a_second_row_for_an_account_is_an_error_without_a_time_column() {
        String csv = "id,churned\n1,yes\n2,no\n1,no\n";
        assertThatThrownBy(() -> HistoryTable.parse(csv, "h.csv", SPEC))
                .hasMessageContaining("h.csv:4").hasMessageContaining("line 2").hasMessageContaining("--time");
    }

    @Test
    void the_time_column_is_read_as_dates_and_is_not_a_feature() {
        String csv = "id,as_of,churned,seats\n1,2024-01-31,yes,3\n1,2024-02-29,no,4\n";
        HistoryTable table = HistoryTable.parse(csv, "h.csv", new HistorySpec("id", "churned", "yes", "as_of"));
        assertThat(table.featureNames()).containsExactly("seats");
        assertThat(table.times()[1] - table.times()[0]).isEqualTo(29 * 86_400.0);
    }

    @Test
    void a_row_with_the_wrong_number_of_fields_names_its_line() {
        String csv = "id,churned,seats\n1,yes,3\n2,no\n";
        assertThatThrownBy(() -> HistoryTable.parse(csv, "h.csv", SPEC)).hasMessageContaining("h.csv:3: 2 fields, the header has 3");
    }
}
