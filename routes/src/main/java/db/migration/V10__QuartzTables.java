package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Quartz's tables for clustered scheduling, on PostgreSQL only (several replicas share it; the embedded H2
 * store is one process's and schedules in memory). The DDL is Quartz's own script from its jar, so the tables
 * always match the Quartz version on the classpath; its DROP statements are left out.
 */
public class V10__QuartzTables extends BaseJavaMigration {

    static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(script())) {
                statement.execute(sql);
            }
        }
    }

    private static String script() throws IOException {
        try (InputStream in = V10__QuartzTables.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("Quartz's " + SCRIPT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's statements without comments, DROPs and its closing COMMIT (Flyway owns the transaction). */
    static java.util.List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";"))
                .map(String::trim)
                .filter(sql -> !sql.isEmpty())
                .filter(sql -> !sql.toUpperCase(java.util.Locale.ROOT).startsWith("DROP "))
                .filter(sql -> !sql.equalsIgnoreCase("COMMIT"))
                .toList();
    }
}
