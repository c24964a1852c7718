package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SalesforceSandboxPersistenceTest {

    @TempDir
    Path dataDir;

    @Test
    void writtenValuesAndCountersSurviveARestart() throws IOException {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(60).withDataDir(dataDir);
        String id;
        Map<String, Object> written;
        long calls;
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            id = (String) sandbox.records("Account").get(10).get("Id");
            SandboxClient client = new SandboxClient(sandbox).login();
            client.patchCollection(SandboxClient.update("Account", id,
                    "\"Health_Score__c\":33,\"Health_Band__c\":\"Red\",\"Health_Updated__c\":\"2026-02-01T08:00:00Z\""));
            // the write is on disk before the sandbox stops: in the journal, until the file takes it in at close
            assertThat(Files.readString(dataDir.resolve(SandboxPersistence.JOURNAL_NAME))).contains(id);
            assertThat(Files.readString(dataDir.resolve(SandboxPersistence.FILE_NAME))).doesNotContain(id);
            written = sandbox.record("Account", id);
            calls = sandbox.apiCallsServed();
        }

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options)) {
            Map<String, Object> record = restarted.record("Account", id);
            assertThat(record).isEqualTo(written);
            assertThat(record.get("Health_Score__c")).isEqualTo(33.0);
            assertThat(record.get("Health_Updated__c")).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
            assertThat(restarted.apiCallsServed()).isEqualTo(calls);
            assertThat(restarted.apiCallsByKind()).containsEntry("collections_update", 1L);
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sandbox-org.json");
        }
    }

    @Test
    void aSavedOrgOfAnotherSeedIsReplacedByAFreshOne() {
        String id;
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20)
                .withDataDir(dataDir))) {
            id = (String) sandbox.records("Account").get(0).get("Id");
            new SandboxClient(sandbox).login().patchCollection(SandboxClient.update("Account", id, "\"Health_Score__c\":90"));
        }

        try (SalesforceSandbox other = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20).withSeed(99)
                .withDataDir(dataDir))) {
            assertThat(other.record("Account", id)).isNull();
            assertThat(other.records("Account")).allSatisfy(a -> assertThat(a.get("Health_Score__c")).isNull());
            assertThat(other.apiCallsServed()).isZero();
        }
    }

    @Test
    void aDamagedFileIsReplacedByAFreshOrg() throws IOException {
        Files.writeString(dataDir.resolve("sandbox-org.json"), "{not json");

        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20)
                .withDataDir(dataDir))) {
            assertThat(sandbox.records("Account")).hasSize(20);
        }
        assertThat(Files.readString(dataDir.resolve("sandbox-org.json"))).startsWith("{\"format\":1");
    }

    @Test
    void driftRoundsContinueAfterARestart() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(80).withDataDir(dataDir);
        List<String> secondRoundInOneRun;
        try (SalesforceSandbox memoryOnly = SalesforceSandbox.start(options.withDataDir(null))) {
            memoryOnly.drift(5);
            secondRoundInOneRun = memoryOnly.drift(5);
        }
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            sandbox.drift(5);
        }
        try (SalesforceSandbox restarted = SalesforceSandbox.start(options)) {
            assertThat(restarted.drift(5)).isEqualTo(secondRoundInOneRun);
        }
    }

    @Test
    void deletesSurviveARestartAndTheNextDeletePicksAsInOneRun() {
        SandboxOptions options = SandboxOptions.defaults().withAccounts(50).withDataDir(dataDir);
        List<String> secondInOneRun;
        try (SalesforceSandbox memoryOnly = SalesforceSandbox.start(options.withDataDir(null))) {
            memoryOnly.deleteAccounts(2);
            secondInOneRun = memoryOnly.deleteAccounts(2).ids("Account");
        }
        DeletedRecords deleted;
        DriftRound drift;
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options)) {
            deleted = sandbox.deleteAccounts(2);
            drift = sandbox.driftRound(20);
        }
        assertThat(drift.deleted().ids("Task")).isNotEmpty();

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options)) {
            for (String sobject : List.of("Account", "Opportunity", "Task", "Event")) {
                List<String> expected = new ArrayList<>(deleted.ids(sobject));
                expected.addAll(drift.deleted().ids(sobject));
                assertThat(restarted.deletedIds(sobject)).as(sobject).containsExactlyInAnyOrderElementsOf(expected);
            }
            String account = deleted.ids("Account").get(0);
            assertThat(restarted.record("Account", account).get("SystemModstamp")).isEqualTo(deleted.deletedAt());
            SandboxClient client = new SandboxClient(restarted).login();
            String soql = "SELECT Id, IsDeleted FROM Account WHERE Id = '" + account + "'";
            assertThat(client.query(soql).json().path("totalSize").asInt()).isZero();
            assertThat(client.queryIncludingDeleted(soql).json().path("records").get(0).path("IsDeleted").asBoolean())
                    .isTrue();
            assertThat(restarted.deleteAccounts(2).ids("Account")).isEqualTo(secondInOneRun);
        }
    }
}
