package io.healthsync.store;

import java.util.List;
import java.util.stream.Collectors;

/** The SQL differences between the supported databases: how to upsert a row by its key, and how large a transaction. */
enum SqlDialect {
    H2, POSTGRESQL;

    static SqlDialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2:... or jdbc:postgresql:...): "
                + url.replaceAll("password=[^&;]*", "password=***"));
    }

    /**
     * Rows written in one transaction at most where a write may take several (a pulled page, scores, history,
     * results). H2's commit reads back every page the transaction changed: measured on 2 cores, updating 100,000
     * scores (1.1 KB rows) with their history took 5.8-7.1 s in transactions of 5,000 rows and 3.7-4.5 s in ones
     * of 500; inserting 600,000 activities 7.6 s and 6.4 s. PostgreSQL pays a WAL flush per commit instead, so it
     * keeps larger ones.
     */
    int rowsPerTransaction() {
        return this == H2 ? 500 : 5_000;
    }

    /**
     * Stores a record's written fields (record_id, sobject, fields): on PostgreSQL the stored fields of the record are
     * kept beside the new ones by the upsert itself (JSON objects merged key by key, the new value of a field
     * replacing the old), so an apply sends the new fields only; on H2 the upsert replaces the row, and the caller
     * merges (see {@link #mergesWrittenFields()}). Looking the earlier records up from the application cost
     * PostgreSQL a plan of the IN list made while the table was empty, a scan per lookup as it grew.
     */
    String upsertWrittenRecord() {
        if (this == H2) {
            return upsert("written_record", List.of("record_id", "sobject", "fields"), List.of("record_id", "sobject"));
        }
        return "INSERT INTO written_record (record_id, sobject, fields) VALUES (?, ?, ?) ON CONFLICT (record_id, sobject) "
                + "DO UPDATE SET fields = (written_record.fields::jsonb || EXCLUDED.fields::jsonb)::text";
    }

    /** Whether {@link #upsertWrittenRecord()} keeps the record's earlier fields itself. */
    boolean mergesWrittenFields() {
        return this == POSTGRESQL;
    }

    String upsert(String table, List<String> columns, List<String> key) {
        String cols = String.join(", ", columns);
        String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", key) + ") VALUES (" + params + ")";
        }
        String updates = columns.stream().filter(c -> !key.contains(c))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + cols + ") VALUES (" + params + ") ON CONFLICT ("
                + String.join(", ", key) + ") DO UPDATE SET " + updates;
    }
}
