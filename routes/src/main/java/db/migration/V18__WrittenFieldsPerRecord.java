package db.migration;

import io.healthsync.store.WrittenRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * What healthsync last wrote moves from one written_field row a field to one written_record row a record (its
 * fields as JSON, see {@link WrittenRecord}): at 100,000 accounts a full write recorded 400,000 rows, and H2's inserts
 * and commits of them were most of recording an apply's results. Every written field moves as it was. In Java so that
 * the JSON is the same on every database.
 */
public class V18__WrittenFieldsPerRecord extends BaseJavaMigration {

    private static final int ROWS_PER_BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement create = connection.createStatement()) {
            // keyed by the record id first: the plan and the echo check page through the records by id, and an apply
            // looks each up by id (with sobject second, the pages need not name a fixed first column in their order)
            create.execute("CREATE TABLE written_record (record_id VARCHAR(255) NOT NULL, sobject VARCHAR(80) NOT NULL, "
                    + "fields VARCHAR(1000000) NOT NULL, PRIMARY KEY (record_id, sobject))");
        }
        try (Statement select = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO written_record (record_id, sobject, fields) VALUES (?, ?, ?)")) {
            select.setFetchSize(1_000); // PostgreSQL then streams 400,000 rows (in Flyway's transaction), not holds them
            ResultSet rs = select.executeQuery("SELECT sobject, record_id, field, field_value, basis, plan_id, written_at "
                    + "FROM written_field ORDER BY sobject, record_id, field");
            String sobject = null;
            String recordId = null;
            Map<String, WrittenRecord.Field> fields = new HashMap<>();
            int batched = 0;
            while (rs.next()) {
                if (recordId != null && !(rs.getString(1).equals(sobject) && rs.getString(2).equals(recordId))) {
                    batched = add(insert, sobject, recordId, fields, batched);
                    fields = new HashMap<>();
                }
                sobject = rs.getString(1);
                recordId = rs.getString(2);
                fields.put(rs.getString(3), new WrittenRecord.Field(rs.getString(4), (Double) rs.getObject(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
            if (recordId != null) {
                add(insert, sobject, recordId, fields, batched);
            }
            insert.executeBatch();
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE written_field");
        }
    }

    private static int add(PreparedStatement insert, String sobject, String recordId, Map<String, WrittenRecord.Field> fields,
                           int batched) throws java.sql.SQLException {
        insert.setString(1, recordId);
        insert.setString(2, sobject);
        insert.setString(3, WrittenRecord.encode(fields));
        insert.addBatch();
        if (batched + 1 == ROWS_PER_BATCH) {
            insert.executeBatch();
            return 0;
        }
        return batched + 1;
    }
}
