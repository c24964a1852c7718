package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedValuesTest {

    @Test
    void equal_values_come_back_as_the_first_instance_seen_and_null_stays_null() {
        RepeatedValues repeated = new RepeatedValues();
        String first = new String("salesforce.Task");
        String again = new String("salesforce.Task");

        assertThat(repeated.of(first)).isSameAs(first);
        assertThat(repeated.of(again)).isSameAs(first).isEqualTo(again);
        assertThat(repeated.of("zendesk")).isEqualTo("zendesk");
        assertThat(repeated.of(null)).isNull();
        assertThat(repeated.distinct()).isEqualTo(2);
    }
}
