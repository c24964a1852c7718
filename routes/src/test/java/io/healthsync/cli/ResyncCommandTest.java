package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.connectors.source.MatchedPage;
import io.healthsync.store.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resync forgets exactly the cursors it is asked to, and names the streams it knows when asked for another. */
class ResyncCommandTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("healthsync") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private void cursors() {
        try (JdbcStore store = JdbcStore.open(url(), null, null)) {
            for (String stream : new String[] {"invoices", "customers"}) {
                MatchedPage page = new MatchedPage();
                page.cursor = "{\"since\":1}";
                store.store("stripe", stream, page);
            }
        }
    }

    @Test
    void one_stream_is_forgotten_and_the_others_kept() {
        cursors();

        CliRun run = CliRun.of("resync", "stripe", "invoices", "--db-url", url(), "--data-dir", dir.toString());

        assertThat(run.exitCode()).as(run.errors()).isEqualTo(ExitCodes.OK);
        assertThat(run.output()).contains("forgot 1 cursor of stripe invoices");
        try (JdbcStore store = JdbcStore.open(url(), null, null)) {
            assertThat(store.cursor("stripe", "invoices")).isEmpty();
            assertThat(store.cursor("stripe", "customers")).contains("{\"since\":1}");
        }
    }

    @Test
    void an_unknown_stream_or_source_is_a_usage_error_that_lists_what_there_is() {
        cursors();

        CliRun stream = CliRun.of("resync", "stripe", "invoice", "--db-url", url(), "--data-dir", dir.toString());
        CliRun source = CliRun.of("resync", "hubspot", "--db-url", url(), "--data-dir", dir.toString());

        assertThat(stream.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stream.errors()).contains("no stream 'invoice'").contains("customers, invoices");
        assertThat(source.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(source.errors()).contains("unknown source 'hubspot'").contains("zendesk, stripe");
    }
}
