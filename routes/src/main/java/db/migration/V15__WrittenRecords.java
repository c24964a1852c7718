package db.migration;

import io.healthsync.store.WrittenFields;
import io.healthsync.writeback.WrittenValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What healthsync last wrote to the CRM moves from one row per field (written_field) to one row per record
 * (written_record, the fields as JSON): a first apply at 100,000 Accounts wrote 400,000 rows, and each plan and
 * each pull of Accounts read them back. Written in Java so the JSON is the same on every database.
 */
public class V15__WrittenRecords extends org.flywaydb.core.api.migration.BaseJavaMigration {

    @Override
    public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE written_record (sobject VARCHAR(80) NOT NULL, record_id VARCHAR(18) NOT NULL, "
                    + "fields VARCHAR(100000) NOT NULL, plan_id VARCHAR(40), written_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "PRIMARY KEY (sobject, record_id))");
        }
        try (Statement select = connection.createStatement();
             ResultSet rs = select.executeQuery("SELECT sobject, record_id, field, field_value, basis, plan_id, written_at "
                     + "FROM written_field ORDER BY sobject, record_id, written_at, field");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO written_record (sobject, record_id, "
                     + "fields, plan_id, written_at) VALUES (?, ?, ?, ?, ?)")) {
            Record current = null;
            int batched = 0;
            while (rs.next()) {
                String sobject = rs.getString(1);
                String recordId = rs.getString(2);
                if (current == null || !current.sobject.equals(sobject) || !current.recordId.equals(recordId)) {
                    add(insert, current);
                    if (current != null && ++batched % 1_000 == 0) {
                        insert.executeBatch();
                    }
                    current = new Record(sobject, recordId);
                }
                OffsetDateTime at = rs.getObject(7, OffsetDateTime.class);
                current.fields.put(rs.getString(3), new WrittenValue(rs.getString(4), (Double) rs.getObject(5),
                        at.toInstant()));
                current.planId = rs.getString(6); // the latest write's, as rows come oldest first
                current.writtenAt = at;
            }
            add(insert, current);
            insert.executeBatch();
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE written_field");
        }
    }

    private static void add(PreparedStatement insert, Record record) throws java.sql.SQLException {
        if (record == null) {
            return;
        }
        insert.setString(1, record.sobject);
        insert.setString(2, record.recordId);
        insert.setString(3, WrittenFields.toJson(record.fields));
        insert.setString(4, record.planId);
        insert.setObject(5, record.writtenAt);
        insert.addBatch();
    }

    /** One record's fields, gathered from its rows. */
    private static final class Record {
        final String sobject;
        final String recordId;
        final Map<String, WrittenValue> fields = new LinkedHashMap<>();
        String planId;
        OffsetDateTime writtenAt;

        Record(String sobject, String recordId) {
            this.sobject = sobject;
            this.recordId = recordId;
        }
    }
}
