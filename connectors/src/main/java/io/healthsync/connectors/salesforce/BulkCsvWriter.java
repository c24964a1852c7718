package io.healthsync.connectors.salesforce;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link BulkIngestJob} as the CSV Bulk API 2.0 takes (RFC 4180, comma, LF line endings), cut into
 * as many uploads as the size limits ask for. The header is the union of the rows' fields in first-seen
 * order, led by the key column (Id for an update, the external id field otherwise), so every row's key is
 * in the results files Salesforce echoes the columns into.
 */
public final class BulkCsvWriter {

    /** Salesforce takes at most 150 MB of CSV per job (100 MB once base64-encoded): 100 MB keeps clear of both. */
    public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;
    /** Salesforce's rolling 24-hour allowance of Bulk API 2.0 records; a job can never be larger. */
    public static final int DEFAULT_MAX_RECORDS = 150_000_000;

    /** One upload: the CSV text and the keys of its rows, in order. */
    public record Chunk(String csv, List<String> keys) {
        public Chunk {
            keys = List.copyOf(keys);
        }
    }

    private final long maxBytes;
    private final int maxRecords;

    public BulkCsvWriter() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_RECORDS);
    }

    /** @param maxBytes most UTF-8 bytes of one job's CSV, header included; @param maxRecords most rows of one job */
    public BulkCsvWriter(long maxBytes, int maxRecords) {
        if (maxBytes <= 0 || maxRecords <= 0) {
            throw new IllegalArgumentException("CSV limits must be positive: " + maxBytes + " bytes, " + maxRecords + " records");
        }
        this.maxBytes = maxBytes;
        this.maxRecords = maxRecords;
    }

    /** The job's rows as one or more CSV uploads, in row order; each starts with the same header. */
    public List<Chunk> write(BulkIngestJob job) {
        List<String> columns = columns(job);
        String header = line(new ArrayList<>(columns));
        long headerBytes = utf8Length(header);
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder csv = new StringBuilder(header);
        List<String> keys = new ArrayList<>();
        long bytes = headerBytes;
        for (int i = 0; i < job.size(); i++) {
            String key = job.keys().get(i);
            String line = line(values(columns, key, job.rows().get(i)));
            long lineBytes = utf8Length(line);
            if (headerBytes + lineBytes > maxBytes) {
                throw new IllegalArgumentException("row " + key + " of the " + job.sobject() + " job alone is "
                        + (headerBytes + lineBytes) + " bytes of CSV, over the " + maxBytes + "-byte upload limit");
            }
            if (!keys.isEmpty() && (bytes + lineBytes > maxBytes || keys.size() == maxRecords)) {
                chunks.add(new Chunk(csv.toString(), keys));
                csv = new StringBuilder(header);
                keys = new ArrayList<>();
                bytes = headerBytes;
            }
            csv.append(line);
            keys.add(key);
            bytes += lineBytes;
        }
        chunks.add(new Chunk(csv.toString(), keys));
        return chunks;
    }

    /** The key column first, then every other field in the order the rows first name it. */
    static List<String> columns(BulkIngestJob job) {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(job.keyField());
        job.rows().forEach(row -> columns.addAll(row.keySet()));
        return List.copyOf(columns);
    }

    private static List<Object> values(List<String> columns, String key, Map<String, Object> row) {
        List<Object> values = new ArrayList<>(columns.size());
        values.add(key);
        for (int c = 1; c < columns.size(); c++) {
            values.add(row.get(columns.get(c)));
        }
        return values;
    }

    private static String line(List<Object> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(text(values.get(i))));
        }
        return line.append('\n').toString();
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A value as Bulk API reads it: null as empty (unchanged), numbers in plain notation, dates and times ISO 8601. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Salesforce takes no " + d + " in a number field");
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof OffsetDateTime time) {
            return DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
        }
        if (value instanceof ZonedDateTime time) {
            return DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
        }
        if (value instanceof LocalDate date) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
        }
        return value.toString(); // text, whole numbers, booleans (true/false)
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
