package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesforceSandboxQueryLocatorTest {

    private static final String INVALID_LOCATOR =
            "[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]";
    private static final String TASKS = "SELECT Id FROM Task ORDER BY Id";

    @Test
    void withAPageLimitALocatorDiesAfterServingThatManyMorePages() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(100)
                .withQueryLocatorMaxPages(2))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            JsonNode first = client.query(TASKS, 200).json();
            assertThat(first.path("totalSize").asInt()).isGreaterThan(4 * 200);

            SandboxClient.Reply second = client.get(first.path("nextRecordsUrl").asText());
            SandboxClient.Reply third = client.get(second.json().path("nextRecordsUrl").asText());
            SandboxClient.Reply fourth = client.get(third.json().path("nextRecordsUrl").asText());

            assertThat(second.status()).isEqualTo(200);
            assertThat(third.status()).isEqualTo(200);
            assertThat(fourth.status()).isEqualTo(400);
            assertThat(fourth.body()).isEqualTo(INVALID_LOCATOR);
            assertThat(fourth.header("Sforce-Limit-Info")).isNotNull();
            // any locator of the dead cursor stays invalid, an earlier one too
            assertThat(client.get(first.path("nextRecordsUrl").asText()).body()).isEqualTo(INVALID_LOCATOR);
            // re-querying from where the pull got to works, with a fresh locator
            String lastId = third.json().path("records").get(199).path("Id").asText();
            JsonNode resumed = client.query("SELECT Id FROM Task WHERE Id > '" + lastId + "' ORDER BY Id", 200).json();
            assertThat(resumed.path("totalSize").asInt()).isEqualTo(first.path("totalSize").asInt() - 600);
            assertThat(client.get(resumed.path("nextRecordsUrl").asText()).status()).isEqualTo(200);
        }
    }

    @Test
    void withoutAPageLimitEveryPageIsServed() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(100))) {
            SandboxClient client = new SandboxClient(sandbox).login();

            List<JsonNode> records = client.queryAll(TASKS, 200);

            assertThat(records).hasSize(sandbox.records("Task").size());
        }
    }

    @Test
    void opening_an_eleventh_cursor_releases_the_oldest_one() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(100))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            List<String> locators = new ArrayList<>();
            for (int i = 0; i < QueryCursors.MAX_OPEN + 1; i++) {
                locators.add(client.query(TASKS, 200).json().path("nextRecordsUrl").asText());
            }

            assertThat(client.get(locators.get(0)).body()).isEqualTo(INVALID_LOCATOR);
            for (String open : locators.subList(1, locators.size())) {
                assertThat(client.get(open).status()).as(open).isEqualTo(200);
            }
        }
    }

    @Test
    void aCursorIdleForMoreThanFifteenMinutesIsReleased() {
        MutableClock clock = new MutableClock(Instant.now());
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(100), clock)) {
            SandboxClient client = new SandboxClient(sandbox).login();
            JsonNode first = client.query(TASKS, 200).json();

            clock.advance(Duration.ofMinutes(14));
            SandboxClient.Reply second = client.get(first.path("nextRecordsUrl").asText());
            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            SandboxClient.Reply third = client.get(second.json().path("nextRecordsUrl").asText());

            assertThat(second.status()).isEqualTo(200);
            assertThat(third.status()).isEqualTo(400);
            assertThat(third.body()).isEqualTo(INVALID_LOCATOR);
        }
    }
}
