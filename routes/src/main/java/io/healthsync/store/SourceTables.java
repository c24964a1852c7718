package io.healthsync.store;

import static io.healthsync.store.Jdbc.batch;
import static io.healthsync.store.Jdbc.bind;
import static io.healthsync.store.Jdbc.date;
import static io.healthsync.store.Jdbc.instant;
import static io.healthsync.store.Jdbc.toJson;
import static io.healthsync.store.Jdbc.truncate;

import io.healthsync.connectors.source.AccountIndex;
import io.healthsync.connectors.source.MatchedPage;
import io.healthsync.connectors.source.SourcePullReport;
import io.healthsync.connectors.source.SourceSink;
import io.healthsync.connectors.source.UnmatchedRecord;
import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of the source seam: cursors as each source's own JSON (Salesforce's too), the records of the
 * support desk, billing and product analytics, source entities linked to accounts, unmatched records,
 * and each source's runs and breaker state.
 */
final class SourceTables {

    private static final Logger LOG = LoggerFactory.getLogger(SourceTables.class);

    /** The activity table's columns, in the order its upsert binds them (JdbcStore reads them back in it). */
    static final List<String> ACTIVITY_COLUMNS = List.of("source", "source_id", "account_id", "type",
            "raw_type", "source_type", "occurred_at", "actor_id", "duration_minutes", "is_deleted", "measures");
    private static final List<String> USAGE_COLUMNS = List.of("source", "account_id", "usage_date", "active_users",
            "sessions", "feature_events");
    private static final List<String> SUBSCRIPTION_COLUMNS = List.of("source", "source_id", "account_id", "status",
            "seats", "annual_amount", "currency", "current_period_end", "cancel_at_period_end");
    private static final List<String> OUTCOME_COLUMNS = List.of("source", "source_id", "account_id", "kind", "outcome_date",
            "annual_amount", "currency");
    private static final List<String> LINK_COLUMNS = List.of("source", "entity_id", "account_id", "name",
            "keys_text", "updated_at");

    /** Writes quarantine rows inside a transaction (the store's one way of doing it). */
    @FunctionalInterface
    interface QuarantineWriter {
        void write(Connection connection, List<QuarantinedRecord> records) throws SQLException;
    }

    private final Jdbc jdbc;
    private final SqlDialect dialect;
    /**
     * PostgreSQL only: by stream ("source/stream"), the tables its pages filled while it was not pulled completely
     * yet (a first pull or a resync), analyzed once it completes (see {@link BackfillIndexes#restore()}: without
     * statistics, a table filled in minutes is planned as if it were empty).
     */
    private final Map<String, java.util.Set<String>> filledByBackfill = new java.util.concurrent.ConcurrentHashMap<>();

