package io.healthsync.store;

import static io.healthsync.store.Jdbc.batch;
import static io.healthsync.store.Jdbc.bind;
import static io.healthsync.store.Jdbc.instant;
import static io.healthsync.store.Jdbc.toJson;

import io.healthsync.connectors.salesforce.PageEchoes;
import io.healthsync.model.Account;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Accounts pulls found to be only echoes of our writes, as the account_echo table keeps them (V23): the echo's
 * SystemModstamp and what it held in the fields we write, instead of the whole row stored again. Applied over the
 * stored account, it gives the Account exactly as storing the echo whole would have left it, so every reader (scoring,
 * the plan's "what the CRM holds", the next echo check) sees the same as before echoes were kept so.
 */
final class EchoedAccounts {

    /** An echo as kept: its SystemModstamp and our fields' values as JSON, parsed only when applied. */
    private record Echo(Instant systemModstamp, String ourFields) {
    }

    private static final String COLUMNS = "crm_id, system_modstamp, fields";

    private final Map<String, Echo> byAccount = new HashMap<>();

    private EchoedAccounts() {
    }

    /** Every kept echo, read by key pages (100,000 after a full write). */
    static EchoedAccounts read(Jdbc jdbc) {
        EchoedAccounts echoes = new EchoedAccounts();
        jdbc.queryByKey(COLUMNS, "account_echo WHERE 1 = 1", List.of("crm_id"), rs -> {
            echoes.add(rs);
            return null;
        });
        return echoes;
    }

    /** The kept echo of one account, if any. */
    static EchoedAccounts readOne(Connection connection, String accountId) throws SQLException {
        EchoedAccounts echoes = new EchoedAccounts();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM account_echo WHERE crm_id = ?")) {
            bind(ps, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    echoes.add(rs);
                }
            }
        }
        return echoes;
    }

    private void add(ResultSet rs) throws SQLException {
        byAccount.put(rs.getString(1), new Echo(instant(rs, 2), rs.getString(3)));
    }

    /**
     * Applies the account's kept echo, if any, to its stored CRM fields (our fields' values put over them) and
     * returns the SystemModstamp the account has then: the echo's, or {@code stored}.
     */
    Instant applyTo(String accountId, Map<String, String> crmFields, Instant stored, RepeatedValues repeated) {
        Echo echo = byAccount.get(accountId);
        if (echo == null) {
            return stored;
        }
        crmFields.putAll(CrmFieldsJson.read(echo.ourFields(), repeated, accountId));
        return echo.systemModstamp();
    }

    /** Keeps the echoes among {@code pulled} (see {@link PageEchoes}): their SystemModstamp and our fields' values. */
    static void keep(Connection connection, SqlDialect dialect, List<Account> pulled, PageEchoes echoes)
            throws SQLException {
        List<Account> echoed = pulled.stream().filter(a -> echoes.contains(a.crmId())).toList();
        batch(connection, dialect.upsert("account_echo", List.of("crm_id", "system_modstamp", "fields"), List.of("crm_id")),
                echoed, (ps, a) -> bind(ps, a.crmId(), a.systemModstamp(), toJson(echoes.ourFields(a.crmId()))));
    }

    /** Forgets the kept echoes of accounts stored whole again: the row holds what they hold now. */
    static void forget(Connection connection, List<Account> storedWhole) throws SQLException {
        if (storedWhole.isEmpty() || !any(connection)) {
            return; // a first pull stores every account whole, and nothing was echoed yet
        }
        batch(connection, "DELETE FROM account_echo WHERE crm_id = ?", storedWhole, (ps, a) -> bind(ps, a.crmId()));
    }

    private static boolean any(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM account_echo FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
