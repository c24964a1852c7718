package io.healthsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record's CRM fields as arrays read back as the ordered map they were, empty values included, never changed. */
class FieldValuesTest {

    private static LinkedHashMap<String, String> fields(String score) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("Health_Score__c", score);
        fields.put("Health_Band__c", "Green");
        fields.put("Churn_Risk__c", null);
        fields.put("Health_Updated__c", "2026-12-07T10:00:00.000+0000");
        return fields;
    }

    @Test
    void reads_back_as_the_map_it_came_from_in_its_order_with_empty_fields() {
        Map<String, String> copy = FieldValues.copyOf(fields("72"));

        assertThat(copy).isEqualTo(fields("72"));
        assertThat(fields("72")).isEqualTo(copy);
        assertThat(copy.hashCode()).isEqualTo(fields("72").hashCode());
        assertThat(new ArrayList<>(copy.keySet())).containsExactly("Health_Score__c", "Health_Band__c", "Churn_Risk__c",
                "Health_Updated__c");
        assertThat(copy.containsKey("Churn_Risk__c")).isTrue();
        assertThat(copy.get("Churn_Risk__c")).isNull();
        assertThat(copy.containsKey("Expansion__c")).isFalse();
        assertThat(copy.get("Health_Score__c")).isEqualTo("72");
        assertThat(copy).isNotEqualTo(fields("71"));
        assertThat(FieldValues.copyOf(copy)).isSameAs(copy);
        assertThat(FieldValues.copyOf(null)).isEmpty();
    }

    @Test
    void cannot_be_changed() {
        Map<String, String> copy = FieldValues.copyOf(fields("72"));

        assertThatThrownBy(() -> copy.put("Health_Score__c", "1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.remove("Health_Score__c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue("1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_null_name_is_kept_as_given() {
        Map<String, String> odd = new HashMap<>();
        odd.put(null, "x");
        odd.put("Health_Score__c", "72");

        assertThat(FieldValues.copyOf(odd)).isEqualTo(odd);
    }

    @Test
    void an_account_keeps_its_fields_so() {
        LinkedHashMap<String, String> given = fields("72");
        Account account = new Account("001A", "Acme", "SMB", "Software", 1000.0, 10, null, null, "005A", null, null,
                given);
        given.put("Health_Score__c", "10");

        assertThat(account.crmFields()).isEqualTo(fields("72"));
    }
}
