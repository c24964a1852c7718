package io.healthsync.connectors.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One pass over a Stripe list, newest first, over the objects created in {@code [since, until]}
 * ({@code since} null: the whole list), resuming after the object {@code after}. Its whole state is in
 * the request's own query ({@code created[gte]}, {@code created[lte]}, {@code starting_after}), so a reply
 * is mapped from the request that fetched it, and the cursor is the same three values as JSON:
 * <pre>
 *   during a sweep: {"since": 1717000000, "until": 1717200000, "after": "in_123"}   (since absent: whole list)
 *   between sweeps: {"since": 1717199700}                                            (the next sweep's start)
 * </pre>
 */
record ListSweep(Long since, long until, String after) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String url(String baseUrl, StripeStream stream, int limit) {
        StringBuilder url = new StringBuilder(baseUrl).append(stream.path()).append("?limit=").append(limit);
        stream.fixedParams().forEach(p -> param(url, p.getKey(), p.getValue()));
        if (since != null) {
            param(url, "created[gte]", Long.toString(since));
        }
        param(url, "created[lte]", Long.toString(until));
        if (after != null) {
            param(url, "starting_after", after);
        }
        return url.toString();
    }

    private static void param(StringBuilder url, String name, String value) {
        url.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The sweep a request of {@link #url} belongs to. */
    static ListSweep of(io.healthsync.connectors.source.SourceRequest request) {
        String until = request.parameter("created[lte]");
        if (until == null) {
            throw new IllegalArgumentException("not a request of this source: it has no created[lte]");
        }
        String since = request.parameter("created[gte]");
        return new ListSweep(since == null ? null : Long.valueOf(since), Long.parseLong(until),
                request.parameter("starting_after"));
    }

    ListSweep after(String lastId) {
        return new ListSweep(since, until, lastId);
    }

    /** The cursor while the sweep goes on: the same sweep, after the last object stored. */
    String cursor() {
        ObjectNode node = JSON.createObjectNode();
        if (since != null) {
            node.put("since", since);
        }
        node.put("until", until);
        node.put("after", after);
        return node.toString();
    }

    /**
     * The cursor once the sweep has read its last page: the next sweep starts {@code overlapSeconds} before
     * this one's end, for objects created in the same second and those a list shows a little late.
     */
    String finished(long overlapSeconds) {
        return JSON.createObjectNode().put("since", until - overlapSeconds).toString();
    }

    /** A stored cursor: a sweep to resume (it has "after"), or only where the next sweep starts. */
    record Cursor(Long since, Long until, String after) {

        static Cursor parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                return new Cursor(StripeJson.number(node, "since"), StripeJson.number(node, "until"),
                        StripeJson.text(node, "after"));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("stripe cursor is not JSON: " + json, e);
            }
        }

        boolean midSweep() {
            return after != null && until != null;
        }
    }
}
