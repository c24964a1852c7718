package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkIngestLimitsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final SandboxOrg org = new SandboxDataGenerator(new SandboxSchema()).generate(7, 5,
            LocalDate.parse("2026-03-02"));
    private final List<Map<SObjectTable, List<String>>> persisted = new ArrayList<>();
    private final BulkIngest bulk = new BulkIngest(org, new RecordWriter(org), SandboxOptions.defaults(),
            persisted::add, new Object(), 64);

    private String newJob() {
        SandboxResponse created = bulk.create("{\"object\":\"Task\",\"operation\":\"insert\"}", "v62.0", NOW);
        return created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void uploadsPastTheLimitAreRefusedAndWhatCameBeforeIsKept() {
        String id = newJob();
        String first = "Subject\n" + "a".repeat(40) + "\n";

        SandboxResponse accepted = bulk.upload(id, "text/csv", first, NOW);
        SandboxResponse refused = bulk.upload(id, "text/csv", "Subject\n" + "b".repeat(30) + "\n", NOW);

        assertThat(accepted.status()).isEqualTo(201);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"errorCode\":\"CLIENTINPUTERROR\"");
        assertThat(bulk.unprocessedRecords(id).body()).isEqualTo("Subject\n\"" + "a".repeat(40) + "\"\n");
    }

    @Test
    void uploadsThatAreNotCsvAreRefused() {
        SandboxResponse refused = bulk.upload(newJob(), "application/json", "{}", NOW);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"errorCode\":\"INVALIDCONTENTTYPE\"");
    }

    @Test
    void theWrittenRecordsAreHandedOnForPersistenceOnceProcessed() {
        String id = newJob();
        bulk.upload(id, "text/csv", "Subject,Priority\nFollow up,High\n", NOW);
        bulk.changeState(id, "{\"state\":\"UploadComplete\"}", NOW);

        bulk.info(id, "v62.0", NOW);
        assertThat(persisted).isEmpty();
        bulk.info(id, "v62.0", NOW);

        assertThat(persisted).hasSize(1);
        String taskId = persisted.get(0).get(org.table("Task")).get(0);
        assertThat(org.table("Task").asMap(org.table("Task").get(taskId))).containsEntry("Subject", "Follow up")
                .containsEntry("Priority", "High").containsEntry("Status", "Not Started")
                .containsEntry("CreatedDate", NOW);
    }
}
