package io.healthsync.connectors.salesforce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds the incremental SOQL for one object. Pages come back ordered by (SystemModstamp, Id) so the
 * cursor after any page is exact. Without lookback, the tie-breaker form resumes right after the last
 * stored record; with lookback, it re-reads a short window behind the cursor to catch records whose
 * transaction committed late with an earlier SystemModstamp (re-reads are harmless upserts), until that
 * window has been re-read once after it passed ({@link SalesforceCursor#settled()}): a quiet org then
 * costs one query that returns nothing.
 */
public final class SoqlBuilder {

    private static final DateTimeFormatter SOQL_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SoqlBuilder() {
    }

    public static String incremental(SalesforceObject object, List<String> fields, SalesforceCursor cursor,
                                     int lookbackSeconds, LocalDate historyStart) {
        StringBuilder soql = new StringBuilder("SELECT ")
                .append(String.join(", ", fields))
                .append(" FROM ").append(object.apiName());
        StringBuilder where = firstPullScope(object, historyStart);
        if (cursor != null) {
            if (!where.isEmpty()) {
                where.append(" AND ");
            }
            if (lookbackSeconds > 0 && !cursor.settled()) {
                Instant from = cursor.modstamp().minusSeconds(lookbackSeconds);
                if (cursor.settledUntil() != null && cursor.settledUntil().isAfter(from)) {
                    from = cursor.settledUntil(); // the part of the window already re-read once need not be again
                }
                where.append("SystemModstamp >= ").append(datetime(from));
            } else {
                String at = datetime(cursor.modstamp());
                where.append("(SystemModstamp > ").append(at)
                        .append(" OR (SystemModstamp = ").append(at)
                        .append(" AND Id > '").append(escape(cursor.lastId())).append("'))");
            }
        }
        if (!where.isEmpty()) {
            soql.append(" WHERE ").append(where);
        }
        return soql.append(" ORDER BY SystemModstamp ASC, Id ASC").toString();
    }

    /**
     * The first pull of an object as one Bulk API 2.0 query: the same records as {@link #incremental} with no
     * cursor, without ORDER BY (Bulk API 2.0 refuses it or, in newer versions, gives up chunking the job for it),
     * so the results come in no particular order and the cursor is their maximum.
     */
    public static String backfill(SalesforceObject object, List<String> fields, LocalDate historyStart) {
        StringBuilder soql = new StringBuilder("SELECT ")
                .append(String.join(", ", fields))
                .append(" FROM ").append(object.apiName());
        StringBuilder where = firstPullScope(object, historyStart);
        if (!where.isEmpty()) {
            soql.append(" WHERE ").append(where);
        }
        return soql.toString();
    }

    /** What any pull of the object reads at most: activities linked to an account, within the history window. */
    private static StringBuilder firstPullScope(SalesforceObject object, LocalDate historyStart) {
        StringBuilder where = new StringBuilder();
        if (object.isActivity()) {
            where.append("AccountId != null AND CreatedDate >= ")
                    .append(datetime(historyStart.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return where;
    }

    static String datetime(Instant instant) {
        return SOQL_DATETIME.format(instant);
    }

    static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("'", "\\'");
    }
}
