package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SandboxValuesTest {

    private static final FieldDef DATETIME = FieldDef.field("SystemModstamp", "System Modstamp", FieldType.DATETIME).build();
    private static final FieldDef DOUBLE = FieldDef.field("Health_Score__c", "Health Score", FieldType.DOUBLE).build();
    private static final FieldDef DATE = FieldDef.field("Renewal_Date__c", "Renewal Date", FieldType.DATE).build();

    @Test
    void datetimesGoOutInSalesforceFormAndComeInInAnyCommonForm() {
        Instant instant = Instant.parse("2026-01-01T09:30:00Z");

        assertThat(SandboxValues.toJson(DATETIME, instant).asText()).isEqualTo("2026-01-01T09:30:00.000+0000");
        assertThat(SandboxValues.parseDateTime("2026-01-01T09:30:00.000+0000")).isEqualTo(instant);
        assertThat(SandboxValues.parseDateTime("2026-01-01T09:30:00Z")).isEqualTo(instant);
        assertThat(SandboxValues.parseDateTime("2026-01-01T11:30:00+02:00")).isEqualTo(instant);
        assertThat(SandboxValues.parseDateTime("2026-01-01T09:30:00")).isEqualTo(instant);
    }

    @Test
    void wholeNumbersHaveNoFractionAndDatesAreIsoDays() {
        assertThat(SandboxValues.toJson(DOUBLE, 72.0).toString()).isEqualTo("72");
        assertThat(SandboxValues.toJson(DOUBLE, 72.5).toString()).isEqualTo("72.5");
        assertThat(SandboxValues.toJson(DATE, LocalDate.of(2026, 2, 3)).asText()).isEqualTo("2026-02-03");
        assertThat(SandboxValues.toJson(DOUBLE, null).isNull()).isTrue();
    }
}
