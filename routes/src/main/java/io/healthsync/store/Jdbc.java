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
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/** The JDBC plumbing the store's parts share: queries, transactions, batches and value binding. */
final class Jdbc {

    /** Thread-safe once configured: the store's JSON columns (fields, drivers, plans, measures) share it. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final DataSource dataSource;

    /**
     * Transactions share it; a schema change ({@link #executeAlone}) holds it alone. H2 builds an index holding its
     * catalog lock, which an insert that takes an identity value (scoring_change, quarantine, source_run) must take
     * too, and its system session waits 2 s for it whatever LOCK_TIMEOUT says: a source pulled on its own schedule
     * while a Salesforce backfill built its set-aside indexes (4-12 s at 100,000 accounts) failed its page. Here
     * such a page waits for the build instead.
     */
    private final ReentrantReadWriteLock schema = new ReentrantReadWriteLock();

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
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
     * A query of hundreds of thousands of rows (a month of score history, every written field, every account), in a
     * read-only transaction of its own: PostgreSQL's driver then hands the rows over by fetch size (in autocommit it
     * holds the whole result in the heap before the first row is read). H2 reads the result whole first, spilling
     * to a temporary file past some thousands of rows. Not lazily: H2 2.3's lazy results lose their pages to the
     * store's background compaction ("Chunk 511 not found", h2database#4142): of 11 processes that opened a copy of
     * a 100,000-account store and scored it up to three times with lazy reads, 9 failed so; with whole results none
     * of 5 (15 scorings) did.
     */
    <T> List<T> queryLarge(String sql, RowMapper<T> mapper, Object... params) {
        return queryLarge(sql, () -> { }, mapper, params);
    }

    /**
     * The same, telling {@code readFrom} as soon as what the query reads is fixed (H2 has made its whole result,
     * PostgreSQL has opened its cursor), before its rows are mapped: writes committed after that are not in it.
     */
    <T> List<T> queryLarge(String sql, Runnable readFrom, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return query(connection, sql, readFrom, mapper, params);
            } finally {
                connection.rollback(); // it read, nothing to keep
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + sql, e);
        }
    }

    /** Rows per query of a read by key: under H2's in-memory result limit (40,000 rows at 1 GB of heap, fewer below). */
    static final int ROWS_PER_KEY_PAGE = 10_000;

    /**
     * A read of hundreds of thousands of rows in the order of their key, as queries of at most
     * {@value #ROWS_PER_KEY_PAGE} rows each, every one starting after the last key read: each is a seek in the index
     * whose leading columns are the where clause's equalities and then {@code key}. H2 then holds a page in the heap
     * instead of copying the whole result to a temporary file first (on a copy of a bench store, 1.2 million rows of
     * score history read in 1.7-2.0 s against 2.6-2.9 s before they are mapped), and no result outlives its query
     * (see {@link #queryLarge} for why H2's lazy results will not do). Each page is read as of its own query: a row
     * written meanwhile may be read or not, none is read twice, and none that was there throughout is missed.
     *
     * @param columns what the mapper reads, from column 1 on (the key's columns are read after them)
     * @param fromWhere the table and a where clause, which the key's condition is added to
     * @param key one column, or two: a key of two is read one value of the first column at a time, since H2
     *            would seek a row comparison by its first column only and filter the rest
     */
    <T> List<T> queryByKey(String columns, String fromWhere, List<String> key, RowMapper<T> mapper, Object... params) {
        return queryByKey(columns, fromWhere, List.of(), key, mapper, params);
    }

    /**
     * @param fixed the index's leading columns that the where clause fixes by equality: named in the order too, or
     *              H2 sorts what it reads instead of reading the index in order (a whole sort per page)
     */
    <T> List<T> queryByKey(String columns, String fromWhere, List<String> fixed, List<String> key, RowMapper<T> mapper,
                           Object... params) {
        KeyPageQueries queries = KeyPageQueries.of(columns, fromWhere, fixed, key);
        try (Connection connection = dataSource.getConnection()) {
            return readByKey(connection, queries, key, () -> { }, mapper, params);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + queries.first(), e);
        }
    }

    /**
     * A read by key (see {@link #queryByKey}) whose pages all see the table as it was when the first page was read:
     * one transaction at REPEATABLE READ, rolled back (H2 then reads each table as of its first read in the
     * transaction, PostgreSQL the whole database as of the first statement). {@code readFrom} is told once the
     * first page's query has run, before its rows are mapped: writes committed after that are in no page. Unlike
     * {@link #queryLarge}, H2 never copies a whole result (past 40,000 rows at 1 GB of heap, to a temporary file)
     * before handing rows over.
     */
    <T> List<T> queryByKeyAsOfFirstPage(String columns, String fromWhere, List<String> key, Runnable readFrom,
                                        RowMapper<T> mapper, Object... params) {
        KeyPageQueries queries = KeyPageQueries.of(columns, fromWhere, List.of(), key);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return readByKey(connection, queries, key, readFrom, mapper, params);
            } finally {
                connection.rollback(); // it read, nothing to keep
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + queries.first(), e);
        }
    }

    private static <T> List<T> readByKey(Connection connection, KeyPageQueries queries, List<String> key,
                                         Runnable afterFirstPage, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        Object[] last = null;
        boolean withinLastFirstValue = false; // the next page continues the last row's first key value
        while (true) {
            String sql = last == null ? queries.first() : withinLastFirstValue ? queries.within() : queries.after();
            Object[] bound = last == null ? params : withinLastFirstValue ? append(params, last[0], last[1])
                    : append(params, last[0]);
            boolean firstPage = last == null;
            int read = 0;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, bound);
                try (ResultSet rs = ps.executeQuery()) {
                    if (firstPage) {
                        afterFirstPage.run();
                    }
                    int keyAt = rs.getMetaData().getColumnCount() - key.size() + 1;
                    while (rs.next()) {
                        T row = mapper.map(rs);
                        if (row != null) {
                            rows.add(row);
                        }
                        last = key.size() == 1 ? new Object[] {rs.getObject(keyAt)}
                                : new Object[] {rs.getObject(keyAt), rs.getObject(keyAt + 1)};
                        read++;
                    }
                }
            }
            if (read == ROWS_PER_KEY_PAGE) {
                withinLastFirstValue = queries.within() != null;
            } else if (withinLastFirstValue) {
                withinLastFirstValue = false; // that value's rows are read: on to the next value's
            } else {
                return rows;
            }
        }
    }

    /**
     * The queries of a read by key: its first page; the page after a key's first column's value (the where clause's
     * parameters, then that value); the rest of that value's rows after a key (then the key's two values).
     */
    record KeyPageQueries(String first, String after, String within) {

        static KeyPageQueries of(String columns, String fromWhere, List<String> fixed, List<String> key) {
            if (key.isEmpty() || key.size() > 2) {
                throw new IllegalArgumentException("a key of one or two columns, not " + key);
            }
            String select = "SELECT " + columns + ", " + String.join(", ", key) + " FROM " + fromWhere;
            List<String> sorted = new ArrayList<>(fixed);
            sorted.addAll(key);
            String order = " ORDER BY " + String.join(", ", sorted) + " FETCH FIRST " + ROWS_PER_KEY_PAGE + " ROWS ONLY";
            return new KeyPageQueries(select + order, select + " AND " + key.get(0) + " > ?" + order,
                    key.size() == 1 ? null : select + " AND " + key.get(0) + " = ? AND " + key.get(1) + " > ?" + order);
        }
    }

    private static Object[] append(Object[] params, Object... more) {
        Object[] all = java.util.Arrays.copyOf(params, params.length + more.length);
        System.arraycopy(more, 0, all, params.length, more.length);
        return all;
    }

    private static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        return query(connection, sql, () -> { }, mapper, params);
    }

    private static <T> List<T> query(Connection connection, String sql, Runnable readFrom, RowMapper<T> mapper,
                                     Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            ps.setFetchSize(1000);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                readFrom.run();
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

    /** Statements without parameters or results (DDL, ANALYZE), in order, in one transaction. */
    void execute(List<String> statements) {
        inTransaction(connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /**
     * Schema changes that no transaction of this store may overlap (see {@link #schema}): they wait for those
     * open to end, and those begun meanwhile wait for them. Not from inside a transaction, which it would wait for.
     */
    void executeAlone(List<String> statements) {
        if (schema.getReadHoldCount() > 0) {
            throw new IllegalStateException("a schema change inside a transaction would wait for itself: " + statements);
        }
        schema.writeLock().lock();
        try {
            execute(statements);
        } finally {
            schema.writeLock().unlock();
        }
    }

    <T> T inTransaction(Work<T> work) {
        schema.readLock().lock();
        try {
            return transaction(work);
        } finally {
            schema.readLock().unlock();
        }
    }

    private <T> T transaction(Work<T> work) {
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
