package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every collections write the sandbox acknowledges survives a kill: it is journalled (forced to disk)
 * before the answer, and replayed at the next start. The whole file is saved once the journal is large.
 */
class SandboxJournalTest {

    @TempDir
    Path dataDir;

    private final SandboxOptions options = SandboxOptions.defaults().withAccounts(30);

    private static String score(int value) {
        return "\"Health_Score__c\":" + value + ",\"Health_Band__c\":\"Red\"";
    }

    @Test
    void an_acknowledged_write_survives_a_kill_before_the_next_save() {
        SalesforceSandbox sandbox = SalesforceSandbox.start(options.withDataDir(dataDir));
        String first = (String) sandbox.records("Account").get(1).get("Id");
        String second = (String) sandbox.records("Account").get(2).get("Id");
        SandboxClient client = new SandboxClient(sandbox).login();
        // writes go to the journal only, the first of a run too: a big org's save would stall that call for seconds
        assertThat(client.patchCollection(SandboxClient.update("Account", first, score(11))).status()).isEqualTo(200);
        assertThat(client.patchCollection(SandboxClient.update("Account", second, score(22))).status()).isEqualTo(200);
        assertThat(dataDir.resolve(SandboxPersistence.FILE_NAME)).content().doesNotContain(second);
        assertThat(dataDir.resolve(SandboxPersistence.JOURNAL_NAME)).content().contains(second);
        long writes = sandbox.apiCallsByKind().get("collections_update");

        sandbox.halt();

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options.withDataDir(dataDir))) {
            assertThat(restarted.record("Account", first).get("Health_Score__c")).isEqualTo(11.0);
            assertThat(restarted.record("Account", second).get("Health_Score__c")).isEqualTo(22.0);
            assertThat(restarted.apiCallsByKind()).containsEntry("collections_update", writes);
        }
        // close() folded the journal into the file
        assertThat(dataDir.resolve(SandboxPersistence.JOURNAL_NAME)).doesNotExist();
        assertThat(dataDir.resolve(SandboxPersistence.FILE_NAME)).content().contains(second);
    }

    @Test
    void the_journal_is_folded_into_the_file_once_it_is_large_and_as_large_as_the_file() {
        long floor = SandboxPersistence.JOURNAL_FLOOR_BYTES;
        long bigOrg = 3 * floor; // a 100,000-account org's file after a full write is some 100 MB

        assertThat(SandboxPersistence.foldDue(floor - 1, 0)).isFalse(); // a fresh org's small file: not yet
        assertThat(SandboxPersistence.foldDue(floor, 0)).isTrue();
        assertThat(SandboxPersistence.foldDue(bigOrg - 1, bigOrg)).isFalse(); // not more often than it is written
        assertThat(SandboxPersistence.foldDue(bigOrg, bigOrg)).isTrue();
    }

    @Test
    void a_journal_line_cut_short_by_the_kill_is_skipped() throws Exception {
        SalesforceSandbox sandbox = SalesforceSandbox.start(options.withDataDir(dataDir));
        String first = (String) sandbox.records("Account").get(1).get("Id");
        String second = (String) sandbox.records("Account").get(2).get("Id");
        SandboxClient client = new SandboxClient(sandbox).login();
        client.patchCollection(SandboxClient.update("Account", first, score(11)));
        client.patchCollection(SandboxClient.update("Account", second, score(22)));
        sandbox.halt();
        Files.writeString(dataDir.resolve(SandboxPersistence.JOURNAL_NAME), "{\"seq\":99,\"records\":{\"Acc",
                StandardOpenOption.APPEND);

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options.withDataDir(dataDir))) {
            assertThat(restarted.record("Account", second).get("Health_Score__c")).isEqualTo(22.0);
            assertThat(restarted.records("Account")).hasSize(30);
        }
    }

    @Test
    void journal_lines_already_in_the_saved_file_are_not_replayed_over_newer_values() throws Exception {
        SalesforceSandbox sandbox = SalesforceSandbox.start(options.withDataDir(dataDir));
        String account = (String) sandbox.records("Account").get(3).get("Id");
        SandboxClient client = new SandboxClient(sandbox).login();
        client.patchCollection(SandboxClient.update("Account", account, score(10)));
        client.patchCollection(SandboxClient.update("Account", account, score(20)));
        String olderJournal = Files.readString(dataDir.resolve(SandboxPersistence.JOURNAL_NAME));
        client.patchCollection(SandboxClient.update("Account", account, score(30)));
        sandbox.save();
        // a kill between saving the file and removing the journal leaves lines the file already holds
        Files.writeString(dataDir.resolve(SandboxPersistence.JOURNAL_NAME), olderJournal);
        sandbox.halt();

        try (SalesforceSandbox restarted = SalesforceSandbox.start(options.withDataDir(dataDir))) {
            assertThat(restarted.record("Account", account).get("Health_Score__c")).isEqualTo(30.0);
        }
    }

    @Test
    void a_journal_of_another_org_is_dropped_with_it() throws Exception {
        SalesforceSandbox sandbox = SalesforceSandbox.start(options.withDataDir(dataDir));
        String account = (String) sandbox.records("Account").get(1).get("Id");
        SandboxClient client = new SandboxClient(sandbox).login();
        client.patchCollection(SandboxClient.update("Account", account, score(11)));
        client.patchCollection(SandboxClient.update("Account", account, score(12)));
        sandbox.halt();

        try (SalesforceSandbox other = SalesforceSandbox.start(options.withSeed(7).withDataDir(dataDir))) {
            assertThat(other.record("Account", account)).isNull();
            assertThat(dataDir.resolve(SandboxPersistence.JOURNAL_NAME)).doesNotExist();
        }
    }
}
