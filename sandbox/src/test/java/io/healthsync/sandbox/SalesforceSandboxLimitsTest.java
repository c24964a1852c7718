package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SalesforceSandboxLimitsTest {

    @Test
    void everyDataResponseCarriesTheRisingUsageAndTokenCallsDoNotCount() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            client.login();

            assertThat(client.query("SELECT Id FROM Account").header("Sforce-Limit-Info")).isEqualTo("api-usage=1/15000");
            assertThat(client.get("/services/data/v62.0/sobjects/Account/describe").header("Sforce-Limit-Info"))
                    .isEqualTo("api-usage=2/15000");
            assertThat(client.get("/services/data/v62.0/nothing-here").header("Sforce-Limit-Info"))
                    .isEqualTo("api-usage=3/15000");
            assertThat(sandbox.apiCallsServed()).isEqualTo(3);
            assertThat(sandbox.apiCallsByKind()).containsEntry("query", 1L).containsEntry("describe", 1L)
                    .containsEntry("not_found", 1L).containsEntry("oauth_token", 2L);
        }
    }

    @Test
    void pastTheDailyLimitCallsAreRefusedWithRequestLimitExceeded() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5)
                .withDailyApiLimit(3))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            for (int i = 1; i <= 3; i++) {
                SandboxClient.Reply reply = client.get("/services/data/v62.0/limits");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.header("Sforce-Limit-Info")).isEqualTo("api-usage=" + i + "/3");
            }

            SandboxClient.Reply refused = client.query("SELECT Id FROM Account");

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo(
                    "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
            assertThat(refused.header("Sforce-Limit-Info")).isEqualTo("api-usage=3/3");
            assertThat(sandbox.apiCallsServed()).isEqualTo(3);
            assertThat(sandbox.apiCallsByKind()).containsEntry("limit_exceeded", 1L);
        }
    }

    @Test
    void limitsReportTheDailyAllowanceConsistentWithTheCounter() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5)
                .withDailyApiLimit(500))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            client.query("SELECT Id FROM User");

            JsonNode limits = client.get("/services/data/v62.0/limits").json();

            assertThat(limits.path("DailyApiRequests").path("Max").asLong()).isEqualTo(500);
            assertThat(limits.path("DailyApiRequests").path("Remaining").asLong()).isEqualTo(498);
        }
    }
}
