package io.healthsync.connectors.analytics;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads a query parameter back from a request's URL: the window a reply answers is in its request. */
public final class QueryParameter {

    private QueryParameter() {
    }

    /** The decoded value of the parameter, or null when the URL does not have it. */
    public static String of(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
