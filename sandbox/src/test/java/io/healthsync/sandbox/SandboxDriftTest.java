package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxDriftTest {

    @Test
    void driftChangesExactlyNAccountsAndAnIncrementalQuerySeesThem() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(200))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();

            List<String> drifted = sandbox.drift(12);

            assertThat(drifted).hasSize(12).doesNotHaveDuplicates();
            List<JsonNode> changed = client.queryAll("SELECT Id, Renewal_Date__c FROM Account WHERE SystemModstamp > "
                    + since + " ORDER BY SystemModstamp, Id", null);
            assertThat(changed).extracting(r -> r.path("Id").asText()).containsExactlyInAnyOrderElementsOf(drifted);
            // unscored accounts take a turn for the worse: renewal three weeks out, open deals lost
            LocalDate renewal = LocalDate.now(ZoneOffset.UTC).plusDays(20);
            assertThat(changed).allSatisfy(r -> assertThat(r.path("Renewal_Date__c").asText()).isEqualTo(renewal.toString()));
            assertThat(sandbox.records("Opportunity")).filteredOn(o -> drifted.contains(o.get("AccountId")))
                    .allSatisfy(o -> assertThat(o.get("IsClosed")).isEqualTo(true));
        }
    }

    @Test
    void atRiskAccountsAreReEngagedWithAQbrTodayAndThreeCheckInCalls() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(30))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            StringBuilder scores = new StringBuilder("{\"allOrNone\":true,\"records\":[");
            List<Map<String, Object>> accounts = sandbox.records("Account");
            for (int i = 0; i < accounts.size(); i++) {
                scores.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"Account\"},\"id\":\"")
                        .append(accounts.get(i).get("Id")).append("\",\"Health_Score__c\":20}");
            }
            assertThat(client.patchCollection(scores.append("]}").toString()).status()).isEqualTo(200);
            String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();

            List<String> drifted = sandbox.drift(4);

            List<JsonNode> tasks = client.queryAll("SELECT Id, AccountId, Subject, Type, ActivityDate FROM Task "
                    + "WHERE SystemModstamp > " + since, null);
            List<JsonNode> events = client.queryAll("SELECT Id, AccountId, Subject, ActivityDate FROM Event "
                    + "WHERE SystemModstamp > " + since, null);
            assertThat(tasks).hasSize(12).allSatisfy(t -> {
                assertThat(t.path("Subject").asText()).isEqualTo("Check-in call");
                assertThat(LocalDate.parse(t.path("ActivityDate").asText()))
                        .isAfterOrEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(7));
            });
            assertThat(events).hasSize(4).allSatisfy(e -> {
                assertThat(e.path("Subject").asText()).isEqualTo("QBR");
                assertThat(e.path("ActivityDate").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            });
            Set<String> touched = new HashSet<>();
            tasks.forEach(t -> touched.add(t.path("AccountId").asText()));
            events.forEach(e -> touched.add(e.path("AccountId").asText()));
            assertThat(touched).containsExactlyInAnyOrderElementsOf(drifted);
        }
    }

    @Test
    void driftIsReproducibleForTheSeedAndDiffersBetweenRounds() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(100);
        List<String> first;
        List<String> second;
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            first = sandbox.drift(10);
            second = sandbox.drift(10);
        }
        try (SalesforceSandbox again = SalesforceSandbox.start(options)) {
            assertThat(again.drift(10)).isEqualTo(first);
        }
        try (SalesforceSandbox otherSeed = SalesforceSandbox.start(options.withSeed(43))) {
            assertThat(otherSeed.drift(10)).isNotEqualTo(first);
        }
        assertThat(second).isNotEqualTo(first);
    }
}
