package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every collections write the sandbox acknowledges survives a kill: it is journalled (forced to disk)
 * before the answer, and replayed at the next start. The whole file is saved once the journal outgrows it.
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
    void the_journal_is_folded_into_the_file_once_it_has_grown_as_large() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(options.withDataDir(dataDir))) {
            java.util.List<Object> ids = sandbox.records("Account").stream().map(a -> a.get("Id")).toList();
            SandboxClient client = new SandboxClient(sandbox).login();
            Path file = dataDir.resolve(SandboxPersistence.FILE_NAME);
            Path journal = dataDir.resolve(SandboxPersistence.JOURNAL_NAME);
            // a fresh org's file holds no changed record: one write of every account outgrows it at once
            String[] everyAccount = ids.stream().map(id -> "\"id\":\"" + id + "\"," + score(1)).toArray(String[]::new);
            assertThat(client.patchCollection(SandboxClient.records("Account", false, everyAccount)).status()).isEqualTo(200);
            assertThat(journal).doesNotExist();
            long fileSize = Files.size(file);

            // one account at a time: journalled only, until the journal is as large as the file
            int writes = 0;
            do {
                writes++;
                assertThat(client.patchCollection(SandboxClient.update("Account", (String) ids.get(writes % ids.size()),
                        score(writes + 1))).status()).isEqualTo(200);
                if (Files.exists(journal)) {
                    assertThat(Files.size(journal)).isLessThan(fileSize);
                    assertThat(file).content().doesNotContain(score(writes + 1));
                }
                assertThat(writes).as("writes before the journal is folded in").isLessThan(1_000);
            } while (Files.exists(journal));

            assertThat(writes).isGreaterThan(5);
            assertThat(file).content().contains(score(writes + 1));
        }
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
