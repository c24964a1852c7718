package io.healthsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The JDBC plumbing the store's parts share: queries, transactions, batches and value binding. */
final class Jdbc {

    /** Thread-safe once configured: the store's JSON columns (fields, drivers, plans, measures) share it. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final DataSource dataSource;
    private final boolean lazyLargeReads;

    /** @param lazyLargeReads H2: {@link #queryLarge} reads its rows as the database produces them */
    Jdbc(DataSource dataSource, boolean lazyLargeReads) {
        this.dataSource = dataSource;
        this.lazyLargeReads = lazyLargeReads;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, mapper, params);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + sql, e);
        }
    }

    /**
     * A query of hundreds of thousands of rows (a month of score history, every written field, every account), its
     * rows handed over as the database reads them rather than all at once. On H2, lazily: by default H2 first copies
     * a result, and one past some thousands of rows into a temporary file (1.1 million history rows read in 0.9-1.1 s
     * instead of 1.4-2.7 s); only these, as with every statement lazy the pull's many small ones took more CPU. On
     * PostgreSQL, in a read-only transaction: with autocommit on, its driver ignores the fetch size and holds the
     * whole result in the heap before the first row is read.
     */
    <T> List<T> queryLarge(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            if (lazyLargeReads) {
                lazy(connection, true);
                try {
                    return query(connection, sql, mapper, params);
                } finally {
                    lazy(connection, false); // the pooled connection goes back as it came
                }
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return query(connection, sql, mapper, params);
            } finally {
                connection.rollback(); // it read, nothing to keep
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + sql, e);
        }
    }

    private static void lazy(Connection connection, boolean on) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + on);
        }
    }

    private static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            ps.setFetchSize(1000);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T row = mapper.map(rs);
                    if (row != null) {
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }

    <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed and was rolled back", e);
        }
    }

    static <T> void batch(Connection connection, String sql, List<T> items, Binder<T> binder)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
                if (++pending == 500) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            int index = i + 1;
            if (value == null) {
                ps.setNull(index, Types.NULL);
            } else if (value instanceof Instant instant) {
                ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof LocalDate date) {
                ps.setObject(index, date);
            } else {
                ps.setObject(index, value);
            }
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The stored JSON read back; null for a null column. */
    static <T> T readJson(String text, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("cannot read stored JSON", e);
        }
    }
}
