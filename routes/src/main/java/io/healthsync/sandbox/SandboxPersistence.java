package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the org in {@code dataDir/sandbox-org.json}. Generation is deterministic, so the file holds what
 * cannot be regenerated: the seed, account count and day the org was generated for, the counters, and the
 * records changed or created since (whole records). Loading regenerates and lays those records on top.
 * Writes go to a temporary file first and are moved into place, so a crash never leaves half a file.
 */
final class SandboxPersistence {

    static final String FILE_NAME = "sandbox-org.json";
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SandboxPersistence.class);

    private final Path file;

    SandboxPersistence(Path dataDir) {
        this.file = dataDir == null ? null : dataDir.toAbsolutePath().resolve(FILE_NAME);
    }

    SandboxOrg loadOrGenerate(SandboxOptions options, SandboxDataGenerator generator, LocalDate today) {
        if (file == null) {
            LOG.info("Generating a sandbox org in memory: {} accounts, seed {}", options.accounts(), options.seed());
            return generator.generate(options.seed(), options.accounts(), today);
        }
        if (!Files.exists(file)) {
            LOG.info("No saved sandbox org at {}; generating one: {} accounts, seed {}", file, options.accounts(),
                    options.seed());
            return generator.generate(options.seed(), options.accounts(), today);
        }
        JsonNode saved;
        try {
            saved = SandboxResponse.JSON.readTree(file.toFile());
        } catch (IOException e) {
            LOG.warn("Cannot read the saved sandbox org at {} ({}); generating a new one: {} accounts, seed {}",
                    file, e.getMessage(), options.accounts(), options.seed());
            return generator.generate(options.seed(), options.accounts(), today);
        }
        String mismatch = mismatch(saved, options);
        if (mismatch != null) {
            LOG.info("The saved sandbox org at {} {}; generating a new one: {} accounts, seed {}", file, mismatch,
                    options.accounts(), options.seed());
            return generator.generate(options.seed(), options.accounts(), today);
        }
        SandboxOrg org;
        try {
            org = generator.generate(options.seed(), options.accounts(),
                    LocalDate.parse(saved.path("anchorDate").asText()));
            restore(org, saved);
        } catch (RuntimeException e) {
            LOG.warn("The saved sandbox org at {} is damaged ({}); generating a new one: {} accounts, seed {}",
                    file, e.getMessage(), options.accounts(), options.seed());
            return generator.generate(options.seed(), options.accounts(), today);
        }
        LOG.info("Loaded the sandbox org from {}: {} accounts, seed {}, {} changed records", file, org.accounts(),
                org.seed(), changedCount(org));
        return org;
    }

    void save(SandboxOrg org) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                write(org, temp);
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the sandbox org to " + file, e);
        }
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String mismatch(JsonNode saved, SandboxOptions options) {
        if (saved.path("format").asInt() != FORMAT || saved.path("generator").asInt() != SandboxDataGenerator.VERSION) {
            return "was written by another version of the sandbox";
        }
        if (saved.path("seed").asLong() != options.seed() || saved.path("accounts").asInt() != options.accounts()) {
            return "was made with seed " + saved.path("seed").asLong() + " and " + saved.path("accounts").asInt()
                    + " accounts";
        }
        return null;
    }

    private static void write(SandboxOrg org, Path target) throws IOException {
        try (JsonGenerator json = SandboxResponse.JSON.getFactory().createGenerator(target.toFile(),
                JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeNumberField("generator", SandboxDataGenerator.VERSION);
            json.writeNumberField("seed", org.seed());
            json.writeNumberField("accounts", org.accounts());
            json.writeStringField("anchorDate", org.anchorDate().toString());
            json.writeNumberField("driftRounds", org.driftRounds());
            json.writeNumberField("collectionWrites", org.collectionWrites());
            ServedApiCalls usage = org.usage();
            json.writeObjectFieldStart("usage");
            json.writeStringField("day", usage.day().toString());
            json.writeNumberField("usedToday", usage.usedToday(usage.day()));
            json.writeNumberField("total", usage.total());
            json.writeObjectFieldStart("byKind");
            for (Map.Entry<String, Long> kind : usage.byKind().entrySet()) {
                json.writeNumberField(kind.getKey(), kind.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeObjectFieldStart("changedRecords");
            for (SObjectTable table : org.tables()) {
                json.writeArrayFieldStart(table.schema().name());
                for (String id : table.changedIds()) {
                    Object[] row = table.get(id);
                    json.writeStartObject();
                    for (int i = 0; i < row.length; i++) {
                        FieldDef field = table.schema().fields().get(i);
                        json.writeFieldName(field.name());
                        json.writeTree(SandboxValues.toJson(field, row[i]));
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void restore(SandboxOrg org, JsonNode saved) {
        org.restoreDriftRounds(saved.path("driftRounds").asInt());
        org.restoreCollectionWrites(saved.path("collectionWrites").asLong());
        JsonNode usage = saved.path("usage");
        Map<String, Long> byKind = new HashMap<>();
        usage.path("byKind").properties().forEach(e -> byKind.put(e.getKey(), e.getValue().asLong()));
        org.restoreUsage(new ServedApiCalls(LocalDate.parse(usage.path("day").asText(org.anchorDate().toString())),
                usage.path("usedToday").asLong(), usage.path("total").asLong(), byKind));
        for (Map.Entry<String, JsonNode> entry : saved.path("changedRecords").properties()) {
            SObjectTable table = org.find(entry.getKey()).orElse(null);
            if (table == null) {
                continue;
            }
            for (JsonNode record : entry.getValue()) {
                Object[] row = table.newRow();
                for (int i = 0; i < row.length; i++) {
                    FieldDef field = table.schema().fields().get(i);
                    row[i] = SandboxValues.fromJson(field, record.get(field.name()));
                }
                table.put(row);
                table.markChanged((String) row[0]);
            }
        }
    }

    private static int changedCount(SandboxOrg org) {
        int count = 0;
        for (SObjectTable table : org.tables()) {
            count += table.changedIds().size();
        }
        return count;
    }
}
