package io.healthsync.store;

import static io.healthsync.store.Jdbc.batch;
import static io.healthsync.store.Jdbc.bind;
import static io.healthsync.store.Jdbc.date;
import static io.healthsync.store.Jdbc.instant;
import static io.healthsync.store.Jdbc.readJson;
import static io.healthsync.store.Jdbc.toJson;
import static io.healthsync.store.Jdbc.truncate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healthsync.connectors.salesforce.PageEchoes;
import io.healthsync.connectors.salesforce.PulledPage;
import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.SalesforceCursor;
import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.connectors.salesforce.SalesforceRecordMapper;
import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.CrmUser;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Outcome;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import io.healthsync.connectors.source.AccountIndex;
import io.healthsync.connectors.source.MatchedPage;
import io.healthsync.connectors.source.SourcePullReport;
import io.healthsync.connectors.source.UnmatchedRecord;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WrittenValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;

/** The store on plain JDBC: H2 embedded by default, PostgreSQL by URL. Flyway owns the schema. */
public final class JdbcStore implements Store {

    private static final int MAX_TEXT = 100_000;
    private static final List<String> ACCOUNT_COLUMNS = List.of("crm_id", "name", "segment", "industry", "arr",
            "seats_licensed", "contract_start", "renewal_date", "owner_id", "created_at", "system_modstamp", "crm_fields",
            "is_deleted", "domain");
    private static final List<String> OPPORTUNITY_COLUMNS = List.of("crm_id", "account_id", "name", "stage_name",
            "type", "amount", "created_date", "close_date", "is_closed", "is_won", "is_deleted");
    private static final List<String> USER_COLUMNS = List.of("crm_id", "name", "title", "active", "system_modstamp");
    private static final List<String> SCORE_COLUMNS = List.of("account_id", "as_of", "score", "band", "drivers",
            "signals", "model_version", "computed_at", "churn_probability", "expansion_probability");

    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    /** What the HTTP sources (and Salesforce's cursors) keep: one class for the source seam's tables. */
    private final SourceTables sources;
    private final PlaybookActionTable playbookActions;
    private final BackfillIndexes backfillIndexes;
    /** Suppressed playbook firings kept with a plan, as examples for its printout. */
    static final int SKIPPED_KEPT = 100;
    private final SqlDialect dialect;

    private final String description;
    /** Every quarantine row of one record, whatever its modstamp. */
    private static final String DELETE_QUARANTINED =
            "DELETE FROM quarantine WHERE source = ? AND object_name = ? AND record_id = ?";

