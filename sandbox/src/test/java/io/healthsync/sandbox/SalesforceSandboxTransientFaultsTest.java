package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSandboxTransientFaultsTest {

    private static final String UNAVAILABLE = "[{\"message\":\"The server is temporarily unable to handle your "
            + "request. Please try again later.\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]";

    @Test
    void aFaultIsA503WithRetryAfterThatChangesNothingAndIsNotCounted() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(10)
                .withTransientFaultRate(1.0))) {
            // logging in is not a data call: it works
            SandboxClient client = new SandboxClient(sandbox).login();
            assertThat(client.accessToken()).isNotBlank();
            String id = (String) sandbox.records("Account").get(0).get("Id");
            Map<String, Object> before = sandbox.record("Account", id);

            SandboxClient.Reply write = client.patchCollection(SandboxClient.update("Account", id, "\"Health_Score__c\":64"));
            SandboxClient.Reply query = client.query("SELECT Id FROM Account");
            SandboxClient.Reply more = client.get("/services/data/v62.0/query/01gSB0000000001AAA-2000");

            for (SandboxClient.Reply reply : List.of(write, query, more)) {
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.body()).isEqualTo(UNAVAILABLE);
                assertThat(reply.header("Retry-After")).isEqualTo("1");
                assertThat(reply.header("Sforce-Limit-Info")).isNull();
            }
            assertThat(sandbox.record("Account", id)).isEqualTo(before);
            assertThat(sandbox.apiCallsServed()).isZero();
            assertThat(sandbox.apiCallsByKind()).containsEntry("server_unavailable", 3L)
                    .doesNotContainKeys("collections_update", "query", "queryMore");
            // the public version list needs no session and never fails
            assertThat(client.get("/services/data/").status()).isEqualTo(200);
        }
    }

    @Test
    void faultsStrikeAtTheRateReproduciblyAndOnlyServedCallsUseTheAllowance() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(10).withTransientFaultRate(0.3);
        List<Integer> statuses = statuses(options);

        assertThat(statuses).contains(200, 503).containsOnly(200, 503);
        assertThat(statuses.stream().filter(s -> s == 503).count()).isBetween(10L, 50L);
        assertThat(statuses(options)).isEqualTo(statuses);
        assertThat(statuses(options.withSeed(7))).isNotEqualTo(statuses);
    }

    @Test
    void aFaultDoesNotUseUpASessionsCalls() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(10)
                .withSessionTtlCalls(3).withTransientFaultRate(0.5))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            int served = 0;
            int faults = 0;
            while (served < 3) {
                int status = client.get("/services/data/v62.0/limits").status();
                assertThat(status).isIn(200, 503);
                served += status == 200 ? 1 : 0;
                faults += status == 503 ? 1 : 0;
            }
            assertThat(faults).isPositive();
            assertThat(sandbox.apiCallsServed()).isEqualTo(3);
        }
    }

    private static List<Integer> statuses(SandboxOptions options) {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            SandboxClient client = new SandboxClient(sandbox).login();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                statuses.add(client.get("/services/data/v62.0/limits").status());
            }
            long served = statuses.stream().filter(s -> s == 200).count();
            assertThat(sandbox.apiCallsServed()).isEqualTo(served);
            return statuses;
        }
    }
}
