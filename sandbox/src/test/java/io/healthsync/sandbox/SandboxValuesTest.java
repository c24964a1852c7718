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

    @Test
    void datetimesWrittenByHandMatchTheFormatterToTheMillisecond() {
        java.util.Random random = new java.util.Random(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    random.nextInt(1_000_000_000));
            assertThat(SandboxValues.formatDateTime(instant)).isEqualTo(SandboxValues.formatDateTimeByFormatter(instant));
        }
        for (String edge : new String[] {"2024-02-29T23:59:59.999999999Z", "1999-12-31T00:00:00Z",
                "0900-06-01T12:00:00.5Z", "+12000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(SandboxValues.formatDateTime(instant)).isEqualTo(SandboxValues.formatDateTimeByFormatter(instant));
        }
        assertThat(SandboxValues.formatDateTime(Instant.parse("2024-02-29T23:59:59.999999999Z")))
                .isEqualTo("2024-02-29T23:59:59.999+0000");
    }

    @Test
    void valuesWrittenStraightToTextReadAsTheirTreeForm() throws Exception {
        FieldDef text = FieldDef.field("Name", "Name", FieldType.STRING).build();
        FieldDef flag = FieldDef.field("IsDeleted", "Deleted", FieldType.BOOLEAN).build();
        Object[][] cases = {{DATETIME, Instant.parse("2026-01-01T09:30:00.250Z")}, {DOUBLE, 72.0}, {DOUBLE, 72.5},
                {DOUBLE, 1e20}, {DATE, LocalDate.of(2026, 2, 3)}, {text, "Acme \"Corp\"\n"}, {flag, true}, {text, null}};
        for (Object[] c : cases) {
            java.io.StringWriter out = new java.io.StringWriter();
            try (var json = SandboxResponse.JSON.getFactory().createGenerator(out)) {
                SandboxValues.write(json, (FieldDef) c[0], c[1]);
            }
            assertThat(out.toString()).as("%s", c[1]).isEqualTo(SandboxValues.toJson((FieldDef) c[0], c[1]).toString());
        }
    }

    @Test
    void valuesAsTextAreTheirJsonText() {
        FieldDef text = FieldDef.field("Name", "Name", FieldType.STRING).build();
        FieldDef flag = FieldDef.field("IsDeleted", "Deleted", FieldType.BOOLEAN).build();
        FieldDef count = FieldDef.field("NumberOfEmployees", "Employees", FieldType.INT).build();
        Object[][] cases = {{DATETIME, Instant.parse("2026-01-01T09:30:00.250Z")}, {DOUBLE, 72.0}, {DOUBLE, -3.0},
                {DOUBLE, 72.5}, {DOUBLE, 0.1}, {DOUBLE, 1e20}, {DOUBLE, 1234567.891}, {count, 250},
                {DATE, LocalDate.of(2026, 2, 3)}, {text, "Acme, \"Corp\""}, {flag, false}};
        for (Object[] c : cases) {
            assertThat(SandboxValues.text((FieldDef) c[0], c[1])).as("%s", c[1])
                    .isEqualTo(SandboxValues.toJson((FieldDef) c[0], c[1]).asText());
        }
        assertThat(SandboxValues.text(text, null)).isNull();
    }

    @Test
    void bulkResultsDatetimesEndInZ() {
        java.time.format.DateTimeFormatter csv = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 5_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L));
            assertThat(SandboxValues.formatDateTime(instant, "Z", csv)).isEqualTo(csv.format(instant));
        }
        assertThat(SandboxValues.formatDateTime(Instant.parse("2026-01-01T09:30:00.250Z"), "Z", csv))
                .isEqualTo("2026-01-01T09:30:00.250Z");
    }

    @Test
    void aDatetimeParsedAgainReadsTheSameAndABadOneStillFails() {
        Instant first = Instant.parse("2026-12-06T09:30:00Z");
        Instant second = Instant.parse("2026-12-06T11:30:00Z");

        assertThat(SandboxValues.parseDateTime("2026-12-06T09:30:00Z")).isEqualTo(first);
        assertThat(SandboxValues.parseDateTime("2026-12-06T09:30:00Z")).isEqualTo(first);
        assertThat(SandboxValues.parseDateTime("2026-12-06T13:30:00+02:00")).isEqualTo(second);
        assertThat(SandboxValues.parseDateTime("2026-12-06T09:30:00Z")).isEqualTo(first);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxValues.parseDateTime("2026-12-06 at 09:30"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxValues.parseDateTime("2026-12-06 at 09:30"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
