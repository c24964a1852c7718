package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which failed writes are worth sending again: lock contention only; a success never. */
class WriteResultTest {

    @Test
    void lock_contention_is_retryable() {
        assertThat(WriteResult.failed("001A", "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access").retryable()).isTrue();
    }

    @Test
    void a_record_salesforce_refuses_for_what_it_is_is_not_retryable() {
        assertThat(WriteResult.failed("001A", "REQUIRED_FIELD_MISSING", "Required fields are missing").retryable()).isFalse();
        assertThat(WriteResult.failed("001A", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "rule").retryable()).isFalse();
        assertThat(WriteResult.failed("001A", null, "no code").retryable()).isFalse();
    }

    @Test
    void a_success_is_never_retryable() {
        assertThat(WriteResult.ok("001A").retryable()).isFalse();
        assertThat(WriteResult.upserted("k", "00T1", true).retryable()).isFalse();
        // even with a lock code on it, a success is done
        assertThat(new WriteResult("001A", true, "UNABLE_TO_LOCK_ROW", null, "001A", null).retryable()).isFalse();
    }

    @Test
    void ok_upserted_and_failed_say_what_salesforce_answered() {
        assertThat(WriteResult.ok("001A")).isEqualTo(new WriteResult("001A", true, null, null, "001A", null));
        assertThat(WriteResult.upserted("001A:p:2026-W48", "00T1", false))
                .isEqualTo(new WriteResult("001A:p:2026-W48", true, null, null, "00T1", false));
        assertThat(WriteResult.failed("k", "X", "m")).isEqualTo(new WriteResult("k", false, "X", "m", null, null));
    }
}
