package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void theChecksumFlagsUppercaseLettersPerFiveCharacterChunk() {
        // "00D5e" has an uppercase at position 2 (4 -> E), "0000A" at 4 (16 -> Q), "BCDEF" everywhere (31 -> 5)
        assertThat(SalesforceIds.to18("00D5e0000ABCDEF")).isEqualTo("00D5e0000ABCDEFEQ5");
        assertThat(SalesforceIds.isWellFormed("00D5e0000ABCDEFEQ5")).isTrue();
        assertThat(SalesforceIds.isWellFormed("00D5e0000ABCDEFAAA")).isFalse();
        assertThat(SalesforceIds.isWellFormed("00D5e0000ABCDEF")).isTrue();
        assertThat(SalesforceIds.isWellFormed("not-an-id")).isFalse();
    }

    @Test
    void generatedIdsCarryTheirSerialAndSortBySerial() {
        String small = SalesforceIds.of("001", 35);
        String large = SalesforceIds.of("001", 36);

        assertThat(small).hasSize(18).startsWith("0015e0000");
        assertThat(SalesforceIds.serialOf(large)).isEqualTo(36);
        assertThat(small).isLessThan(large);
    }
}
