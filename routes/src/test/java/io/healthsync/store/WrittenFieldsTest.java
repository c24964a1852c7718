package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.writeback.WrittenValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrittenFieldsTest {

    @Test
    void a_records_fields_come_back_as_written_text_with_quotes_and_lines_included() {
        Map<String, WrittenValue> fields = new LinkedHashMap<>();
        fields.put("Health_Score__c", new WrittenValue("72", 71.6, Instant.parse("2026-12-04T18:14:17Z")));
        fields.put("Health_Drivers__c", new WrittenValue("Said \"cancel\" twice;\nno touch in 40 days", null,
                Instant.parse("2026-12-03T18:14:17Z")));
        fields.put("Churn_Risk__c", new WrittenValue(null, null, null));

        assertThat(WrittenFields.fromJson(WrittenFields.toJson(fields))).containsExactlyEntriesOf(fields);
    }

    @Test
    void a_key_a_later_version_added_is_left_out_and_a_broken_row_says_what_it_holds() {
        assertThat(WrittenFields.fromJson("{\"Health_Band__c\":{\"value\":\"Red\",\"basis\":null,\"at\":null,"
                + "\"source\":{\"plan\":\"p1\"}}}")).containsExactly(Map.entry("Health_Band__c", new WrittenValue("Red", null, null)));
        assertThat(WrittenFields.fromJson(null)).isEmpty();

        assertThatThrownBy(() -> WrittenFields.fromJson("[\"Health_Band__c\"]"))
                .isInstanceOf(StoreException.class).hasMessageContaining("[\"Health_Band__c\"]");
        assertThatThrownBy(() -> WrittenFields.fromJson("{\"Health_Band__c\":{\"at\":\"yesterday\"}}"))
                .isInstanceOf(StoreException.class).hasMessageContaining("yesterday");
    }
}
