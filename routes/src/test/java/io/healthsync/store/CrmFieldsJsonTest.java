package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmFieldsJsonTest {

    @Test
    void the_fields_read_back_as_the_store_wrote_them_in_their_order() {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("Health_Score__c", "72");
        stored.put("Health_Band__c", null);
        stored.put("Health_Drivers__c", "Usage down 40% \"quoted\"\nsecond line é");
        stored.put("AnnualRevenue", "1200000.0");

        Map<String, String> read = CrmFieldsJson.read(Jdbc.toJson(stored), new RepeatedValues(), "001A");

        assertThat(read).containsExactlyEntriesOf(stored);
    }

    @Test
    void numbers_and_booleans_read_as_their_text_and_no_text_as_no_fields() {
        assertThat(CrmFieldsJson.read("{\"Seats__c\": 120, \"Active__c\": true}", new RepeatedValues(), "001A"))
                .containsExactly(Map.entry("Seats__c", "120"), Map.entry("Active__c", "true"));
        assertThat(CrmFieldsJson.read(null, new RepeatedValues(), "001A")).isEmpty();
    }

    @Test
    void short_values_that_repeat_across_accounts_are_one_instance_long_ones_are_not_hashed() {
        RepeatedValues repeated = new RepeatedValues();
        String drivers = "Last human touch 3 days ago (+9 pts); Last business review 3 days ago (+7 pts); 9 human touches";
        String text = "{\"Health_Band__c\": \"Green\", \"Health_Drivers__c\": \"" + drivers + "\"}";

        Map<String, String> first = CrmFieldsJson.read(text, repeated, "001A");
        Map<String, String> second = CrmFieldsJson.read(text, repeated, "001B");

        assertThat(second.get("Health_Band__c")).isSameAs(first.get("Health_Band__c"));
        assertThat(second.get("Health_Drivers__c")).isEqualTo(drivers).isNotSameAs(first.get("Health_Drivers__c"));
        assertThat(repeated.distinct()).isEqualTo(3); // two names and the band
    }

    @Test
    void text_that_is_not_an_object_of_values_names_the_account() {
        assertThatThrownBy(() -> CrmFieldsJson.read("[1, 2]", new RepeatedValues(), "001A"))
                .isInstanceOf(StoreException.class).hasMessageContaining("account 001A");
        assertThatThrownBy(() -> CrmFieldsJson.read("{\"Owner\": {\"Name\": \"Ana\"}}", new RepeatedValues(), "001B"))
                .isInstanceOf(StoreException.class).hasMessageContaining("account 001B: crm_fields.Owner");
        assertThatThrownBy(() -> CrmFieldsJson.read("{\"Owner\": ", new RepeatedValues(), "001C"))
                .isInstanceOf(StoreException.class).hasMessageContaining("account 001C: crm_fields is not JSON");
    }
}
