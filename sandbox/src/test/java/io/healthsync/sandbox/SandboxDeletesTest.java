package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SandboxDeletesTest {

    private static String idList(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    @Test
    void driftDeletesALoggedCallOfSomeDriftedAccountsWhichOnlyQueryAllStillReturns() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(200))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            Map<String, Map<String, Object>> before = new HashMap<>();
            sandbox.records("Task").forEach(t -> before.put((String) t.get("Id"), t));

            DriftRound round = sandbox.driftRound(30);

            List<String> deleted = round.deleted().ids("Task");
            assertThat(deleted).isNotEmpty().hasSizeLessThan(30).doesNotHaveDuplicates();
            assertThat(round.deleted().count()).isEqualTo(deleted.size());
            assertThat(sandbox.deletedIds("Task")).containsExactlyInAnyOrderElementsOf(deleted);
            Set<String> accountsLosingACall = new HashSet<>();
            for (String id : deleted) {
                Map<String, Object> task = sandbox.record("Task", id);
                assertThat(before).containsKey(id);
                assertThat(task.get("TaskSubtype")).isEqualTo("Call");
                assertThat(round.changedAccounts()).contains((String) task.get("AccountId"));
                assertThat(accountsLosingACall.add((String) task.get("AccountId"))).as("one call per account").isTrue();
            }

            String soql = "SELECT Id, IsDeleted, SystemModstamp FROM Task WHERE Id IN " + idList(deleted);
            assertThat(client.query(soql).json().path("totalSize").asInt()).isZero();
            JsonNode all = client.queryIncludingDeleted(soql).json();
            assertThat(all.path("totalSize").asInt()).isEqualTo(deleted.size());
            for (JsonNode record : all.path("records")) {
                assertThat(record.path("IsDeleted").asBoolean()).isTrue();
                Instant stamp = Instant.parse(record.path("SystemModstamp").asText().replace("+0000", "Z"));
                assertThat(stamp).isEqualTo(round.deleted().deletedAt())
                        .isAfter((Instant) before.get(record.path("Id").asText()).get("SystemModstamp"));
            }
        }
    }

    @Test
    void driftDeletesAreReproducibleForTheSeedAndRound() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(150);
        DriftRound first;
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            first = sandbox.driftRound(25);
        }
        try (SalesforceSandbox again = SalesforceSandbox.start(options)) {
            DriftRound repeated = again.driftRound(25);
            assertThat(repeated.changedAccounts()).isEqualTo(first.changedAccounts());
            assertThat(repeated.deleted().ids("Task")).isEqualTo(first.deleted().ids("Task"));
        }
    }

    @Test
    void isDeletedCanBeSelectedAndFilteredOnAndQueryNeverReturnsDeletedRows() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(40))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            List<String> accounts = sandbox.deleteAccounts(4).ids("Account");

            assertThat(count(client.queryIncludingDeleted("SELECT COUNT() FROM Account WHERE IsDeleted = true")))
                    .isEqualTo(4);
            assertThat(count(client.queryIncludingDeleted("SELECT COUNT() FROM Account WHERE IsDeleted = false")))
                    .isEqualTo(36);
            assertThat(count(client.queryIncludingDeleted("SELECT COUNT() FROM Account"))).isEqualTo(40);
            assertThat(count(client.query("SELECT COUNT() FROM Account WHERE IsDeleted = true"))).isZero();
            assertThat(count(client.query("SELECT COUNT() FROM Account"))).isEqualTo(36);
            JsonNode records = client.queryIncludingDeleted("SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true "
                    + "ORDER BY Id").json().path("records");
            assertThat(records).extracting(r -> r.path("Id").asText())
                    .containsExactlyElementsOf(accounts.stream().sorted().toList());
            assertThat(records).allSatisfy(r -> assertThat(r.path("IsDeleted").isBoolean() && r.path("IsDeleted")
                    .asBoolean()).isTrue());
        }
    }

    @Test
    void deletingAnAccountDeletesItsOpportunitiesTasksAndEventsWithTheSameStamp() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(60))) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            DeletedRecords deleted = sandbox.deleteAccounts(3);

            List<String> accounts = deleted.ids("Account");
            assertThat(accounts).hasSize(3).doesNotHaveDuplicates();
            assertThat(deleted.deletedAt()).isAfterOrEqualTo(before);
            for (String sobject : List.of("Opportunity", "Task", "Event")) {
                List<String> children = sandbox.records(sobject).stream()
                        .filter(r -> accounts.contains(r.get("AccountId"))).map(r -> (String) r.get("Id")).toList();
                assertThat(children).as(sobject).isNotEmpty();
                assertThat(deleted.ids(sobject)).as(sobject).containsExactlyInAnyOrderElementsOf(children);
            }
            for (Map.Entry<String, List<String>> entry : deleted.idsBySObject().entrySet()) {
                for (String id : entry.getValue()) {
                    Map<String, Object> record = sandbox.record(entry.getKey(), id);
                    assertThat(record.get("IsDeleted")).isEqualTo(true);
                    assertThat(record.get("SystemModstamp")).isEqualTo(deleted.deletedAt());
                }
            }
            // what is left alive is untouched
            assertThat(sandbox.records("Opportunity")).filteredOn(o -> !accounts.contains(o.get("AccountId")))
                    .allSatisfy(o -> assertThat(o.get("IsDeleted")).isEqualTo(false));
        }
    }

    @Test
    void deletedAccountsAreNotPickedAgainAndNoLongerDrift() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(30))) {
            List<String> first = sandbox.deleteAccounts(10).ids("Account");
            List<String> second = sandbox.deleteAccounts(10).ids("Account");
            assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);

            List<String> drifted = sandbox.drift(30);

            assertThat(drifted).hasSize(10).doesNotContainAnyElementsOf(first).doesNotContainAnyElementsOf(second);
            assertThat(sandbox.deleteAccounts(50).ids("Account")).hasSize(10);
            assertThat(sandbox.deleteAccounts(1).count()).isZero();
        }
    }

    @Test
    void writingToADeletedRecordOrRelatingToOneIsEntityIsDeleted() {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20))) {
            SandboxClient client = new SandboxClient(sandbox).login();
            String account = sandbox.deleteAccounts(1).ids("Account").get(0);
            Map<String, Object> deleted = sandbox.record("Account", account);

            SandboxClient.Reply update = client.patchCollection(SandboxClient.update("Account", account,
                    "\"Health_Score__c\":80"));
            SandboxClient.Reply create = client.postCollection("{\"allOrNone\":false,\"records\":[{\"attributes\":"
                    + "{\"type\":\"Task\"},\"WhatId\":\"" + account + "\",\"Subject\":\"Call\"}]}");

            assertThat(update.status()).isEqualTo(200);
            assertThat(update.body()).isEqualTo("[{\"success\":false,\"errors\":[{\"statusCode\":\"ENTITY_IS_DELETED\","
                    + "\"message\":\"entity is deleted\",\"fields\":[]}]}]");
            assertThat(create.body()).isEqualTo("[{\"success\":false,\"errors\":[{\"statusCode\":\"ENTITY_IS_DELETED\","
                    + "\"message\":\"entity is deleted\",\"fields\":[\"WhatId\"]}]}]");
            assertThat(sandbox.record("Account", account)).isEqualTo(deleted);
        }
    }

    private static int count(SandboxClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("totalSize").asInt();
    }
}
