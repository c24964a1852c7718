package io.healthsync.connectors.source;

import java.util.Map;

/**
 * One GET a source wants made: the absolute URL (query included, already encoded) and its headers
 * (authorization among them: never logged). {@code describe()} is what logs and reports may show.
 */
public record SourceRequest(String url, Map<String, String> headers) {

    public SourceRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The URL without its query string: enough to say where, never a token passed as a parameter. */
    public String describe() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * The decoded value of a query parameter (names compared decoded: "created[gte]" finds created%5Bgte%5D),
     * "" when it has no value, null when the URL does not have it. Sources read their paging state back here.
     */
    public String parameter(String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Never the headers (they carry credentials) nor the query (some APIs take keys there). */
    @Override
    public String toString() {
        return "GET " + describe();
    }
}
