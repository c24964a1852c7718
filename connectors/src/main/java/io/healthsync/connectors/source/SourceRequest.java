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

    /** Never the headers (they carry credentials) nor the query (some APIs take keys there). */
    @Override
    public String toString() {
        return "GET " + describe();
    }
}
