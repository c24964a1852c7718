package io.healthsync.store;

import java.util.List;
import java.util.stream.Collectors;

/** The one SQL difference between the supported databases: how to upsert a row by its key. */
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
