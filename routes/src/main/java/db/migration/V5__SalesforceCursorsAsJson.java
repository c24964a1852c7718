package db.migration;

import io.healthsync.connectors.salesforce.SalesforceCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Salesforce's typed cursors (pull_cursor) become JSON cursors in source_cursor, the table every source
 * shares; nothing is re-read because of the move. Written in Java so the JSON is the same on every database.
 */
public class V5__SalesforceCursorsAsJson extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement();
             ResultSet rs = select.executeQuery("SELECT source, object_name, modstamp, last_id, records_total, "
                     + "updated_at, settled_until, checked_at FROM pull_cursor");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO source_cursor (source, stream, "
                     + "cursor_json, records_total, updated_at, complete_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            while (rs.next()) {
                OffsetDateTime settled = rs.getObject(7, OffsetDateTime.class);
                SalesforceCursor cursor = new SalesforceCursor(rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4), settled == null ? null : settled.toInstant());
                insert.setString(1, rs.getString(1));
                insert.setString(2, rs.getString(2));
                insert.setString(3, cursor.toJson());
                insert.setLong(4, rs.getLong(5));
                insert.setObject(5, rs.getObject(6, OffsetDateTime.class));
                insert.setObject(6, rs.getObject(8, OffsetDateTime.class));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE pull_cursor");
        }
    }
}