    SourceTables(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    // ---- cursors --------------------------------------------------------------------------------

    Optional<String> cursor(String source, String stream) {
        return jdbc.query("SELECT cursor_json FROM source_cursor WHERE source = ? AND stream = ? AND cursor_json IS NOT NULL",
                rs -> rs.getString(1), source, stream).stream().findFirst();
    }

    Optional<String> cursorIn(Connection connection, String source, String stream) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT cursor_json FROM source_cursor WHERE source = ? AND stream = ?")) {
            bind(ps, source, stream);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void saveCursor(Connection connection, String source, String stream, String cursorJson, int records)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE source_cursor SET cursor_json = ?, "
                + "records_total = records_total + ?, updated_at = ? WHERE source = ? AND stream = ?")) {
            bind(ps, cursorJson, records, Instant.now(), source, stream);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO source_cursor (source, stream, "
                + "cursor_json, records_total, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            bind(ps, source, stream, cursorJson, records, Instant.now());
            ps.executeUpdate();
        }
    }

    void completeIn(Connection connection, String source, String stream, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE source_cursor SET complete_at = ? WHERE source = ? AND stream = ?")) {
            bind(ps, at, source, stream);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        // a stream with nothing to read yet still completed: remember when
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO source_cursor (source, stream, "
                + "cursor_json, records_total, updated_at, complete_at) VALUES (?, ?, NULL, 0, ?, ?)")) {
            bind(ps, source, stream, at, at);
            ps.executeUpdate();
        }
    }

    Optional<Instant> lastComplete(String source, String stream) {
        return jdbc.query("SELECT complete_at FROM source_cursor WHERE source = ? AND stream = ? AND complete_at IS NOT NULL",
                rs -> instant(rs, 1), source, stream).stream().findFirst();
    }

    int forgetCursors(String source, String stream) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(stream == null
                    ? "DELETE FROM source_cursor WHERE source = ?" : "DELETE FROM source_cursor WHERE source = ? AND stream = ?")) {
                if (stream == null) {
                    bind(ps, source);
                } else {
                    bind(ps, source, stream);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** Per stream of a source: its cursor JSON, records stored through it, when it last completed. */
    List<Store.StreamCursor> cursors(String source) {
        return jdbc.query("SELECT stream, cursor_json, records_total, updated_at, complete_at FROM source_cursor "
                        + "WHERE source = ? ORDER BY stream",
                rs -> new Store.StreamCursor(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4),
                        instant(rs, 5)), source);
    }

    // ---- pages ----------------------------------------------------------------------------------

    AccountIndex accountIndex(String source) {
        List<AccountIndex.Entry> accounts = jdbc.query("SELECT crm_id, domain FROM account WHERE is_deleted = FALSE",
                rs -> new AccountIndex.Entry(rs.getString(1), rs.getString(2)));
        Map<String, String> links = new HashMap<>();
        jdbc.query("SELECT entity_id, account_id FROM account_link WHERE source = ? AND account_id IS NOT NULL", rs -> {
            links.put(rs.getString(1), rs.getString(2));
            return null;
        }, source);
        return new AccountIndex(accounts, links);
    }

    /** @param incremental whether the stream was pulled completely before: its changes are logged under their accounts */
    void store(String source, String stream, MatchedPage page, QuarantineWriter quarantine, boolean incremental) {
        Instant now = Instant.now();
        if (!incremental && dialect == SqlDialect.POSTGRESQL) {
            filledByBackfill.computeIfAbsent(source + "/" + stream,
                    k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(tablesWritten(page));
        }
        jdbc.inTransaction(connection -> {
            logScoringChanges(connection, page, incremental);
            batch(connection, dialect.upsert("account_link", LINK_COLUMNS, List.of("source", "entity_id")), page.links,
                    (ps, l) -> bind(ps, source, l.entityId(), l.accountId(), truncate(l.name(), 255),
                            truncate(l.keys(), 2000), now));
            upsertActivities(connection, page.activities);
            batch(connection, dialect.upsert("usage_day", USAGE_COLUMNS, List.of("source", "account_id", "usage_date")),
                    page.usage, (ps, u) -> bind(ps, u.source(), u.accountId(), u.day(), u.activeUsers(), u.sessions(),
                            toJson(u.featureEvents())));
            batch(connection, dialect.upsert("subscription", SUBSCRIPTION_COLUMNS, List.of("source", "source_id")),
                    page.subscriptions, (ps, s) -> bind(ps, s.source(), s.sourceId(), s.accountId(), s.status(),
                            s.seats(), s.annualAmount(), s.currency(), s.currentPeriodEnd(), s.cancelAtPeriodEnd()));
            batch(connection, dialect.upsert("outcome", OUTCOME_COLUMNS, List.of("source", "source_id")),
                    page.outcomes, (ps, o) -> bind(ps, o.source(), o.sourceId(), o.accountId(), o.kind().key(),
                            o.date(), o.annualAmount(), o.currency()));
            storeUnmatched(connection, page.unmatched, now);
            batch(connection, "DELETE FROM unmatched_record WHERE source = ? AND record_kind = ? AND record_id = ?",
                    page.rematched, (ps, k) -> bind(ps, source, k.kind(), k.recordId()));
            quarantine.write(connection, page.quarantined);
            if (page.cursor != null) {
                saveCursor(connection, source, stream, page.cursor, page.records);
            }
            return null;
        });
    }

    /** The accounts whose scoring inputs (activities, usage, subscriptions) the page changes: see {@link ScoringChangeLog}. */
    private void logScoringChanges(Connection connection, MatchedPage page, boolean incremental) throws SQLException {
        if (page.activities.isEmpty() && page.usage.isEmpty() && page.subscriptions.isEmpty()) {
            return;
        }
        if (!incremental) {
            ScoringChangeLog.everyAccount(connection);
            return;
        }
        List<String> touched = new ArrayList<>();
        page.activities.forEach(a -> touched.add(a.accountId()));
        page.usage.forEach(u -> touched.add(u.accountId())); // the account is part of a usage day's key: it cannot move
        page.subscriptions.forEach(s -> touched.add(s.accountId()));
        touched.addAll(ScoringChangeLog.activityOwnersNow(connection, dialect, page.activities));
        touched.addAll(ScoringChangeLog.ownersNow(connection, dialect, "subscription", List.of("source", "source_id"),
                page.subscriptions.stream().map(s -> new Object[] {s.source(), s.sourceId()}).toList()));
        ScoringChangeLog.accounts(connection, touched);
    }

    /** Seen again: only last_seen moves, so the report can tell how long a record has waited for its account. */
    private static void storeUnmatched(Connection connection, List<UnmatchedRecord> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<UnmatchedRecord> fresh = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("UPDATE unmatched_record SET last_seen = ?, "
                + "payload = ?, keys_text = ?, stream = ? WHERE source = ? AND record_kind = ? AND record_id = ?")) {
            for (UnmatchedRecord u : rows) {
                bind(ps, now, u.payload(), truncate(u.keys(), 2000), u.stream(), u.source(), u.kind(), truncate(u.recordId(), 160));
                if (ps.executeUpdate() == 0) {
                    fresh.add(u);
                }
            }
        }
        batch(connection, "INSERT INTO unmatched_record (source, record_kind, record_id, stream, keys_text, payload, "
                        + "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fresh,
                (ps, u) -> bind(ps, u.source(), u.kind(), truncate(u.recordId(), 160), u.stream(),
                        truncate(u.keys(), 2000), u.payload(), now, now));
    }

    /** Activities of any source, live (a tombstone is written by the Salesforce pull), keyed by source and id. */
    void upsertActivities(Connection connection, List<io.healthsync.model.Activity> activities) throws SQLException {
        batch(connection, dialect.upsert("activity", ACTIVITY_COLUMNS, List.of("source", "source_id")), activities,
                (ps, a) -> bind(ps, a.source(), a.sourceId(), a.accountId(), a.type() == null ? null : a.type().key(),
                        truncate(a.rawType(), 255), truncate(a.sourceType(), 255), a.occurredAt(), a.actorId(),
                        a.durationMinutes(), false, a.measures().isEmpty() ? null : toJson(a.measures())));
    }

    void markComplete(String source, String stream, Instant at) {
        jdbc.inTransaction(connection -> {
            completeIn(connection, source, stream, at);
            return null;
        });
        java.util.Set<String> filled = filledByBackfill.remove(source + "/" + stream);
        if (filled != null && !filled.isEmpty()) {
            long started = System.nanoTime();
            List<String> tables = filled.stream().sorted().toList();
            jdbc.execute(tables.stream().map(table -> "ANALYZE " + table).toList());
            LOG.info("{} {}: pulled completely; table(s) {} analyzed in {} ms", source, stream, tables,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The tables a page's records go to. */
    private static List<String> tablesWritten(MatchedPage page) {
        List<String> tables = new ArrayList<>();
        if (!page.links.isEmpty()) {
            tables.add("account_link");
        }
        if (!page.activities.isEmpty()) {
            tables.add("activity");
        }
        if (!page.usage.isEmpty()) {
            tables.add("usage_day");
        }
        if (!page.subscriptions.isEmpty()) {
            tables.add("subscription");
        }
        if (!page.outcomes.isEmpty()) {
            tables.add("outcome");
        }
        return tables;
    }

    List<UnmatchedRecord> unmatched(String source) {
        return jdbc.query("SELECT source, record_kind, record_id, stream, keys_text, payload FROM unmatched_record "
                        + "WHERE source = ? ORDER BY first_seen, record_id",
                rs -> new UnmatchedRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), source);
    }

    Optional<String> unmatchedTriedAgainst(String source) {
        return jdbc.query("SELECT tried_against FROM source_rematch WHERE source = ?", rs -> rs.getString(1), source)
                .stream().findFirst();
    }

    void saveUnmatchedTriedAgainst(String source, String fingerprint) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(dialect.upsert("source_rematch",
                    List.of("source", "tried_against", "updated_at"), List.of("source")))) {
                bind(ps, source, fingerprint, Instant.now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    int unmatchedCount(String source) {
        return jdbc.query("SELECT COUNT(*) FROM unmatched_record WHERE source = ?", rs -> rs.getInt(1), source).get(0);
    }

    // ---- breaker and runs -----------------------------------------------------------------------

    Optional<SourceSink.BreakerMemory> breaker(String source) {
        return jdbc.query("SELECT breaker_state, breaker_since FROM source_state WHERE source = ?",
                rs -> new SourceSink.BreakerMemory(rs.getString(1), instant(rs, 2)), source).stream().findFirst();
    }

    void saveBreaker(String source, SourceSink.BreakerMemory state) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(dialect.upsert("source_state",
                    List.of("source", "breaker_state", "breaker_since", "updated_at"), List.of("source")))) {
                bind(ps, source, state.state(), state.since(), Instant.now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    void recordRun(SourcePullReport r) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO source_run (source, started_at, "
                    + "finished_at, state, pages, records, retries, quarantined, unmatched, message) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, r.source, r.startedAt, r.finishedAt == null ? Instant.now() : r.finishedAt, r.state, r.pages,
                        r.records, r.retries, r.quarantined, r.unmatched, truncate(r.message, 2000));
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<Store.SourceRun> lastRun(String source) {
        return jdbc.query("SELECT source, started_at, finished_at, state, pages, records, retries, quarantined, "
                        + "unmatched, message FROM source_run WHERE source = ? ORDER BY started_at DESC, id DESC "
                        + "FETCH FIRST 1 ROWS ONLY",
                rs -> new Store.SourceRun(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10)), source)
                .stream().findFirst();
    }

    /** When every stream of the source last completed (the oldest of its streams' completions). */
    Optional<Instant> sourceCompleteAt(String source) {
        List<Store.StreamCursor> streams = cursors(source);
        if (streams.isEmpty() || streams.stream().anyMatch(s -> s.completeAt() == null)) {
            return Optional.empty();
        }
        return streams.stream().map(Store.StreamCursor::completeAt).min(Instant::compareTo);
    }

    // ---- reads for scoring and status ------------------------------------------------------------

    Map<String, List<UsageDay>> usageByAccount(LocalDate since, AccountRange range) {
        Map<String, List<UsageDay>> byAccount = new HashMap<>();
        RepeatedValues repeated = new RepeatedValues();
        jdbc.query("SELECT source, account_id, usage_date, active_users, sessions, feature_events FROM usage_day "
                        + "WHERE usage_date >= ?" + AccountRange.sql("AND", range),
                rs -> {
                    UsageDay day = new UsageDay(repeated.of(rs.getString(1)), rs.getString(2), date(rs, 3), rs.getInt(4), rs.getInt(5),
                            CompactJsonNumbers.featureCounts(rs.getString(6), repeated));
                    byAccount.computeIfAbsent(day.accountId(), k -> new ArrayList<>()).add(day);
                    return null;
                }, AccountRange.params(range, since));
        return byAccount;
    }

    Map<String, List<Subscription>> subscriptionsByAccount(AccountRange range) {
        Map<String, List<Subscription>> byAccount = new HashMap<>();
        jdbc.query("SELECT " + String.join(", ", SUBSCRIPTION_COLUMNS) + " FROM subscription"
                + AccountRange.sql("WHERE", range), rs -> {
            Subscription s = new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    (Integer) rs.getObject(5), (Double) rs.getObject(6), rs.getString(7), date(rs, 8), rs.getBoolean(9));
            byAccount.computeIfAbsent(s.accountId(), k -> new ArrayList<>()).add(s);
            return null;
        }, AccountRange.params(range));
        return byAccount;
    }

    List<Outcome> outcomes() {
        return jdbc.query("SELECT " + String.join(", ", OUTCOME_COLUMNS) + " FROM outcome ORDER BY outcome_date, source_id",
                rs -> new Outcome(rs.getString(1), rs.getString(2), rs.getString(3),
                        OutcomeKind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), date(rs, 5),
                        (Double) rs.getObject(6), rs.getString(7)));
    }

    /** Records stored per kind for a source (activities, usage days, subscriptions, outcomes, linked entities). */
    Map<String, Long> storedCounts(String source) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("activities", count("SELECT COUNT(*) FROM activity WHERE source = ?", source));
        counts.put("usage_days", count("SELECT COUNT(*) FROM usage_day WHERE source = ?", source));
        counts.put("subscriptions", count("SELECT COUNT(*) FROM subscription WHERE source = ?", source));
        counts.put("outcomes", count("SELECT COUNT(*) FROM outcome WHERE source = ?", source));
        counts.put("linked_entities", count("SELECT COUNT(*) FROM account_link WHERE source = ? AND account_id IS NOT NULL", source));
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    /** A few unmatched records of a source, oldest first: "zendesk link 123 (crm_id=..., domain=...)". */
    List<String> unmatchedExamples(String source, int limit) {
        return jdbc.query("SELECT record_kind, record_id, keys_text FROM unmatched_record WHERE source = ? "
                        + "ORDER BY first_seen, record_id FETCH FIRST ? ROWS ONLY",
                rs -> rs.getString(1) + " " + rs.getString(2) + " (" + rs.getString(3) + ")", source, limit);
    }

    private long count(String sql, Object... params) {
        return jdbc.query(sql, rs -> rs.getLong(1), params).get(0);
    }
}
