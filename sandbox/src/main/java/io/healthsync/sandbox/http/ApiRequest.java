package io.healthsync.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A request to a stand-in API: method, path, the decoded query (a name may repeat, e.g. types[]) and a
 * header lookup. {@code rawQuery} is kept for APIs that echo their request; {@code baseUrl} is the server's
 * (http://localhost:PORT), for the absolute next-page URLs some APIs answer with.
 */
public record ApiRequest(String baseUrl, String method, String path, String rawQuery, Map<String, List<String>> query,
                         Function<String, String> header) {

    public static ApiRequest of(String baseUrl, String method, String url, Function<String, String> header) {
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String raw = question < 0 ? "" : url.substring(question + 1);
        return new ApiRequest(baseUrl, method, path, raw, parse(raw), header);
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    public String header(String name) {
        return header.apply(name);
    }

    static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