    private JdbcStore(HikariDataSource dataSource, SqlDialect dialect, String description) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
        this.sources = new SourceTables(jdbc, dialect);
        this.playbookActions = new PlaybookActionTable(jdbc);
        this.backfillIndexes = new BackfillIndexes(jdbc, dialect == SqlDialect.POSTGRESQL);
        this.dialect = dialect;
        this.description = description;
    }

    /** Opens the database at {@code jdbcUrl} and brings its schema up to date. */
    public static JdbcStore open(String jdbcUrl, String user, String password) {
        SqlDialect dialect = SqlDialect.fromJdbcUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(4);
        config.setPoolName("healthsync-store");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcStore store = new JdbcStore(dataSource, dialect, describe(jdbcUrl));
            store.backfillIndexes.restoreAnyMissing();
            return store;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    // ---- pull -------------------------------------------------------------------------------------

    @Override
    public Optional<SalesforceCursor> cursor(SalesforceObject object) {
        return sources.cursor(SalesforceRecordMapper.SOURCE, object.apiName()).map(SalesforceCursor::fromJson);
    }

    @Override
    public PageEchoes echoes(PulledPage page) {
        return page.object() != SalesforceObject.ACCOUNT || page.accounts().isEmpty() ? PageEchoes.NONE
                : inTransaction(connection -> echoesOfOurWrites(connection, page.accounts()));
    }

    @Override
    public EchoCheck echoCheck(SalesforceObject object, long records) {
        if (object != SalesforceObject.ACCOUNT || !inTransaction(JdbcStore::anyAccountWritten)) {
            return page -> PageEchoes.NONE; // nothing of ours to echo: a first pull
        }
        long stored = query("SELECT COUNT(*) FROM account", rs -> rs.getLong(1)).get(0);
        if (records * 2 < stored) {
            return this::echoes; // a few: two lookups each
        }
        // most of them: one read of each table costs less than two lookups each (on a copy of a bench store, telling
        // 100,000 pulled Accounts took 3.1-3.6 s so, reads included, and 7.9-9.4 s by lookups), and it is read beside
        // the pull (its first page's store waits for it)
        return AccountEchoCheck.start(() -> {
            // the written records are read on a thread of their own beside the accounts: the first page's store
            // waits for both
            CompletableFuture<List<AccountEchoes.Written>> writtenRead =
                    AccountEchoCheck.onThreadOfItsOwn(this::writtenToAccounts, "echo-check-written");
            AccountEchoes echoes = new AccountEchoes();
            RepeatedValues repeated = new RepeatedValues();
            EchoedAccounts echoed = EchoedAccounts.read(jdbc);
            // by key pages in one snapshot: a whole result of 100,000 accounts went to H2's temporary file first
            jdbc.queryByKeyAsOfFirstPage(String.join(", ", ACCOUNT_COLUMNS), "account WHERE is_deleted = FALSE",
                    List.of("crm_id"), () -> { }, rs -> {
                        echoes.stored(account(rs, repeated, echoed));
                        return null;
                    });
            writtenRead.join().forEach(echoes::written);
            return echoes.withoutUnwritten();
        });
    }

    /** What healthsync last wrote to each Account, as the echo check compares it. */
    private List<AccountEchoes.Written> writtenToAccounts() {
        WrittenRecord.Reader written = new WrittenRecord.Reader();
        return queryByKey("record_id, fields", "written_record WHERE sobject = 'Account'", List.of("record_id"), rs -> {
            String id = rs.getString(1);
            Map<String, String> values = new LinkedHashMap<>();
            written.decode(rs.getString(2), "written_record Account " + id)
                    .forEach((field, last) -> values.put(field, last.value()));
            return AccountEchoes.Written.of(id, values);
        });
    }

    @Override
    public void store(PulledPage page) {
        store(page, PageEchoes.NONE);
    }

    /**
     * Stores the page; of its echoes only their SystemModstamp and our fields' values (see {@link EchoedAccounts}),
     * which the reads of the account table apply over the stored row.
     */
    @Override
    public void store(PulledPage page, PageEchoes echoes) {
        // a bulk results page holds 25,000 records: all but the last part of them are stored first, in transactions
        // of their own (see rowsPerTransaction()); the cursor moves with the last part, so a crash in between leaves
        // records stored that the next pull reads and stores again, never a cursor past records not stored
        List<Account> accounts = echoes.count() == 0 ? page.accounts()
                : page.accounts().stream().filter(a -> !echoes.contains(a.crmId())).toList();
        List<Activity> activities = page.activities();
        List<Opportunity> opportunities = page.opportunities();
        // once the object was pulled completely, a page holds changes: each logged under its accounts, before and after
        boolean incremental = sources.lastComplete(SalesforceRecordMapper.SOURCE, page.object().apiName()).isPresent();
        while (accounts.size() > rowsPerTransaction() || activities.size() > rowsPerTransaction()
                || opportunities.size() > rowsPerTransaction()) {
            List<Account> firstAccounts = leadingPart(accounts);
            List<Activity> firstActivities = leadingPart(activities);
            List<Opportunity> firstOpportunities = leadingPart(opportunities);
            inTransaction(connection -> {
                storeRecords(connection, firstAccounts, firstActivities, firstOpportunities, incremental);
                return null;
            });
            accounts = accounts.subList(firstAccounts.size(), accounts.size());
            activities = activities.subList(firstActivities.size(), activities.size());
            opportunities = opportunities.subList(firstOpportunities.size(), opportunities.size());
        }
        List<Account> lastAccounts = accounts;
        List<Activity> lastActivities = activities;
        List<Opportunity> lastOpportunities = opportunities;
        inTransaction(connection -> {
            storeRecords(connection, lastAccounts, lastActivities, lastOpportunities, incremental);
            if (echoes.count() > 0) {
                EchoedAccounts.keep(connection, dialect, page.accounts(), echoes);
            }
            batch(connection, dialect.upsert("crm_user", USER_COLUMNS, List.of("crm_id")), page.users(),
                    (ps, u) -> bind(ps, u.crmId(), u.name(), u.title(), u.active(), null));
            storeTombstones(connection, page, incremental);
            if (anyQuarantined(connection, page.object().apiName())) { // a first pull: 1.9 million deletes of nothing
                batch(connection, DELETE_QUARANTINED,
                        page.mappedIds(), (ps, id) -> bind(ps, SalesforceRecordMapper.SOURCE, page.object().apiName(), id));
            }
            insertQuarantine(connection, page.quarantined());
            if (page.cursor() != null) {
                // the settled mark stays where the last complete pull left it
                Instant settled = sources.cursorIn(connection, SalesforceRecordMapper.SOURCE, page.object().apiName())
                        .map(json -> SalesforceCursor.fromJson(json).settledUntil()).orElse(null);
                SalesforceCursor next = new SalesforceCursor(page.cursor().modstamp(), page.cursor().lastId(), settled);
                sources.saveCursor(connection, SalesforceRecordMapper.SOURCE, page.object().apiName(), next.toJson(),
                        page.records());
            }
            return null;
        });
    }

    /** The first rowsPerTransaction() of a page's records when there are more than that; none otherwise. */
    private <T> List<T> leadingPart(List<T> records) {
        return records.size() > rowsPerTransaction() ? records.subList(0, rowsPerTransaction()) : List.of();
    }

    /** A page's accounts, activities and opportunities (or a part of them). */
    private void storeRecords(Connection connection, List<Account> accounts, List<Activity> activities,
                              List<Opportunity> opportunities, boolean incremental) throws SQLException {
        logScoringChanges(connection, activities, opportunities, incremental);
        batch(connection, dialect.upsert("account", ACCOUNT_COLUMNS, List.of("crm_id")), accounts,
                (ps, a) -> bind(ps, a.crmId(), a.name(), a.segment(), a.industry(), a.arr(), a.seatsLicensed(),
                        a.contractStart(), a.renewalDate(), a.ownerId(), a.createdAt(), a.systemModstamp(),
                        toJson(a.crmFields()), false, a.domain()));
        EchoedAccounts.forget(connection, accounts);
        sources.upsertActivities(connection, activities);
        batch(connection, dialect.upsert("opportunity", OPPORTUNITY_COLUMNS, List.of("crm_id")), opportunities,
                (ps, o) -> bind(ps, o.crmId(), o.accountId(), o.name(), o.stageName(), o.type(), o.amount(),
                        o.createdAt(), o.closeDate(), o.closed(), o.won(), false));
    }

    /**
     * Logs the accounts whose scoring inputs these records change (see {@link ScoringChangeLog}): before they are
     * stored, so that an activity or opportunity moved to another account is logged under the one it leaves too.
     */
    private void logScoringChanges(Connection connection, List<Activity> activities,
                                   List<Opportunity> opportunities, boolean incremental) throws SQLException {
        if (activities.isEmpty() && opportunities.isEmpty()) {
            return;
        }
        if (!incremental) {
            ScoringChangeLog.everyAccount(connection);
            return;
        }
        List<String> touched = new ArrayList<>();
        activities.forEach(a -> touched.add(a.accountId()));
        opportunities.forEach(o -> touched.add(o.accountId()));
        touched.addAll(ScoringChangeLog.activityOwnersNow(connection, dialect, activities));
        touched.addAll(ScoringChangeLog.ownersNow(connection, dialect, "opportunity", List.of("crm_id"),
                opportunities.stream().map(o -> new Object[] {o.crmId()}).toList()));
        ScoringChangeLog.accounts(connection, touched);
    }

    /** Whether healthsync has written any Account field: only then can a pulled Account be our echo. */
    private static boolean anyAccountWritten(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM written_record WHERE sobject = 'Account' FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Whether any record of this Salesforce object is quarantined: only then can a stored record clear one. */
    private static boolean anyQuarantined(Connection connection, String objectName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM quarantine WHERE source = ? AND object_name = ? FETCH FIRST 1 ROWS ONLY")) {
            bind(ps, SalesforceRecordMapper.SOURCE, objectName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Accounts whose pulled version differs from the stored one only in the fields healthsync writes, and
     * there holds exactly what healthsync last wrote: the CRM sending our own writes back. Told by
     * {@link AccountEchoes} from two lookups per pulled Account (a large pull reads both tables once instead: see
     * {@link #echoCheck}).
     */
    private PageEchoes echoesOfOurWrites(Connection connection, List<Account> pulled) throws SQLException {
        if (pulled.isEmpty() || !anyAccountWritten(connection)) {
            return PageEchoes.NONE; // a first pull: nothing of ours to echo, and two lookups a record saved (200,000 at 100,000)
        }
        // one lookup by key per record: an IN list over a composite key is scanned by H2, not looked up
        AccountEchoes echoes = new AccountEchoes();
        try (PreparedStatement accounts = connection.prepareStatement("SELECT " + String.join(", ", ACCOUNT_COLUMNS)
                + " FROM account WHERE crm_id = ? AND is_deleted = FALSE");
             PreparedStatement written = connection.prepareStatement("SELECT fields FROM written_record "
                     + "WHERE record_id = ? AND sobject = 'Account'")) {
            WrittenRecord.Reader records = new WrittenRecord.Reader();
            for (Account account : pulled) {
                bind(accounts, account.crmId());
                try (ResultSet rs = accounts.executeQuery()) {
                    if (rs.next()) {
                        echoes.stored(account(rs, new RepeatedValues(),
                                EchoedAccounts.readOne(connection, account.crmId())));
                    }
                }
                bind(written, account.crmId());
                try (ResultSet rs = written.executeQuery()) {
                    if (rs.next()) {
                        records.decode(rs.getString(1), "written_record Account " + account.crmId())
                                .forEach((field, last) -> echoes.written(account.crmId(), field, last.value()));
                    }
                }
            }
        }
        return echoes.withoutUnwritten().echoesOf(pulled);
    }

    /** Deleted records stay as tombstones: never scored or written, and a late re-read cannot revive them. */
    private void storeTombstones(Connection connection, PulledPage page, boolean incremental) throws SQLException {
        String sql = switch (page.object()) {
            case ACCOUNT -> "UPDATE account SET is_deleted = TRUE WHERE crm_id = ?";
            case OPPORTUNITY -> "UPDATE opportunity SET is_deleted = TRUE WHERE crm_id = ?";
            case TASK, EVENT -> "UPDATE activity SET is_deleted = TRUE WHERE source = '"
                    + SalesforceRecordMapper.SOURCE + "." + page.object().apiName() + "' AND source_id = ?";
            case USER -> null;
        };
        if (sql != null && page.object() != SalesforceObject.ACCOUNT) {
            logTombstonedOwners(connection, page, incremental); // a deleted account leaves the accounts scored
        }
        if (sql != null) {
            batch(connection, sql, page.deletedIds(), (ps, id) -> bind(ps, id));
            batch(connection, sql, page.playbookRecordIds(), (ps, id) -> bind(ps, id));
        }
    }

    /** A deleted activity or opportunity changes its account's scoring inputs: logged before the tombstone is stored. */
    private void logTombstonedOwners(Connection connection, PulledPage page, boolean incremental) throws SQLException {
        if (page.deletedIds().isEmpty() && page.playbookRecordIds().isEmpty()) {
            return;
        }
        if (!incremental) {
            ScoringChangeLog.everyAccount(connection);
            return;
        }
        boolean opportunity = page.object() == SalesforceObject.OPPORTUNITY;
        String source = SalesforceRecordMapper.SOURCE + "." + page.object().apiName();
        List<Object[]> keys = new ArrayList<>();
        for (List<String> ids : List.of(page.deletedIds(), page.playbookRecordIds())) {
            ids.forEach(id -> keys.add(opportunity ? new Object[] {id} : new Object[] {source, id}));
        }
        ScoringChangeLog.accounts(connection, ScoringChangeLog.ownersNow(connection, dialect,
                opportunity ? "opportunity" : "activity", opportunity ? List.of("crm_id") : List.of("source", "source_id"),
                keys));
    }

    @Override
    public void backfillBegins(SalesforceObject object) {
        backfillIndexes.setAsideFor(object);
    }

    @Override
    public void backfillsDone() {
        backfillIndexes.restore(BackfillIndexes.SALESFORCE);
    }

    /** For the tests: which indexes a backfill set aside and built again. */
    BackfillIndexes backfillIndexes() {
        return backfillIndexes;
    }

    @Override
    public void markComplete(SalesforceObject object, Instant settledUntil, Instant at) {
        inTransaction(connection -> {
            Optional<String> cursor = sources.cursorIn(connection, SalesforceRecordMapper.SOURCE, object.apiName());
            if (cursor.isPresent()) {
                String settled = SalesforceCursor.fromJson(cursor.get()).settledUpTo(settledUntil).toJson();
                sources.saveCursor(connection, SalesforceRecordMapper.SOURCE, object.apiName(), settled, 0);
            }
            sources.completeIn(connection, SalesforceRecordMapper.SOURCE, object.apiName(), at);
            return null;
        });
    }

    @Override
    public Optional<Instant> lastCompletePull(String objectName) {
        return sources.lastComplete(SalesforceRecordMapper.SOURCE, objectName);
    }

    // ---- HTTP sources (the source seam) ----------------------------------------------------------

    @Override
    public Optional<String> cursor(String source, String stream) {
        return sources.cursor(source, stream);
    }

    @Override
    public AccountIndex accountIndex(String source) {
        return sources.accountIndex(source);
    }

    @Override
    public void store(String source, String stream, MatchedPage page) {
        // once the stream was pulled completely, a page holds changes; before, it is part of the stream's backfill
        boolean incremental = sources.lastComplete(source, stream).isPresent();
        if (!page.usage.isEmpty()) {
            backfillIndexes.setAsideFor("usage_day", source, source + " " + stream); // the first usage pull: built at its end
        }
        if (!incremental) {
            backfillIndexes.backfillWrites("activity", source, source + " " + stream, page.activities.size());
        }
        sources.store(source, stream, page, this::insertQuarantine, incremental);
    }

    @Override
    public void markComplete(String source, String stream, Instant at) {
        sources.markComplete(source, stream, at);
    }

    @Override
    public List<UnmatchedRecord> unmatched(String source) {
        return sources.unmatched(source);
    }

    @Override
    public Optional<String> unmatchedTriedAgainst(String source) {
        return sources.unmatchedTriedAgainst(source);
    }

    @Override
    public void saveUnmatchedTriedAgainst(String source, String fingerprint) {
        sources.saveUnmatchedTriedAgainst(source, fingerprint);
    }

    @Override
    public Optional<BreakerMemory> breaker(String source) {
        return sources.breaker(source);
    }

    @Override
    public void saveBreaker(String source, BreakerMemory state) {
        sources.saveBreaker(source, state);
    }

    /** A source's pull ended, whatever its state: the indexes its backfill set aside are built. */
    @Override
    public void recordRun(SourcePullReport report) {
        sources.recordRun(report);
        backfillIndexes.restore(report.source);
    }

    @Override
    public Map<String, List<UsageDay>> usageByAccount(LocalDate since) {
        return usageByAccount(since, null);
    }

    @Override
    public Map<String, List<UsageDay>> usageByAccount(LocalDate since, AccountRange range) {
        backfillIndexes.restore();
        return sources.usageByAccount(since, range);
    }

    @Override
    public Map<String, List<Subscription>> subscriptionsByAccount() {
        return sources.subscriptionsByAccount(null);
    }

    @Override
    public Map<String, List<Subscription>> subscriptionsByAccount(AccountRange range) {
        return sources.subscriptionsByAccount(range);
    }

    @Override
    public List<Outcome> outcomes() {
        return sources.outcomes();
    }

    @Override
    public List<StreamCursor> cursors(String source) {
        return sources.cursors(source);
    }

    @Override
    public int forgetCursors(String source, String stream) {
        return sources.forgetCursors(source, stream);
    }

    @Override
    public Optional<SourceRun> lastRun(String source) {
        return sources.lastRun(source);
    }

    @Override
    public Optional<Instant> sourceCompleteAt(String source) {
        return sources.sourceCompleteAt(source);
    }

    @Override
    public Map<String, Long> storedCounts(String source) {
        return sources.storedCounts(source);
    }

    @Override
    public int unmatchedCount(String source) {
        return sources.unmatchedCount(source);
    }

    @Override
    public List<String> unmatchedExamples(String source, int limit) {
        return sources.unmatchedExamples(source, limit);
    }

    @Override
    public java.util.Set<String> accountsWithData(String source) {
        return new java.util.HashSet<>(query("SELECT account_id FROM activity WHERE source = ? UNION "
                + "SELECT account_id FROM usage_day WHERE source = ? UNION SELECT account_id FROM subscription WHERE source = ?",
                rs -> rs.getString(1), source, source, source));
    }

    @Override
    public int quarantinedCount(String source) {
        return query("SELECT COUNT(*) FROM quarantine WHERE source = ?", rs -> rs.getInt(1), source).get(0);
    }

    // ---- describe archive ------------------------------------------------------------------------

    @Override
    public Optional<SalesforceDescribeCache.Archived> loadDescribe(String sobject) {
        return query("SELECT body, fetched_at FROM sobject_describe WHERE sobject = ?",
                rs -> new SalesforceDescribeCache.Archived(readJson(rs.getString(1), new TypeReference<SObjectDescribe>() { }),
                        instant(rs, 2)), sobject).stream().findFirst();
    }

    @Override
    public void saveDescribe(String sobject, SObjectDescribe describe, Instant fetchedAt) {
        inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    dialect.upsert("sobject_describe", List.of("sobject", "body", "fetched_at"), List.of("sobject")))) {
                bind(ps, sobject, toJson(describe), fetchedAt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void forgetDescribe(String sobject) {
        inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM sobject_describe WHERE sobject = ?")) {
                bind(ps, sobject);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- read for scoring -------------------------------------------------------------------------

    @Override
    public List<Account> accounts() {
        // held through scoring and planning (100,000 at that size): segments, industries, owners and the values of
        // the CRM fields (bands, picklists) repeat from account to account, and are kept once
        RepeatedValues repeated = new RepeatedValues();
        EchoedAccounts echoed = EchoedAccounts.read(jdbc);
        return queryByKey(String.join(", ", ACCOUNT_COLUMNS), "account WHERE is_deleted = FALSE", List.of("crm_id"),
                rs -> account(rs, repeated, echoed));
    }

    /**
     * An account row as its kept echo, if any, left it (see {@link EchoedAccounts}), its repeating values shared with
     * the rows read before it with the same {@code repeated}.
     */
    private Account account(ResultSet rs, RepeatedValues repeated, EchoedAccounts echoed) throws SQLException {
        Integer seats = (Integer) rs.getObject(6);
        String id = rs.getString(1);
        Map<String, String> crmFields = CrmFieldsJson.read(rs.getString(12), repeated, id);
        Instant modstamp = echoed.applyTo(id, crmFields, largeReadInstant(rs, 11), repeated);
        return new Account(id, rs.getString(2), repeated.of(rs.getString(3)), repeated.of(rs.getString(4)),
                (Double) rs.getObject(5), seats, date(rs, 7), date(rs, 8), repeated.of(rs.getString(9)),
                largeReadInstant(rs, 10), modstamp, crmFields, rs.getString(14));
    }

    @Override
    public Map<String, String> userNames() {
        Map<String, String> names = new LinkedHashMap<>();
        query("SELECT crm_id, name FROM crm_user WHERE name IS NOT NULL ORDER BY crm_id", rs -> {
            names.put(rs.getString(1), rs.getString(2));
            return null;
        });
        return names;
    }

    @Override
    public Map<String, List<Activity>> activitiesByAccount(Instant since) {
        backfillIndexes.restore(); // a pull that ended without building them: read with them all the same
        Map<String, List<Activity>> byAccount = new HashMap<>();
        RepeatedValues repeated = new RepeatedValues();
        queryLarge("SELECT " + String.join(", ", SourceTables.ACTIVITY_COLUMNS) + " FROM activity WHERE occurred_at >= ? "
                + "AND is_deleted = FALSE", rs -> {
            Activity activity = new Activity(repeated.of(rs.getString(1)), rs.getString(2), repeated.of(rs.getString(3)),
                    activityType(rs.getString(4)), repeated.of(rs.getString(5)), repeated.of(rs.getString(6)), instant(rs, 7),
                    repeated.of(rs.getString(8)), (Integer) rs.getObject(9), measures(rs.getString(11), repeated));
            byAccount.computeIfAbsent(activity.accountId(), k -> new ArrayList<>()).add(activity);
            return null;
        }, since);
        return byAccount;
    }

    /** activity_by_account's columns: all that scoring reads of an activity (see {@link BackfillIndexes}). */
    private static final String SCORING_ACTIVITY_COLUMNS = String.join(", ", BackfillIndexes.ACTIVITY_BY_ACCOUNT);

    @Override
    public Map<String, List<Activity>> scoringActivities(Instant since, AccountRange range) {
        backfillIndexes.restore();
        RowsByAccount<Activity> byAccount = new RowsByAccount<>();
        RepeatedValues repeated = new RepeatedValues();
        queryLarge("SELECT " + SCORING_ACTIVITY_COLUMNS + " FROM activity WHERE occurred_at >= ? AND is_deleted = FALSE"
                + AccountRange.sql("AND", range), rs -> {
            String account = byAccount.account(rs.getString(1));
            byAccount.add(new Activity(repeated.of(rs.getString(4)), null, account, activityType(rs.getString(5)),
                    repeated.of(rs.getString(6)), repeated.of(rs.getString(7)), largeReadInstant(rs, 2), null, null,
                    measures(rs.getString(8), repeated)));
            return null;
        }, AccountRange.params(range, since));
        return byAccount.byAccount();
    }

    /**
     * A timestamp of a row in the large reads (scoring reads 1.6 million activities, 250,000 opportunities and
     * 100,000 accounts at 100,000 accounts). H2 hands an Instant straight from its value, where {@link Jdbc#instant}
     * has it make a LocalDateTime and an OffsetDateTime first: reading the activities' times took 1.2 s instead of
     * 1.4 s in a harness over a bench store. PostgreSQL's driver does not convert to Instant.
     */
    private Instant largeReadInstant(ResultSet rs, int column) throws SQLException {
        return dialect == SqlDialect.H2 ? rs.getObject(column, Instant.class) : instant(rs, column);
    }

    private static ActivityType activityType(String key) {
        return key == null ? null : ActivityType.fromKey(key).orElse(ActivityType.OTHER);
    }

    private static Map<String, Double> measures(String json, RepeatedValues names) {
        return json == null ? Map.of() : CompactJsonNumbers.measures(json, names);
    }

    @Override
    public Map<String, List<Opportunity>> opportunitiesByAccount() {
        return opportunitiesByAccount(null);
    }

    @Override
    public Map<String, List<Opportunity>> opportunitiesByAccount(AccountRange range) {
        backfillIndexes.restore();
        Map<String, List<Opportunity>> byAccount = new HashMap<>();
        query("SELECT " + String.join(", ", OPPORTUNITY_COLUMNS) + " FROM opportunity WHERE is_deleted = FALSE"
                + AccountRange.sql("AND", range), rs -> {
            Opportunity o = new Opportunity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), (Double) rs.getObject(6), largeReadInstant(rs, 7), date(rs, 8), rs.getBoolean(9),
                    rs.getBoolean(10));
            byAccount.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(o);
            return null;
        }, AccountRange.params(range));
        return byAccount;
    }

    @Override
    public int saveScores(List<HealthScore> scores, Instant computedAt) {
        // a score stored exactly as it is now (the same day, signals and drivers) is not written again: its
        // computed_at stays when it was first computed, as Health_Updated__c in the CRM says when it last changed
        Map<String, Long> stored = new HashMap<>();
        queryByKey("account_id, fingerprint", "health_score WHERE fingerprint IS NOT NULL", List.of("account_id"), rs -> {
            stored.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        // the fingerprint is taken from the records' fields, not their JSON: the JSON of every account held at once
        // (110 MB at 100,000 accounts) made the collector the cost; it is made per row as the batch binds it
        List<FingerprintedScore> changed = new ArrayList<>();
        for (HealthScore s : scores) {
            long fingerprint = ScoreFingerprint.of(s);
            Long before = stored.get(s.accountId());
            if (before == null || before != fingerprint) {
                changed.add(new FingerprintedScore(s, fingerprint));
            }
        }
        // in parts, as results are: 100,000 scores in one transaction made H2's commit, which reads back every page
        // it changed, cost more than the writes. A crash between parts leaves the rest of the accounts with their
        // previous score until the next run, which scores every account again.
        for (List<FingerprintedScore> part : parts(changed)) {
            inTransaction(connection -> {
                saveScorePart(connection, part, computedAt);
                return null;
            });
        }
        return changed.size();
    }

    private void saveScorePart(Connection connection, List<FingerprintedScore> part, Instant computedAt)
            throws SQLException {
        List<String> columns = new ArrayList<>(SCORE_COLUMNS);
        columns.add("fingerprint");
        batch(connection, dialect.upsert("health_score", columns, List.of("account_id")), part, (ps, f) -> {
            HealthScore s = f.score();
            bind(ps, s.accountId(), s.asOf(), s.score(), s.band().name(), ScoreJson.drivers(s.drivers()),
                    ScoreJson.signals(s.signals()), s.modelVersion(), computedAt, s.churnProbability(),
                    s.expansionProbability(), f.fingerprint());
        });
        batch(connection, dialect.upsert("score_history", HISTORY_COLUMNS, List.of("as_of", "account_id")), part,
                (ps, f) -> bind(ps, f.score().asOf(), f.score().accountId(), f.score().score(),
                        f.score().band().name(), f.score().modelVersion()));
    }

    private static final List<String> HISTORY_COLUMNS = List.of("as_of", "account_id", "score", "band", "model_version");

    /** Rows written in one transaction at most where a write may take several: see {@link SqlDialect#rowsPerTransaction()}. */
    int rowsPerTransaction() {
        return dialect.rowsPerTransaction();
    }

    /** {@code rows} cut into parts of rowsPerTransaction() at most; one empty part when there are none. */
    private <T> List<List<T>> parts(List<T> rows) {
        int size = rowsPerTransaction();
        List<List<T>> parts = new ArrayList<>();
        int from = 0;
        do {
            parts.add(rows.subList(from, Math.min(rows.size(), from + size)));
            from += size;
        } while (from < rows.size());
        return parts;
    }

    /** A score to write, with the fingerprint stored beside it. */
    private record FingerprintedScore(HealthScore score, long fingerprint) {
    }

    @Override
    public Optional<io.healthsync.scoring.scorecard.CohortReference> cohortReference(LocalDate day) {
        Map<String, Map<io.healthsync.model.Signal, double[]>> byCohort = new LinkedHashMap<>();
        int[] minCohortSize = {-1};
        query("SELECT cohort, signal_key, min_cohort_size, ranked_values FROM cohort_reference WHERE as_of = ?", rs -> {
            String cohort = rs.getString(1);
            String key = rs.getString(2);
            minCohortSize[0] = rs.getInt(3);
            byte[] ranked = rs.getBytes(4);
            // a signal this build does not know (a newer build's) has no data here: left out
            io.healthsync.model.Signal.fromKey(key).ifPresent(signal -> byCohort.computeIfAbsent(cohort,
                    c -> new java.util.EnumMap<>(io.healthsync.model.Signal.class)).put(signal,
                    RankedValues.decode(ranked, "cohort_reference " + day + " " + cohort + " " + key)));
            return null;
        }, day);
        return byCohort.isEmpty() ? Optional.empty()
                : io.healthsync.scoring.scorecard.CohortReference.restore(day, minCohortSize[0], byCohort);
    }

    @Override
    public void saveCohortReference(io.healthsync.scoring.scorecard.CohortReference reference) {
        List<Object[]> rows = new ArrayList<>();
        reference.sortedByCohort().forEach((cohort, bySignal) -> bySignal.forEach((signal, sorted) ->
                rows.add(new Object[] {reference.day(), cohort, signal.key(), reference.minCohortSize(),
                        RankedValues.encode(sorted)})));
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cohort_reference")) {
                delete.executeUpdate();
            }
            batch(connection, "INSERT INTO cohort_reference (as_of, cohort, signal_key, min_cohort_size, ranked_values) "
                    + "VALUES (?, ?, ?, ?, ?)", rows, Jdbc::bind);
            return null;
        });
    }

    /** Accounts per signal_block row. */
    static final int SIGNAL_BLOCK_ACCOUNTS = 1_000;

    @Override
    public Optional<SignalSnapshot> signalSnapshot(LocalDate asOf, String inputsKey) {
        return inTransaction(connection -> {
            Optional<SignalSnapshot> head = snapshotHead(connection);
            if (head.isEmpty() || !head.get().asOf().equals(asOf) || !head.get().inputsKey().equals(inputsKey)) {
                return head; // another day's or other inputs': its blocks are of no use, and not read
            }
            Map<String, SignalSnapshot.Entry> entries = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT block, signals FROM signal_block ORDER BY block");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SignalBlock.decode(rs.getBytes(2), "signal_block " + rs.getInt(1))
                            .forEach(e -> entries.put(e.signals().accountId(), e));
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT account_id, signals FROM signal_delta");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SignalBlock.decode(rs.getBytes(2), "signal_delta " + rs.getString(1))
                            .forEach(e -> entries.put(e.signals().accountId(), e));
                }
            }
            // a save commits its head and blocks together: one that came between the two reads shows in the head
            if (snapshotHead(connection).map(SignalSnapshot::generation).orElse(-1L) != head.get().generation()) {
                return head;
            }
            return Optional.of(new SignalSnapshot(asOf, inputsKey, head.get().generation(), new ArrayList<>(entries.values())));
        });
    }

    /** The snapshot's day, inputs and generation, without its entries. */
    private static Optional<SignalSnapshot> snapshotHead(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT as_of, inputs_key, generation FROM signal_snapshot WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new SignalSnapshot(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3), List.of()))
                    : Optional.empty();
        }
    }

    @Override
    public SignalSnapshot.Changes scoringChanges() {
        java.util.Set<String> accounts = new java.util.HashSet<>();
        List<Long> rows = new ArrayList<>();
        boolean[] everyAccount = {false};
        query("SELECT seq, account_id FROM scoring_change", rs -> {
            rows.add(rs.getLong(1));
            String account = rs.getString(2);
            if (account == null) {
                everyAccount[0] = true;
            } else {
                accounts.add(account);
            }
            return null;
        });
        return new SignalSnapshot.Changes(accounts, everyAccount[0], rows);
    }

    @Override
    public boolean saveSignalSnapshot(SignalSnapshot snapshot, java.util.Set<String> reread, SignalSnapshot.Changes taken) {
        return inTransaction(connection -> {
            int updated;
            try (PreparedStatement ps = connection.prepareStatement("UPDATE signal_snapshot SET as_of = ?, inputs_key = ?, "
                    + "generation = generation + 1 WHERE id = 1 AND generation = ?")) {
                bind(ps, snapshot.asOf(), snapshot.inputsKey(), snapshot.generation());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                if (snapshot.generation() != 0 || snapshotHead(connection).isPresent()) {
                    return false; // another scoring saved since this one read the snapshot: its changes stay logged
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO signal_snapshot (id, as_of, inputs_key, generation) VALUES (1, ?, ?, 1)")) {
                    bind(ps, snapshot.asOf(), snapshot.inputsKey());
                    ps.executeUpdate();
                }
            }
            List<SignalSnapshot.Entry> entries = snapshot.entries();
            int deltaRows = reread == null ? 0 : countIn(connection, "SELECT COUNT(*) FROM signal_delta");
            if (reread != null && deltaRows + reread.size() <= Math.max(SIGNAL_BLOCK_ACCOUNTS, entries.size() / 4)) {
                // a later run's few accounts: one row each beside the blocks (a 5% drift at 100,000 accounts rewrote
                // 30 MB of blocks in 1.4-1.7 s, for 5,000 accounts' signals)
                List<SignalSnapshot.Entry> changed = entries.stream().filter(e -> reread.contains(e.signals().accountId()))
                        .toList();
                batch(connection, dialect.upsert("signal_delta", List.of("account_id", "signals"), List.of("account_id")),
                        changed, (ps, e) -> bind(ps, e.signals().accountId(), SignalBlock.encode(List.of(e))));
            } else {
                List<Object[]> blocks = new ArrayList<>();
                for (int from = 0; from < entries.size(); from += SIGNAL_BLOCK_ACCOUNTS) {
                    blocks.add(new Object[] {blocks.size(),
                            SignalBlock.encode(entries.subList(from, Math.min(entries.size(), from + SIGNAL_BLOCK_ACCOUNTS)))});
                }
                for (String table : List.of("signal_block", "signal_delta")) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table)) {
                        delete.executeUpdate();
                    }
                }
                batch(connection, "INSERT INTO signal_block (block, signals) VALUES (?, ?)", blocks, Jdbc::bind);
            }
            batch(connection, "DELETE FROM scoring_change WHERE seq = ?", taken.rows(), (ps, seq) -> bind(ps, seq));
            return true;
        });
    }

    private static int countIn(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public Optional<StoredScore> latestScore(String accountId) {
        return query("SELECT " + String.join(", ", SCORE_COLUMNS) + " FROM health_score WHERE account_id = ?",
                rs -> new StoredScore(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getDouble(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(9, Double.class),
                        rs.getObject(10, Double.class), rs.getString(7), instant(rs, 8)), accountId)
                .stream().findFirst();
    }

    @Override
    public Optional<javax.sql.DataSource> sharedDatabase() {
        return dialect == SqlDialect.POSTGRESQL ? Optional.of(dataSource) : Optional.empty();
    }

    @Override
    public void checkReachable() {
        query("SELECT 1", rs -> rs.getInt(1));
    }

    /** Accounts per score_backfill row. */
    static final int SCORES_PER_BLOCK = 1_000;

    @Override
    public void saveScoreHistory(List<HealthScore> scores) {
        // estimated past days go to score_backfill in blocks of accounts (V17): 1.1 million rows a first run at
        // 100,000 accounts took H2 some 7 s to insert into score_history, and the plan as long to read back
        Map<LocalDate, List<HealthScore>> byDay = new java.util.TreeMap<>();
        scores.forEach(s -> byDay.computeIfAbsent(s.asOf(), d -> new ArrayList<>()).add(s));
        byDay.forEach((day, dayScores) -> {
            try {
                saveBackfilledDay(day, dayScores);
            } catch (StoreException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                saveBackfilledDay(day, dayScores); // another run estimated the day meanwhile: merged with theirs
            }
        });
    }

    /**
     * One day's estimated scores, with the day's blocks already stored: an account stored there and not among these
     * keeps its score, the others take these. The day is rewritten whole in one transaction.
     */
    private void saveBackfilledDay(LocalDate day, List<HealthScore> scores) {
        inTransaction(connection -> {
            Map<String, ScoreBlock.Entry> stored = new HashMap<>();
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT first_account, scores FROM score_backfill WHERE as_of = ?")) {
                bind(read, day);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        ScoreBlock.decode(rs.getBytes(2), "score_backfill " + day + " " + rs.getString(1))
                                .forEach(entry -> stored.put(entry.accountId(), entry));
                    }
                }
            }
            List<ScoreBlock.Entry> sorted = new ArrayList<>(scores.size() + stored.size());
            for (HealthScore s : scores) {
                if (!stored.isEmpty()) { // a first run stores none: no key hashed 1.1 million times for nothing
                    stored.remove(s.accountId());
                }
                sorted.add(new ScoreBlock.Entry(s.accountId(), s.score(), s.band(), s.modelVersion()));
            }
            sorted.addAll(stored.values());
            // the scores come in the accounts' order, so this sort is mostly one pass (a tree map of 100,000 ids a
            // day, 11 days on a first run, was a tenth of storing them)
            sorted.sort(java.util.Comparator.comparing(ScoreBlock.Entry::accountId));
            sorted = lastOfEachAccount(sorted);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM score_backfill WHERE as_of = ?")) {
                bind(delete, day);
                delete.executeUpdate();
            }
            List<List<ScoreBlock.Entry>> blocks = new ArrayList<>();
            for (int from = 0; from < sorted.size(); from += SCORES_PER_BLOCK) {
                blocks.add(sorted.subList(from, Math.min(sorted.size(), from + SCORES_PER_BLOCK)));
            }
            batch(connection, "INSERT INTO score_backfill (as_of, first_account, scores) VALUES (?, ?, ?)", blocks,
                    (ps, block) -> bind(ps, day, block.get(0).accountId(), ScoreBlock.encode(block)));
            return null;
        });
    }

    /** Entries sorted by account with one per account: the last given of each (as a map keyed by account keeps). */
    private static List<ScoreBlock.Entry> lastOfEachAccount(List<ScoreBlock.Entry> sorted) {
        List<ScoreBlock.Entry> kept = new ArrayList<>(sorted.size());
        for (ScoreBlock.Entry entry : sorted) {
            if (!kept.isEmpty() && kept.get(kept.size() - 1).accountId().equals(entry.accountId())) {
                kept.set(kept.size() - 1, entry);
            } else {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** A unique key violation (SQLState 23505 in H2 and PostgreSQL), wherever it is in the causes. */
    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if ("23505".equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public java.util.Set<LocalDate> scoredDays(java.util.Collection<LocalDate> days) {
        // one seek a day in the key (day, account); DISTINCT over a date range read every row of it
        java.util.Set<LocalDate> scored = new java.util.HashSet<>();
        for (LocalDate day : days) {
            if (!query("SELECT 1 FROM score_history WHERE as_of = ? FETCH FIRST 1 ROWS ONLY", rs -> true, day).isEmpty()
                    || !query("SELECT 1 FROM score_backfill WHERE as_of = ? FETCH FIRST 1 ROWS ONLY", rs -> true, day)
                    .isEmpty()) {
                scored.add(day);
            }
        }
        return scored;
    }

    @Override
    public Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> scoreHistory(LocalDate since, LocalDate before) {
        Map<String, List<io.healthsync.scoring.playbooks.ScorePoint>> byAccount = new HashMap<>();
        Object[] range = before == null ? new Object[] {since} : new Object[] {since, before};
        String inRange = "as_of >= ?" + (before == null ? "" : " AND as_of < ?");
        // the estimated days first, a day's blocks at a time (some 3 MB at 100,000 accounts), then the scored days
        List<LocalDate> estimated = query("SELECT DISTINCT as_of FROM score_backfill WHERE " + inRange + " ORDER BY as_of",
                rs -> date(rs, 1), range);
        for (LocalDate day : estimated) {
            query("SELECT first_account, scores FROM score_backfill WHERE as_of = ?", rs -> {
                for (ScoreBlock.Entry entry : ScoreBlock.decode(rs.getBytes(2), "score_backfill " + day + " " + rs.getString(1))) {
                    byAccount.computeIfAbsent(entry.accountId(), k -> new ArrayList<>()).add(
                            new io.healthsync.scoring.playbooks.ScorePoint(day, entry.score(), entry.band()));
                }
                return null;
            }, day);
        }
        // a month of days shared by every account's points: 1.2 million rows at 100,000 accounts, some 30 dates
        Map<LocalDate, LocalDate> days = new HashMap<>();
        // in the key's order (day, account): a range of the table, each account's points coming in date order
        queryByKey("account_id, as_of, score, band", "score_history WHERE " + inRange, List.of("as_of", "account_id"),
                rs -> {
                    LocalDate day = date(rs, 2);
                    byAccount.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new io.healthsync.scoring.playbooks.ScorePoint(days.computeIfAbsent(day, d -> d), rs.getDouble(3),
                                    io.healthsync.model.Band.valueOf(rs.getString(4))));
                    return null;
                }, range);
        if (!estimated.isEmpty()) { // a scored day before an estimated one came after it
            byAccount.values().forEach(points -> points.sort(
                    java.util.Comparator.comparing(io.healthsync.scoring.playbooks.ScorePoint::date)));
        }
        return byAccount;
    }

    // ---- writeback --------------------------------------------------------------------------------

    @Override
    public Map<String, Map<String, WrittenValue>> writtenFields(String sobject) {
        Map<String, Map<String, WrittenValue>> byRecord = new HashMap<>();
        // 100,000 records (400,000 fields) at 100,000 accounts, held through the plan
        WrittenRecord.Reader records = new WrittenRecord.Reader();
        queryByKey("record_id, fields", "written_record WHERE sobject = ?", List.of("record_id"), rs -> {
                    String id = rs.getString(1);
                    Map<String, WrittenValue> fields = new HashMap<>(8);
                    records.decode(rs.getString(2), "written_record " + sobject + " " + id)
                            .forEach((field, written) -> fields.put(field, written.written()));
                    byRecord.put(id, fields);
                    return null;
                }, sobject);
        return byRecord;
    }

    /**
     * The plan's writes first, in parts, then its row with its playbook actions and the supersede in one last
     * transaction. The writes are no one's until that row is stored (every reader finds a plan's writes by it), so the
     * plan appears whole or not at all. One transaction of a 100,000-record plan (120 MB of writes) made H2's commit,
     * which reads back every page it changed, most of saving it. A save that fails deletes the writes it stored; a
     * crash in between leaves rows that no plan names, under an id never used again.
     */
    @Override
    public void savePlan(WritebackPlan plan) {
        if (!query("SELECT 1 FROM writeback_plan WHERE id = ?", rs -> true, plan.id()).isEmpty()) {
            throw new StoreException("plan " + plan.id() + " is stored already: a plan is saved once", null);
        }
        // the write's state (updated as apply goes) and what it changes (written once) in tables of their own, both
        // keyed by the write's place in the plan
        List<PlannedWrite> writes = plan.allWrites();
        List<Integer> seqs = java.util.stream.IntStream.range(0, writes.size()).boxed().toList();
        try {
            for (List<Integer> part : parts(seqs)) {
                inTransaction(connection -> {
                    batch(connection, "INSERT INTO outbox (plan_id, seq, sobject, record_id, status, attempts, "
                                    + "updated_at) VALUES (?, ?, ?, ?, 'planned', 0, ?)", part,
                            (ps, seq) -> bind(ps, plan.id(), seq, writes.get(seq).sobject(), writes.get(seq).recordId(),
                                    plan.createdAt()));
                    batch(connection, "INSERT INTO outbox_change (plan_id, seq, changes) VALUES (?, ?, ?)", part,
                            (ps, seq) -> bind(ps, plan.id(), seq, toJson(writes.get(seq))));
                    return null;
                });
            }
            inTransaction(connection -> {
                savePlanRow(connection, plan);
                return null;
            });
        } catch (RuntimeException e) {
            try {
                inTransaction(connection -> {
                    for (String table : List.of("outbox", "outbox_change")) {
                        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table
                                + " WHERE plan_id = ?")) {
                            bind(ps, plan.id());
                            ps.executeUpdate();
                        }
                    }
                    return null;
                });
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The plan's row and playbook actions, and the older plans superseded: what makes its stored writes a plan. */
    private void savePlanRow(Connection connection, WritebackPlan plan) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO writeback_plan (id, created_at, as_of, status, summary) VALUES (?, ?, ?, ?, ?)")) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("accountsConsidered", plan.accountsConsidered());
            summary.put("problems", plan.problems());
            // examples only: a plan on 100k accounts may suppress most of them, and the reasons repeat
            summary.put("skipped", plan.skipped().subList(0, Math.min(SKIPPED_KEPT, plan.skipped().size())));
            bind(ps, plan.id(), plan.createdAt(), plan.asOf(), "planned", toJson(summary));
            ps.executeUpdate();
        }
        playbookActions.save(connection, plan.id(), plan.asOf(), plan.actions(), plan.createdAt());
        // a newer plan decides from newer data: applying an older one would move the CRM backwards
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE writeback_plan SET superseded_by = ? WHERE id <> ? AND superseded_by IS NULL")) {
            bind(ps, plan.id(), plan.id());
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<WritebackPlan> plan(String planId) {
        return query("SELECT id, as_of, created_at, summary FROM writeback_plan WHERE id = ?",
                rs -> loadPlan(rs.getString(1), date(rs, 2), instant(rs, 3), rs.getString(4)), planId)
                .stream().findFirst();
    }

    @Override
    public Optional<WritebackPlan> latestPlan() {
        return query("SELECT id FROM writeback_plan ORDER BY created_at DESC, id DESC", rs -> rs.getString(1))
                .stream().findFirst().flatMap(this::plan);
    }

    private WritebackPlan loadPlan(String id, LocalDate asOf, Instant createdAt, String summaryJson) {
        Map<String, Object> summary = readJson(summaryJson, new TypeReference<>() { });
        List<PlannedWrite> writes = query("SELECT changes FROM outbox_change WHERE plan_id = ? ORDER BY seq",
                rs -> readJson(rs.getString(1), new TypeReference<PlannedWrite>() { }), id);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) summary.getOrDefault("problems", List.of());
        int considered = ((Number) summary.getOrDefault("accountsConsidered", 0)).intValue();
        List<io.healthsync.scoring.playbooks.SkippedAction> skipped = readJson(toJson(summary.getOrDefault("skipped", List.of())),
                new TypeReference<List<io.healthsync.scoring.playbooks.SkippedAction>>() { });
        List<io.healthsync.scoring.playbooks.PlannedAction> actions = playbookActions.ofPlan(id).stream()
                .map(StoredAction::action).toList();
        return new WritebackPlan(id, asOf, createdAt, considered, writes.stream().filter(w -> !w.isUpsert()).toList(),
                problems, actions, skipped, writes.stream().filter(PlannedWrite::isUpsert).toList());
    }

    @Override
    public Optional<String> supersededBy(String planId) {
        return query("SELECT superseded_by FROM writeback_plan WHERE id = ? AND superseded_by IS NOT NULL",
                rs -> rs.getString(1), planId).stream().findFirst();
    }

    @Override
    public List<PlannedWrite> pendingWrites(String planId) {
        return queryLarge("SELECT c.changes FROM outbox o JOIN outbox_change c ON c.plan_id = o.plan_id AND c.seq = o.seq "
                        + "WHERE o.plan_id = ? AND o.status <> 'written' ORDER BY o.seq",
                rs -> readJson(rs.getString(1), new TypeReference<PlannedWrite>() { }), planId);
    }

    @Override
    public boolean anyWritten(String planId) {
        return !query(OF_PLAN_WITH_STATUS, rs -> true, planId, "written").isEmpty();
    }

    /**
     * A plan's rows of one status. Whether a plan still has rows to write is asked after every batch: one lookup
     * in outbox_by_plan_status per unwritten status (planned, failed), never a read of the rows already written,
     * so each batch costs the same however large the plan. ({@code status <> 'written'} and
     * {@code status IN (...)} both make H2 read all of the plan's rows.)
     */
    static final String OF_PLAN_WITH_STATUS = "SELECT 1 FROM outbox WHERE plan_id = ? AND status = ?";

    @Override
    public void recordResults(String planId, List<PlannedWrite> batch, List<WriteResult> results, Instant at) {
        Map<String, PlannedWrite> byId = new LinkedHashMap<>();
        batch.forEach(w -> byId.put(w.recordId(), w));
        // a bulk job's 100,000 results in one transaction made H2's commit alone cost more than the updates; in
        // parts, each part's statuses and written fields are stored together, and a part lost to a crash leaves
        // its records planned, to be written (idempotently) again by the next apply
        for (List<WriteResult> part : parts(results)) {
            recordPart(planId, byId, part, at);
        }
    }

    /**
     * The new baseline of each record written: its fields as written now, beside the fields an earlier write set and
     * this one left alone (a plan writes only what changed), one row a record. PostgreSQL's upsert keeps the earlier
     * fields itself; on H2 each record's earlier row is looked up by its key (embedded: no round trips) and merged.
     */
    private void recordWritten(Connection connection, List<PlannedWrite> written, String planId, Instant at)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>(written.size());
        try (PreparedStatement earlier = dialect.mergesWrittenFields() ? null : connection.prepareStatement(
                "SELECT fields FROM written_record WHERE record_id = ? AND sobject = ?")) {
            for (PlannedWrite w : written) {
                Map<String, WrittenRecord.Field> fields = new HashMap<>();
                if (earlier != null) {
                    bind(earlier, w.recordId(), w.sobject());
                    try (ResultSet rs = earlier.executeQuery()) {
                        if (rs.next()) {
                            fields.putAll(WrittenRecord.decode(rs.getString(1), "written_record " + w.sobject() + " "
                                    + w.recordId()));
                        }
                    }
                }
                w.payload().forEach((field, value) -> fields.put(field, new WrittenRecord.Field(String.valueOf(value),
                        w.basis().get(field), planId, at)));
                rows.add(new Object[] {w.recordId(), w.sobject(), WrittenRecord.encode(fields)});
            }
        }
        batch(connection, dialect.upsertWrittenRecord(), rows, Jdbc::bind);
    }

    private void recordPart(String planId, Map<String, PlannedWrite> byId, List<WriteResult> results, Instant at) {
        inTransaction(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE outbox SET status = ?, error_code = ?, "
                    + "error_message = ?, attempts = attempts + 1, updated_at = ? "
                    + "WHERE plan_id = ? AND sobject = ? AND record_id = ?")) {  // the whole key: one index lookup
                for (WriteResult r : results) {
                    String sobject = byId.containsKey(r.recordId()) ? byId.get(r.recordId()).sobject() : "Account";
                    bind(ps, r.success() ? "written" : "failed", r.errorCode(), truncate(r.message(), 2000), at,
                            planId, sobject, r.recordId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            playbookActions.recordResults(connection, planId, results.stream()
                    .filter(r -> byId.containsKey(r.recordId()) && byId.get(r.recordId()).isUpsert()).toList(), at);
            List<PlannedWrite> written = new ArrayList<>();
            for (WriteResult r : results) {
                PlannedWrite w = byId.get(r.recordId());
                if (r.success() && w != null && !w.isUpsert()) { // a Task or Opportunity is created once, never diffed
                    written.add(w);
                }
            }
            recordWritten(connection, written, planId, at);
            settlePlanStatus(connection, planId);
            return null;
        });
    }

    @Override
    public void settlePlanStatus(String planId) {
        inTransaction(connection -> {
            settlePlanStatus(connection, planId);
            return null;
        });
    }

    private static void settlePlanStatus(Connection connection, String planId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE writeback_plan SET status = CASE WHEN "
                + "EXISTS (" + OF_PLAN_WITH_STATUS + ") OR EXISTS (" + OF_PLAN_WITH_STATUS + ") "
                + "THEN 'partial' ELSE 'applied' END WHERE id = ?")) {
            bind(ps, planId, "planned", planId, "failed", planId);
            ps.executeUpdate();
        }
    }

    @Override
    public List<StoredAction> playbookActions() {
        return playbookActions.all();
    }

    @Override
    public List<ActionOutcome> actionOutcomes(LocalDate since) {
        return playbookActions.outcomesSince(since);
    }

    @Override
    public List<StoredAction> playbookActions(String planId) {
        return playbookActions.ofPlan(planId);
    }

    @Override
    public List<StoredAction> pendingLogOnly(String planId) {
        return playbookActions.pendingLogOnly(planId);
    }

    @Override
    public void markLogged(java.util.Collection<String> keys, String planId, Instant at) {
        playbookActions.markLogged(keys, planId, at);
    }

    @Override
    public int markAllLogOnlyLogged(String planId, Instant at) {
        return markAllLogOnlyLogged(planId, at, rowsPerTransaction());
    }

    int markAllLogOnlyLogged(String planId, Instant at, int rowsPerTransaction) {
        return playbookActions.markAllLogOnlyLogged(planId, at, rowsPerTransaction);
    }

    @Override
    public Map<String, Integer> outboxCounts(String planId, boolean playbookRecords) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        query("SELECT status, COUNT(*) FROM outbox WHERE plan_id = ? AND " + kindOf(playbookRecords)
                + " GROUP BY status ORDER BY status", rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
            return null;
        }, planId);
        return counts;
    }

    /** The outbox rows of the Account updates, or of the playbooks' Task and Opportunity upserts. */
    private static String kindOf(boolean playbookRecords) {
        return playbookRecords ? "sobject IN ('Task', 'Opportunity')" : "sobject NOT IN ('Task', 'Opportunity')";
    }

    @Override
    public Map<String, String> failedWrites(String planId, boolean playbookRecords) {
        Map<String, String> failed = new LinkedHashMap<>();
        query("SELECT record_id, error_code, error_message FROM outbox WHERE plan_id = ? AND status = 'failed' AND "
                + kindOf(playbookRecords) + " ORDER BY seq", rs -> {
            failed.put(rs.getString(1), rs.getString(2) + ": " + rs.getString(3));
            return null;
        }, planId);
        return failed;
    }

    // ---- quarantine and reports -------------------------------------------------------------------

    @Override
    public void quarantine(List<QuarantinedRecord> records) {
        inTransaction(connection -> {
            insertQuarantine(connection, records);
            return null;
        });
    }

    /**
     * One row per record: a record quarantined again (the same version re-read, or a newer one that still
     * fails) replaces its earlier row. A record without an Id is keyed by its payload's hash.
     */
    private void insertQuarantine(Connection connection, List<QuarantinedRecord> records) throws SQLException {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (QuarantinedRecord q : records) {
            String key = q.recordId() != null ? q.recordId() : "(no Id) " + sha256(q.payload()).substring(0, 16);
            rows.add(new Object[] {q.source(), q.objectName(), key, q.modstamp() == null ? Instant.EPOCH : q.modstamp(),
                    truncate(q.reason(), 2000), truncate(q.payload(), MAX_TEXT), now});
        }
        batch(connection, DELETE_QUARANTINED, rows,
                (ps, r) -> bind(ps, r[0], r[1], r[2]));
        batch(connection, dialect.upsert("quarantine", List.of("source", "object_name", "record_id", "modstamp",
                "reason", "payload", "created_at"), List.of("source", "object_name", "record_id", "modstamp")),
                rows, Jdbc::bind);
    }

    @Override
    public int quarantinedCount() {
        return query("SELECT COUNT(*) FROM quarantine", rs -> rs.getInt(1)).get(0);
    }

    @Override
    public List<QuarantinedRecord> recentQuarantine(int limit) {
        return query("SELECT source, object_name, record_id, modstamp, reason, payload FROM quarantine "
                        + "ORDER BY created_at DESC, record_id FETCH FIRST ? ROWS ONLY",
                rs -> new QuarantinedRecord(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                        rs.getString(5), rs.getString(6)), limit);
    }

    @Override
    public long activityCount() {
        return query("SELECT COUNT(*) FROM activity", rs -> rs.getLong(1)).get(0);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean isEmpty() {
        return query("SELECT COUNT(*) FROM source_cursor", rs -> rs.getLong(1)).get(0) == 0;
    }

    /** "H2 /data/healthsync" for an embedded file, else the URL without its settings (they may hold a password). */
    static String describe(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            return "H2 " + jdbcUrl.substring("jdbc:h2:file:".length()).replaceFirst(";.*$", "");
        }
        if (jdbcUrl.startsWith("jdbc:h2:mem:")) {
            return "H2 in memory";
        }
        return jdbcUrl.replaceFirst("[?;].*$", "").replaceFirst("//[^/@]*@", "//");
    }

    /** A read of hundreds of thousands of rows in key order: see {@link Jdbc#queryByKey}. */
    private <T> List<T> queryByKey(String columns, String fromWhere, List<String> key, Jdbc.RowMapper<T> mapper,
                                   Object... params) {
        return jdbc.queryByKey(columns, fromWhere, key, mapper, params);
    }

    /** The same, where the where clause fixes {@code fixed}, the leading columns of the index the key ends. */
    private <T> List<T> queryByKey(String columns, String fromWhere, List<String> fixed, List<String> key,
                                   Jdbc.RowMapper<T> mapper, Object... params) {
        return jdbc.queryByKey(columns, fromWhere, fixed, key, mapper, params);
    }

    /** A query of hundreds of thousands of rows: see {@link Jdbc#queryLarge}. */
    private <T> List<T> queryLarge(String sql, Jdbc.RowMapper<T> mapper, Object... params) {
        return jdbc.queryLarge(sql, mapper, params);
    }

    private <T> List<T> query(String sql, Jdbc.RowMapper<T> mapper, Object... params) {
        return jdbc.query(sql, mapper, params);
    }

    /** Package-private for the tests, which change the schema under a store to make its writes fail. */
    <T> T inTransaction(Jdbc.Work<T> work) {
        return jdbc.inTransaction(work);
    }



    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
