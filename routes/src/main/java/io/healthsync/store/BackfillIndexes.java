package io.healthsync.store;

import io.healthsync.connectors.salesforce.SalesforceObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secondary indexes that a backfill into an empty table sets aside and builds once when the pull is done,
 * as bulk loads into a database are done. Kept up row by row, an index on account ids (which a backfill
 * delivers in no order) has each transaction dirty index pages all over the table: 1.2 million activities
 * took H2 34 s to insert with activity_by_account, 11 s without it and 4 s to build it afterwards. The same holds
 * for a product-analytics backfill's usage days (every account gets new days from each week's export): at 10,000
 * accounts Amplitude's 1.8 million events were stored in 44-49 s with usage_day_by_account, 36 s without it.
 *
 * <p>An empty table is left without its indexes from a backfill's first page. A table that holds records already
 * (the activities Salesforce's backfill stored, which the support desk's and billing's backfills write beside) is
 * left without them once the backfills writing into it have written a quarter as many rows as it held when the
 * first began, and at least {@link #LARGE_BACKFILL_ROWS}: then the rows still to come are likely many enough that
 * building the index once costs less than keeping it up row by row (at 30,000 accounts, Zendesk's and Stripe's
 * backfills beside 480,000 stored activities: a first run's pull 130 s instead of 168 s, the app's CPU 205 s
 * instead of 273 s), while a small backfill into a large table keeps it. Either way the indexes come back when
 * every source whose backfill wrote into the table while they were aside has ended its pull (each end calls
 * {@link #restore(String)}), or when a reader needs them (the store's readers call {@link #restore()} before
 * reading; that backfill then keeps them up to its end); opening the store builds any that is missing, so a crash
 * in the middle of a backfill leaves an index to rebuild at the next start, never a table without one.
 */
final class BackfillIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillIndexes.class);

    /**
     * activity_by_account's columns (V20): an account's activities in time order, then every other column scoring
     * reads ({@link JdbcStore#scoringActivities}), so that read never visits the table's rows.
     */
    static final List<String> ACTIVITY_BY_ACCOUNT = List.of("account_id", "occurred_at", "is_deleted", "source", "type",
            "raw_type", "source_type", "measures");

    /** Table -> its secondary indexes as the migrations create them (V1, V11, V20, V21); the store's contract tests hold them equal. */
    static final Map<String, List<String>> DEFERRABLE = Map.of(
            "account", List.of("account_by_domain ON account (domain)"),
            "activity", List.of("activity_by_account ON activity (" + String.join(", ", ACTIVITY_BY_ACCOUNT) + ")"),
            "opportunity", List.of("opportunity_by_account ON opportunity (account_id)"),
            "usage_day", List.of("usage_day_by_account ON usage_day (account_id, usage_date)"));

    /** Who builds what a Salesforce backfill set aside ({@link #restore(String)}). */
    static final String SALESFORCE = "salesforce";

    /** The fewest rows backfills write into a table that holds records before its indexes are set aside. */
    static final int LARGE_BACKFILL_ROWS = 50_000;

    private final Jdbc jdbc;
    private final boolean analyzeAfterBuild;
    /**
     * Table set aside -> the sources whose backfills write into it ("salesforce", "amplitude", "stripe"): the end of
     * the last one's pull builds its indexes.
     */
    private final Map<String, Set<String>> setAside = new ConcurrentHashMap<>();
    /** Table that held records when backfills began writing into it -> what they have written (see the class comment). */
    private final Map<String, BackfillVolume> volumes = new ConcurrentHashMap<>();
    private int largeBackfillRows = LARGE_BACKFILL_ROWS;

    /**
     * Backfills' rows into a table that held {@code before} rows when the first of them began; {@code keptUp} once a
     * reader built the indexes back, so that these backfills keep them up to their end instead of setting them aside
     * again; {@code writers}: the sources whose backfills wrote, which forget it when the last has ended.
     */
    private static final class BackfillVolume {
        final long before;
        long written;
        boolean keptUp;
        final Set<String> writers = new HashSet<>();

        BackfillVolume(long before) {
            this.before = before;
        }
    }

    /**
     * @param analyzeAfterBuild whether to take the table's planner statistics once its indexes are built
     *                          (PostgreSQL: see {@link #restore()})
     */
    BackfillIndexes(Jdbc jdbc, boolean analyzeAfterBuild) {
        this.jdbc = jdbc;
        this.analyzeAfterBuild = analyzeAfterBuild;
    }

    /** The table a Salesforce object's records are stored in, when it has indexes a backfill may set aside. */
    static String tableOf(SalesforceObject object) {
        return switch (object) {
            case ACCOUNT -> "account";
            case TASK, EVENT -> "activity";
            case OPPORTUNITY -> "opportunity";
            default -> null;
        };
    }

    /** A backfill of {@code object} begins: its table's indexes are set aside if the table holds nothing yet. */
    void setAsideFor(SalesforceObject object) {
        String table = tableOf(object);
        if (table != null) {
            setAsideFor(table, SALESFORCE, object.apiName());
        }
    }

    /**
     * {@code source}'s backfill {@code backfill} (e.g. "amplitude usage") is about to write into {@code table}: its
     * indexes are set aside if the table holds nothing yet, until {@code source}'s pull ends or a reader needs them.
     */
    synchronized void setAsideFor(String table, String source, String backfill) {
        if (joined(table, source)) {
            return;
        }
        if (!jdbc.query("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY", rs -> 1).isEmpty()) {
            return;
        }
        setAsideNow(table, source, backfill + " backfill fills the empty table");
    }

    /**
     * {@code source}'s backfill {@code backfill} writes {@code rows} rows into {@code table}, whether it holds records
     * or not: its indexes are set aside once the backfills writing into it are large (see the class comment).
     */
    synchronized void backfillWrites(String table, String source, String backfill, int rows) {
        if (rows == 0) {
            return;
        }
        if (joined(table, source)) {
            return;
        }
        BackfillVolume volume = volumes.computeIfAbsent(table, t -> new BackfillVolume(
                jdbc.query("SELECT COUNT(*) FROM " + t, rs -> rs.getLong(1)).get(0)));
        volume.writers.add(source);
        volume.written += rows;
        if (!volume.keptUp && volume.written >= Math.max(largeBackfillRows, volume.before / 4)) {
            setAsideNow(table, source, String.format(Locale.ROOT, "%s backfill (with %,d rows written beside the "
                    + "%,d the table held) fills the table", backfill, volume.written, volume.before));
        }
    }

    /** True when {@code table} is set aside already: its build then waits for {@code source}'s backfill too. */
    private boolean joined(String table, String source) {
        Set<String> owners = setAside.get(table);
        if (owners != null) {
            owners.add(source);
        }
        return owners != null;
    }

    /** For the tests: how many rows backfills write into a table that holds records before its indexes go aside. */
    void largeBackfillRows(int rows) {
        this.largeBackfillRows = rows;
    }

    private void setAsideNow(String table, String source, String why) {
        Set<String> owners = ConcurrentHashMap.newKeySet();
        owners.add(source);
        setAside.put(table, owners); // before the drop: whatever happens next, restore() will build them
        jdbc.executeAlone(DEFERRABLE.get(table).stream().map(index -> "DROP INDEX IF EXISTS " + name(index)).toList());
        LOG.info("{}: index(es) {} set aside while the {}; built once it is done", table,
                DEFERRABLE.get(table).stream().map(BackfillIndexes::name).toList(), why);
    }

    /**
     * Builds every index set aside; a no-op when none is. One caller at a time builds, the others wait for it. On
     * PostgreSQL the table is then analyzed, as a bulk load is: a table filled in minutes has no planner statistics
     * until autovacuum gets to it (never, where it is off), and without them PostgreSQL looked the old owners of a
     * page's 2,000 Tasks up by the first key column alone, 1.2 million index entries a page (320 ms instead of 28).
     */
    synchronized void restore() {
        build(List.copyOf(new TreeSet<>(setAside.keySet())));
        volumes.values().forEach(volume -> volume.keptUp = true); // their backfills keep them up from here on
    }

    /**
     * {@code source}'s pull has ended: it no longer writes a backfill, and what backfills set aside is built where it
     * was the last one writing. Another source's stay aside, so that a source pulled beside it (a sync pulls them side
     * by side) does not end its backfill for it.
     */
    synchronized void restore(String source) {
        volumes.values().forEach(volume -> volume.writers.remove(source));
        volumes.values().removeIf(volume -> volume.writers.isEmpty());
        setAside.values().forEach(owners -> owners.remove(source));
        List<String> done = setAside.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .sorted().toList();
        build(done);
        done.forEach(volumes::remove); // a backfill still writing counts again, against the table as it is now
    }

    private void build(List<String> tables) {
        for (String table : tables) {
            long started = System.nanoTime();
            List<String> statements = new ArrayList<>(DEFERRABLE.get(table).stream()
                    .map(index -> "CREATE INDEX IF NOT EXISTS " + index).toList());
            if (analyzeAfterBuild) {
                statements.add("ANALYZE " + table);
            }
            jdbc.executeAlone(statements);
            setAside.remove(table);
            LOG.info("{}: index(es) {} built{} in {} ms", table, DEFERRABLE.get(table).stream()
                    .map(BackfillIndexes::name).toList(), analyzeAfterBuild ? " and the table analyzed" : "",
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** At the store's opening: whatever a run that stopped mid-backfill left without its indexes gets them back. */
    void restoreAnyMissing() {
        jdbc.execute(DEFERRABLE.values().stream().flatMap(List::stream).map(index -> "CREATE INDEX IF NOT EXISTS " + index)
                .toList());
    }

    /** The table's non-unique indexes as "name(column, ...)", lower case, sorted: what the tests compare. */
    List<String> present(String table) {
        return jdbc.inTransaction(connection -> {
            var meta = connection.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            Map<String, java.util.SortedMap<Short, String>> columns = new java.util.TreeMap<>();
            try (var rs = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null && rs.getBoolean("NON_UNIQUE")) {
                        columns.computeIfAbsent(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT),
                                k -> new java.util.TreeMap<>()).put(rs.getShort("ORDINAL_POSITION"),
                                rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return columns.entrySet().stream()
                    .map(e -> e.getKey() + "(" + String.join(", ", e.getValue().values()) + ")").toList();
        });
    }

    private static String name(String index) {
        return index.substring(0, index.indexOf(' '));
    }
}
