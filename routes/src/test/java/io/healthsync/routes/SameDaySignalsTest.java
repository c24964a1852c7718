package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Account;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SameDaySignalsTest {

    private static final Account ACCOUNT = new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20,
            LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1), "005A", Instant.parse("2024-01-01T10:00:00Z"),
            Instant.parse("2026-10-01T10:00:00Z"), Map.of("Health_Score__c", "40"), "acme.example");

    @Test
    void our_own_fields_and_the_modstamp_leave_the_digest_as_it_was_and_anything_else_changes_it() {
        long digest = SameDaySignals.accountDigest(ACCOUNT);
        Account echo = new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1),
                LocalDate.of(2027, 1, 1), "005A", Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2026-10-02T08:00:00Z"),
                Map.of("Health_Score__c", "71"), "acme.example");
        assertThat(SameDaySignals.accountDigest(echo)).isEqualTo(digest);

        List<Account> changed = List.of(
                new Account("001B", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme Inc", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "Enterprise", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", null, 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.5, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 21, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 2), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), null,
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005B", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:01Z"), null, Map.of(), "acme.example"),
                new Account("001A", "Acme", "SMB", "Retail", 12_000.0, 20, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 1, 1),
                        "005A", Instant.parse("2024-01-01T10:00:00Z"), null, Map.of(), "acme.example.org"));
        assertThat(changed).allSatisfy(a -> assertThat(SameDaySignals.accountDigest(a)).as(a.toString()).isNotEqualTo(digest));
    }
}
