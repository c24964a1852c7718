package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrittenRecordTest {

    private static final Instant AT = Instant.parse("2026-12-06T09:56:25.123Z");

    @Test
    void a_record_s_fields_read_back_as_written() {
        Map<String, WrittenRecord.Field> fields = Map.of(
                "Health_Score__c", new WrittenRecord.Field("72", 71.63, "plan-1", AT),
                "Health_Band__c", new WrittenRecord.Field("Yellow", null, "plan-1", AT),
                "Health_Drivers__c", new WrittenRecord.Field("Usage down 40% \"quoted\"\nsecond line é", null, null,
                        Instant.parse("2026-12-05T10:00:00Z")));

        String text = WrittenRecord.encode(fields);

        assertThat(WrittenRecord.decode(text, "row")).isEqualTo(fields);
        // the same fields make the same text, whatever order they came in
        assertThat(WrittenRecord.encode(new java.util.TreeMap<>(fields))).isEqualTo(text);
        assertThat(text).startsWith("{\"Health_Band__c\":{\"value\":\"Yellow\",\"plan\":\"plan-1\",\"at\":");
    }

    @Test
    void a_reader_keeps_one_instance_of_repeated_names_values_and_instants() {
        WrittenRecord.Reader reader = new WrittenRecord.Reader();
        String text = WrittenRecord.encode(Map.of("Health_Band__c", new WrittenRecord.Field("Green", null, "p", AT)));

        WrittenRecord.Field first = reader.decode(new String(text), "a").get("Health_Band__c");
        WrittenRecord.Field second = reader.decode(new String(text), "b").get("Health_Band__c");

        assertThat(second.value()).isSameAs(first.value());
        assertThat(second.writtenAt()).isSameAs(first.writtenAt());
    }

    @Test
    void a_row_that_is_not_a_written_record_is_named_in_the_error() {
        assertThatThrownBy(() -> WrittenRecord.decode("[1, 2]", "written_record Account 001A"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("written_record Account 001A: not a written record");
        assertThatThrownBy(() -> WrittenRecord.decode("{\"Health_Score__c\":{\"value\":\"72\"}}", "written_record Account 001A"))
                .isInstanceOf(StoreException.class)
                .hasMessage("written_record Account 001A: written field Health_Score__c has no \"at\"");
        assertThatThrownBy(() -> WrittenRecord.decode("{\"Health_Score__c\":{\"value\":\"72\",\"at\":\"yesterday\"}}",
                "written_record Account 001A"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("written_record Account 001A: not a written record");
    }

    @Test
    void keys_a_later_version_adds_are_passed_over() {
        String text = "{\"Health_Score__c\":{\"value\":\"72\",\"by\":{\"user\":\"x\"},\"at\":\"2026-12-06T09:56:25.123Z\"}}";

        assertThat(WrittenRecord.decode(text, "row"))
                .containsExactly(Map.entry("Health_Score__c", new WrittenRecord.Field("72", null, null, AT)));
    }
}
