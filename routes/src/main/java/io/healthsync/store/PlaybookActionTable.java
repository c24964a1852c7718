package io.healthsync.store;

import static io.healthsync.store.Jdbc.bind;
import static io.healthsync.store.Jdbc.date;
import static io.healthsync.store.Jdbc.readJson;
import static io.healthsync.store.Jdbc.toJson;
import static io.healthsync.store.Jdbc.truncate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.scoring.playbooks.PlannedAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The playbook_action table: every action a plan decided on, keyed by its Healthsync_Key__c. A newer plan
 * deciding the same key again (same account, playbook and week) replaces a row that is not written yet; a
 * written, logged or held-out row stays as it is (it happened).
 */
final class PlaybookActionTable {

    private static final String COLUMNS = "action_key, plan_id, account_id, playbook_id, kind, held_out, status, "
            + "created_on, amount, salesforce_id, created_in_crm, error_code, error_message, details";

    private final Jdbc jdbc;

    PlaybookActionTable(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Earlier plans' actions not done yet (planned, or failed) are superseded by the plan being saved. */
    static final String SUPERSEDE_OPEN = "UPDATE playbook_action SET status = 'superseded', updated_at = ? "
            + "WHERE status IN ('planned', 'failed') AND plan_id <> ?";

    /** Inside the plan's transaction: older unapplied decisions are superseded, this plan's are recorded. */
    void save(Connection connection, String planId, LocalDate asOf, List<PlannedAction> actions, Instant at)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SUPERSEDE_OPEN)) {
            bind(ps, at, planId);
            ps.executeUpdate();
        }
        // one lookup statement and two batches, prepared once: a plan on 100,000 accounts decides tens of thousands
        List<Object[]> inserts = new java.util.ArrayList<>();
        List<Object[]> updates = new java.util.ArrayList<>();
        java.util.Set<String> inserted = new java.util.HashSet<>();
        try (PreparedStatement lookup = connection.prepareStatement("SELECT status FROM playbook_action WHERE action_key = ?")) {
            for (PlannedAction action : actions) {
                String status;
                bind(lookup, action.key());
                try (var rs = lookup.executeQuery()) {
                    status = rs.next() ? rs.getString(1) : null;
                }
                if (status != null && !status.equals(StoredAction.SUPERSEDED) && !status.equals(StoredAction.PLANNED)
                        && !status.equals(StoredAction.FAILED)) {
                    continue; // it happened (written, logged, held out): this week's record stands
                }
                Object[] values = {action.key(), planId, action.accountId(), action.playbookId(), action.kind().name(),
                        action.heldOut(), StoredAction.initialStatus(action), asOf, action.amount(), null, null, null, null,
                        toJson(details(action)), at};
                if (status == null && inserted.add(action.key())) {
                    inserts.add(values);
                } else {
                    Object[] withKey = java.util.Arrays.copyOf(values, values.length + 1);
                    withKey[values.length] = action.key();
                    updates.add(withKey);
                }
            }
        }
        Jdbc.batch(connection, "INSERT INTO playbook_action (" + COLUMNS + ", updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts, Jdbc::bind);
        Jdbc.batch(connection, "UPDATE playbook_action SET action_key = ?, plan_id = ?, account_id = ?, playbook_id = ?, "
                + "kind = ?, held_out = ?, status = ?, created_on = ?, amount = ?, salesforce_id = ?, created_in_crm = ?, "
                + "error_code = ?, error_message = ?, details = ?, updated_at = ? WHERE action_key = ?", updates, Jdbc::bind);
    }

    /** Inside the results' transaction: what Salesforce answered for the plan's Tasks and Opportunities. */
    void recordResults(Connection connection, String planId, List<WriteResult> results, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE playbook_action SET status = ?, salesforce_id = "
                + "COALESCE(?, salesforce_id), created_in_crm = COALESCE(created_in_crm, ?), error_code = ?, error_message = ?, "
                + "updated_at = ? WHERE action_key = ? AND plan_id = ?")) {
            for (WriteResult r : results) {
                bind(ps, r.success() ? StoredAction.WRITTEN : StoredAction.FAILED, r.salesforceId(), r.created(),
                        r.errorCode(), truncate(r.message(), 2000), at, r.recordId(), planId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Log-only actions once apply has posted them to the webhook. */
    void markLogged(Collection<String> keys, String planId, Instant at) {
        jdbc.inTransaction(connection -> markLogged(connection, keys, planId, at));
    }

    /**
     * The plan's light touches read once by key, then logged by key in transactions of {@code rowsPerTransaction}
     * (a crash between parts leaves the rest planned, logged by the next apply). Each part selecting its next rows
     * again ("IN (SELECT ... FETCH FIRST n)") walked the plan's rows from the start every time: 113 parts of 500 at
     * 56,670 light touches took H2 10 s of CPU, and the cost grew with the square of the plan.
     */
    int markAllLogOnlyLogged(String planId, Instant at, int rowsPerTransaction) {
        List<String> keys = jdbc.query("SELECT action_key FROM playbook_action WHERE plan_id = ? AND kind = 'LOG_ONLY' "
                + "AND status = 'planned'", rs -> rs.getString(1), planId);
        int logged = 0;
        for (int from = 0; from < keys.size(); from += rowsPerTransaction) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + rowsPerTransaction));
            logged += jdbc.inTransaction(connection -> markLogged(connection, part, planId, at));
        }
        return logged;
    }

    /** Marks the plan's planned log-only actions of these keys logged; how many it marked. */
    private static int markLogged(Connection connection, Collection<String> keys, String planId, Instant at)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE playbook_action SET status = 'logged', "
                + "updated_at = ? WHERE action_key = ? AND plan_id = ? AND status = 'planned'")) {
            for (String key : keys) {
                bind(ps, at, key, planId);
                ps.addBatch();
            }
            int updated = 0;
            for (int count : ps.executeBatch()) {
                // 0: a row another run logged meanwhile; a driver that does not count says so (-2)
                updated += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
            }
            return updated;
        }
    }

    List<StoredAction> all() {
        return select("", new Object[0]);
    }

    /** Read by key in pages and sorted here: H2 copies a large result, sorted or not, to a temporary file first. */
    List<ActionOutcome> outcomesSince(java.time.LocalDate since) {
        List<ActionOutcome> outcomes = jdbc.queryByKey("action_key, account_id, playbook_id, created_on, held_out, "
                + "status, error_code", "playbook_action WHERE created_on >= ?", List.of("action_key"),
                rs -> new ActionOutcome(rs.getString(1), rs.getString(2), rs.getString(3), date(rs, 4), rs.getBoolean(5),
                        rs.getString(6), rs.getString(7)), since);
        outcomes.sort(java.util.Comparator.comparing(ActionOutcome::createdOn).thenComparing(ActionOutcome::key));
        return outcomes;
    }

    List<StoredAction> ofPlan(String planId) {
        return select("WHERE a.plan_id = ? ", new Object[] {planId});
    }

    /**
     * The plan's light-touch actions not logged (or posted) yet, without the score each fired on: apply posts
     * them as they are, and at 100,000 accounts a plan has some 56,000 of them.
     */
    List<StoredAction> pendingLogOnly(String planId) {
        return selectWithoutScore("WHERE a.plan_id = ? AND a.kind = 'LOG_ONLY' AND a.status = 'planned' ",
                new Object[] {planId});
    }

    /** With the score each fired on: score_history's row of the account on the day it was decided. */
    private List<StoredAction> select(String where, Object[] params) {
        return read("SELECT " + columns() + ", h.score FROM playbook_action a LEFT JOIN score_history h "
                + "ON h.account_id = a.account_id AND h.as_of = a.created_on " + where, params);
    }

    /** Without the score join: the actions' own rows alone. */
    private List<StoredAction> selectWithoutScore(String where, Object[] params) {
        return read("SELECT " + columns() + ", NULL FROM playbook_action a " + where, params);
    }

    private static String columns() {
        return java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "a." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** {@code selectWhere}: the playbook_action columns (as a.*) and a score, of the rows wanted. */
    private List<StoredAction> read(String selectWhere, Object[] params) {
        return jdbc.query(selectWhere + "ORDER BY a.created_on, a.action_key", rs -> {
            Map<String, String> d = readJson(rs.getString(14), new TypeReference<Map<String, String>>() { });
            PlannedAction action = StoredAction.action(rs.getString(3), rs.getString(4), rs.getString(5), d.get("owner"),
                    d.get("due"), d.get("priority"), d.get("subject"), d.get("description"), rs.getString(1),
                    rs.getBoolean(6), d.get("reason"), (Double) rs.getObject(9)).withFacts(facts(d));
            return new StoredAction(action, rs.getString(2), rs.getString(7), date(rs, 8), (Double) rs.getObject(15),
                    rs.getString(10), (Boolean) rs.getObject(11), rs.getString(12), rs.getString(13));
        }, params);
    }

    /** The details beyond the planned action's own fields: its facts. */
    private static Map<String, String> facts(Map<String, String> details) {
        Map<String, String> facts = new LinkedHashMap<>(details);
        facts.keySet().removeAll(List.of("owner", "due", "priority", "subject", "description", "reason"));
        facts.values().removeIf(java.util.Objects::isNull);
        return facts;
    }

    private static Map<String, String> details(PlannedAction action) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("owner", action.ownerId());
        details.put("due", action.dueDate() == null ? null : action.dueDate().toString());
        details.put("priority", action.priority() == null ? null : action.priority().name());
        details.put("subject", action.subject());
        details.put("description", action.description());
        details.put("reason", action.reason());
        details.putAll(action.facts());
        return details;
    }
}
