package io.healthsync.connectors.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The streams' cursors, this source's own JSON: {@code {"start_time": 1767225600}} (time-based streams,
 * epoch seconds) and {@code {"after_cursor": "MTU3..."}} (the ticket export's cursor), with
 * {@code "tickets_linked": true} when the tickets before it were stored as links (the ratings endpoint's mode).
 */
final class ZendeskCursor {

    static final String START_TIME = "start_time";
    static final String AFTER_CURSOR = "after_cursor";
    static final String TICKETS_LINKED = "tickets_linked";

    private ZendeskCursor() {
    }

    static String startTime(long epochSeconds) {
        return ZendeskJson.MAPPER.createObjectNode().put(START_TIME, epochSeconds).toString();
    }

    /** The ticket export's cursor; with {@code ticketsLinked}, saying every ticket read up to it was stored as a link. */
    static String afterCursor(String cursor, boolean ticketsLinked) {
        var node = ZendeskJson.MAPPER.createObjectNode().put(AFTER_CURSOR, cursor);
        return (ticketsLinked ? node.put(TICKETS_LINKED, true) : node).toString();
    }

    /** Whether a stored ticket cursor (read by {@link #readAfterCursor} first) says the tickets before it are links. */
    static boolean ticketsLinked(String stream, String json) {
        try {
            return ZendeskJson.MAPPER.readTree(json).path(TICKETS_LINKED).asBoolean(false);
        } catch (JsonProcessingException e) {
            throw invalid(stream, json, AFTER_CURSOR);
        }
    }

    /** The stored start_time, or null when there is no cursor yet. */
    static Long readStartTime(String stream, String json) {
        JsonNode value = read(stream, json, START_TIME);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw invalid(stream, json, START_TIME);
        }
        return value.asLong();
    }

    /** The stored after_cursor, or null when there is no cursor yet. */
    static String readAfterCursor(String stream, String json) {
        JsonNode value = read(stream, json, AFTER_CURSOR);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(stream, json, AFTER_CURSOR);
        }
        return value.asText();
    }

    private static JsonNode read(String stream, String json, String field) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = ZendeskJson.MAPPER.readTree(json);
            if (node == null || !node.isObject() || !node.has(field)) {
                throw invalid(stream, json, field);
            }
            return node.get(field);
        } catch (JsonProcessingException e) {
            throw invalid(stream, json, field);
        }
    }

    private static IllegalArgumentException invalid(String stream, String json, String field) {
        return new IllegalArgumentException("zendesk " + stream + ": the stored cursor " + json + " is not {\""
                + field + "\": ...}; delete it to pull the stream again from its start");
    }
}
