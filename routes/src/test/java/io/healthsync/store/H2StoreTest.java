package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class H2StoreTest extends StoreContractTest {

    @Override
    protected JdbcStore openStore() {
        return JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    }

    @Test
    void a_store_opened_after_a_run_that_stopped_mid_backfill_builds_the_indexes_it_left_aside() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcStore crashed = JdbcStore.open(url, null, null);
        java.util.List<String> migrated = crashed.backfillIndexes().present("activity");
        crashed.backfillBegins(io.healthsync.connectors.salesforce.SalesforceObject.TASK);
        assertThat(crashed.backfillIndexes().present("activity")).isNotEqualTo(migrated);
        crashed.close(); // without backfillsDone, as a killed run

        JdbcStore reopened = JdbcStore.open(url, null, null);
        try {
            assertThat(reopened.backfillIndexes().present("activity")).isEqualTo(migrated);
        } finally {
            reopened.close();
        }
    }

    @Test
    void a_store_is_named_without_its_settings_or_credentials() {
        assertThat(JdbcStore.describe("jdbc:h2:file:/srv/data/healthsync;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("H2 /srv/data/healthsync");
        assertThat(JdbcStore.describe("jdbc:postgresql://db.internal:5432/health?user=hs&password=s3cr3t"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/health");
        assertThat(JdbcStore.describe("jdbc:postgresql://hs:s3cr3t@db.internal:5432/health"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/health");
    }
}
