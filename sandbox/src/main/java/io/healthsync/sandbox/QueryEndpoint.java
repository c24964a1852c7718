package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET .../query/?q=SOQL and GET .../query/{locator}: runs the query once, then serves its snapshot page by
 * page. Page size comes from "Sforce-Query-Options: batchSize=N" (200..2000, default 2000). A locator whose
 * cursor is gone (see {@link QueryCursors}) is answered 400 INVALID_QUERY_LOCATOR, as an org does.
 */
final class QueryEndpoint {

    static final int DEFAULT_BATCH = 2000;
    static final int MIN_BATCH = 200;
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCATOR = Pattern.compile("([A-Za-z0-9]{15,18})-(\\d+)");

    private final SandboxOrg org;
    private final QueryCursors cursors;

    QueryEndpoint(SandboxOrg org, int queryLocatorMaxPages) {
        this.org = org;
        this.cursors = new QueryCursors(queryLocatorMaxPages);
    }

    SandboxResponse query(String soql, String queryOptions, String version, boolean includeDeleted, Instant now) {
        if (soql == null || soql.isBlank()) {
            return SandboxResponse.error(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlEvaluator.Result result;
        try {
            result = SoqlEvaluator.run(org, SoqlParser.parse(soql), includeDeleted);
        } catch (SoqlException e) {
            return SandboxResponse.error(400, e.errorCode(), e.getMessage());
        }
        if (result.count()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("totalSize", result.rows().size());
            body.put("done", true);
            body.putArray("records");
            return SandboxResponse.json(200, body);
        }
        int batchSize = batchSize(queryOptions);
        if (result.rows().size() <= batchSize) {
            return page(result, null, 0, batchSize, version);
        }
        return page(result, cursors.open(result, batchSize, now).id(), 0, batchSize, version);
    }

    SandboxResponse more(String locator, String version, Instant now) {
        Matcher matcher = LOCATOR.matcher(locator);
        QueryCursors.Cursor cursor = matcher.matches() ? cursors.find(matcher.group(1), now).orElse(null) : null;
        long offset = cursor == null || matcher.group(2).length() > 9 ? -1 : Long.parseLong(matcher.group(2));
        if (cursor == null || offset <= 0 || offset >= cursor.result().rows().size()) {
            return SandboxResponse.error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        cursors.served(cursor, now);
        return page(cursor.result(), cursor.id(), (int) offset, cursor.batchSize(), version);
    }

    static int batchSize(String queryOptions) {
        if (queryOptions == null) {
            return DEFAULT_BATCH;
        }
        Matcher matcher = BATCH_SIZE.matcher(queryOptions);
        if (!matcher.find()) {
            return DEFAULT_BATCH;
        }
        long requested = Long.parseLong(matcher.group(1).length() > 9 ? "999999999" : matcher.group(1));
        return (int) Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, requested));
    }

    /**
     * One page written straight to text, not built as a tree first: a drifted pull reads 100,000 Accounts back through
     * these pages, and the sandbox's work competes with the app's on a small machine.
     */
    private static SandboxResponse page(SoqlEvaluator.Result result, String cursorId, int offset, int batchSize,
                                        String version) {
        List<Object[]> rows = result.rows();
        int end = Math.min(rows.size(), offset + batchSize);
        List<FieldDef> fields = result.fields();
        StringWriter text = new StringWriter(256 + (end - offset) * 24 * (fields.size() + 4));
        try (JsonGenerator json = SandboxResponse.JSON.getFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("totalSize", rows.size());
            json.writeBooleanField("done", end >= rows.size());
            if (end < rows.size()) {
                json.writeStringField("nextRecordsUrl", "/services/data/" + version + "/query/" + cursorId + "-" + end);
            }
            json.writeArrayFieldStart("records");
            String urlPrefix = "/services/data/" + version + "/sobjects/" + result.object() + "/";
            for (Object[] row : rows.subList(offset, end)) {
                json.writeStartObject();
                json.writeObjectFieldStart("attributes");
                json.writeStringField("type", result.object());
                json.writeStringField("url", urlPrefix + row[fields.size()]);
                json.writeEndObject();
                for (int i = 0; i < fields.size(); i++) {
                    json.writeFieldName(fields.get(i).name());
                    SandboxValues.write(json, fields.get(i), row[i]);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return new SandboxResponse(200, text.toString(), Map.of());
    }
}
