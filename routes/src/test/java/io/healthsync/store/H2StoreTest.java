package io.healthsync.store;

import java.util.UUID;

class H2StoreTest extends StoreContractTest {

    @Override
    protected JdbcStore openStore() {
        return JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
    }
}
