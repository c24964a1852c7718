package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the org in {@code dataDir/sandbox-org.json}. Generation is deterministic, so the file holds what
 * cannot be regenerated: the seed, account count and day the org was generated for, the counters, and the
 * records changed or created since (whole records). Loading regenerates and lays those records on top.
 * Writes go to a temporary file first and are moved into place, so a crash never leaves half a file.
 *
 * <p>Saving the whole file after every write would make a big run quadratic, so a collections write is
 * made durable by the journal {@code sandbox-org.journal} instead: one JSON line per write call holding the
 * records it wrote (whole) and the counters, forced to disk before the call is answered. Loading replays
 * the lines the snapshot does not hold yet (each line has a sequence number; the snapshot names the last
 * one it folded in), and every save folds the journal into the snapshot and removes it. A line cut short
 * by a kill was never answered, so it is skipped.
 */
final class SandboxPersistence {

    static final String FILE_NAME = "sandbox-org.json";
    static final String JOURNAL_NAME = "sandbox-org.journal";
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SandboxPersistence.class);

    private final Path file;
    private final Path journal;
    /** The sequence number of the last journal line written or replayed. */
    private long journalSeq;

    SandboxPersistence(Path dataDir) {
        this.file = dataDir == null ? null : dataDir.toAbsolutePath().resolve(FILE_NAME);
        this.journal = dataDir == null ? null : dataDir.toAbsolutePath().resolve(JOURNAL_NAME);
    }

    /** Whether a saved org is there to load (a new one is saved at once, so the journal always has a base). */
    boolean saved() {
        return file != null && Files.exists(file);
    }

    /** The seed and accounts of the org saved in {@code dataDir}, or empty when none is (or it cannot be read). */
    static Optional<SandboxOptions> savedOptions(Path dataDir) {
        Path saved = dataDir.toAbsolutePath().resolve(FILE_NAME);
        if (!Files.exists(saved)) {
            return Optional.empty();
        }
        try {
            JsonNode json = SandboxResponse.JSON.readTree(saved.toFile());
            return Optional.of(SandboxOptions.defaults().withAccounts(Math.max(1, json.path("accounts").asInt()))
                    .withSeed(json.path("seed").asLong()).withDataDir(dataDir));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    SandboxOrg loadOrGenerate(SandboxOptions options, SandboxDataGenerator generator, LocalDate today) {
        if (file == null) {
            LOG.info("Generating a sandbox org in memory: {} accounts, seed {}", options.accounts(), options.seed());
            return generator.generate(options.seed(), options.accounts(), today);
        }
        if (!Files.exists(file)) {
            LOG.info("No saved sandbox org at {}; generating one: {} accounts, seed {}", file, options.accounts(),
                    options.seed());
            return fresh(options, generator, today);
        }
        JsonNode saved;
        try {
            saved = SandboxResponse.JSON.readTree(file.toFile());
        } catch (IOException e) {
            LOG.warn("Cannot read the saved sandbox org at {} ({}); generating a new one: {} accounts, seed {}",
                    file, e.getMessage(), options.accounts(), options.seed());
            return fresh(options, generator, today);
        }
        String mismatch = mismatch(saved, options);
        if (mismatch != null) {
            LOG.info("The saved sandbox org at {} {}; generating a new one: {} accounts, seed {}", file, mismatch,
                    options.accounts(), options.seed());
            return fresh(options, generator, today);
        }
        SandboxOrg org;
        try {
            org = generator.generate(options.seed(), options.accounts(),
                    LocalDate.parse(saved.path("anchorDate").asText()));
            restore(org, saved);
            journalSeq = saved.path("journalSeq").asLong();
            replayJournal(org);
        } catch (RuntimeException e) {
            LOG.warn("The saved sandbox org at {} is damaged ({}); generating a new one: {} accounts, seed {}",
                    file, e.getMessage(), options.accounts(), options.seed());
            return fresh(options, generator, today);
        }
        LOG.info("Loaded the sandbox org from {}: {} accounts, seed {}, {} changed records", file, org.accounts(),
                org.seed(), changedCount(org));
        return org;
    }

    /**
     * A newly generated org, saved at once: the journal of another org is dropped with the old file, and
     * the next writes' journal has a snapshot to be replayed onto.
     */
    private SandboxOrg fresh(SandboxOptions options, SandboxDataGenerator generator, LocalDate today) {
        SandboxOrg org = generator.generate(options.seed(), options.accounts(), today);
        journalSeq = 0;
        save(org);
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
                write(org, temp, journalSeq);
                move(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
            // the snapshot now holds every journalled write (and names the last): a kill before this delete
            // only leaves lines that loading skips
            Files.deleteIfExists(journal);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the sandbox org to " + file, e);
        }
    }

    /**
     * The journal is folded into the file once it is this large and as large as the file: a run's writes are not
     * stalled by saves (100,000 accounts written make a journal of some 100 MB, and a save of as much), and a
     * restart after a kill replays at most this much more than the file.
     */
    static final long JOURNAL_FLOOR_BYTES = 256L << 20;

    /** Whether the journal is due to be folded into the file (see {@link #foldDue}). */
    boolean foldDue() {
        if (file == null || journal == null) {
            return false;
        }
        try {
            return Files.exists(journal) && foldDue(Files.size(journal), Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            return true; // the next save says what is wrong
        }
    }

    /**
     * At least {@link #JOURNAL_FLOOR_BYTES} of journal, and as much as the file holds: each save then follows as many
     * bytes of writes as it rewrites, so saving costs a constant share of writing however large the org.
     */
    static boolean foldDue(long journalBytes, long fileBytes) {
        return journalBytes >= Math.max(JOURNAL_FLOOR_BYTES, fileBytes);
    }

    /**
     * Appends the records of one collections write and the counters to the journal and forces it to disk,
     * so the write survives a kill once it is answered. Called under the sandbox's lock.
     */
    void journal(SandboxOrg org, Map<SObjectTable, List<String>> written) {
        if (journal == null || written.isEmpty()) {
            return;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (JsonGenerator json = SandboxResponse.JSON.getFactory().createGenerator(line, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("seq", journalSeq + 1);
            json.writeNumberField("collectionWrites", org.collectionWrites());
            writeUsage(json, org.usage());
            json.writeObjectFieldStart("records");
            for (Map.Entry<SObjectTable, List<String>> table : written.entrySet()) {
                json.writeArrayFieldStart(table.getKey().schema().name());
                for (String id : table.getValue()) {
                    writeRecord(json, table.getKey(), table.getKey().get(id));
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot journal a write of the sandbox org", e);
        }
        line.write('\n');
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.toByteArray());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot journal a write of the sandbox org to " + journal, e);
        }
        journalSeq++;
    }

    private void replayJournal(SandboxOrg org) {
        if (!Files.exists(journal)) {
            return;
        }
        int replayed = 0;
        int number = 0;
        // line by line: a journal may hold hundreds of MB of writes
        try (java.io.BufferedReader lines = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                JsonNode entry;
                try {
                    entry = SandboxResponse.JSON.readTree(line);
                } catch (IOException e) {
                    // a line cut short by a kill: its write was never answered, and nothing after it was written
                    LOG.warn("Skipping line {} of {} and after: not a whole entry ({})", number, journal, e.getMessage());
                    break;
                }
                long seq = entry.path("seq").asLong();
                if (entry.isEmpty() || seq <= journalSeq) {
                    continue; // already in the snapshot
                }
                org.restoreCollectionWrites(entry.path("collectionWrites").asLong());
                restoreUsage(org, entry.path("usage"));
                restoreRecords(org, entry.path("records"));
                journalSeq = seq;
                replayed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + journal, e);
        }
        LOG.info("Replayed {} journalled writes from {}", replayed, journal);
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

    private static void write(SandboxOrg org, Path target, long journalSeq) throws IOException {
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
            json.writeNumberField("journalSeq", journalSeq);
            writeUsage(json, org.usage());
            json.writeObjectFieldStart("changedRecords");
            for (SObjectTable table : org.tables()) {
                json.writeArrayFieldStart(table.schema().name());
                for (String id : table.changedIds()) {
                    writeRecord(json, table, table.get(id));
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void writeUsage(JsonGenerator json, ServedApiCalls usage) throws IOException {
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
    }

    private static void writeRecord(JsonGenerator json, SObjectTable table, Object[] row) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < row.length; i++) {
            FieldDef field = table.schema().fields().get(i);
            json.writeFieldName(field.name());
            SandboxValues.write(json, field, row[i]); // not a node a value: the journal of a 100,000-record job
        }
        json.writeEndObject();
    }

    private static void restore(SandboxOrg org, JsonNode saved) {
        org.restoreDriftRounds(saved.path("driftRounds").asInt());
        org.restoreCollectionWrites(saved.path("collectionWrites").asLong());
        restoreUsage(org, saved.path("usage"));
        restoreRecords(org, saved.path("changedRecords"));
    }

    private static void restoreUsage(SandboxOrg org, JsonNode usage) {
        Map<String, Long> byKind = new HashMap<>();
        usage.path("byKind").properties().forEach(e -> byKind.put(e.getKey(), e.getValue().asLong()));
        org.restoreUsage(new ServedApiCalls(LocalDate.parse(usage.path("day").asText(org.anchorDate().toString())),
                usage.path("usedToday").asLong(), usage.path("total").asLong(), byKind));
    }

    private static void restoreRecords(SandboxOrg org, JsonNode records) {
        for (Map.Entry<String, JsonNode> entry : records.properties()) {
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
                if (SandboxSchema.TASK.equals(table.schema().name())) {
                    // saved before Task had IsClosed: derive it, as the org does
                    DerivedFields.taskClosed(table, row);
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
