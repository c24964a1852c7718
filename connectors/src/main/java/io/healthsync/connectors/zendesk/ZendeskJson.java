package io.healthsync.connectors.zendesk;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading Zendesk's JSON: pages, ids and ISO-8601 times, with messages that say what and where. */
final class ZendeskJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ZendeskJson() {
    }

    /**
     * The reply as a JSON object holding an array under {@code listField}.
     *
     * @throws MalformedPageException when it is not JSON or lacks the list; the message names the stream and
     *                                URL path, never the body (it may hold personal data) nor the query
     */
    static JsonNode page(String stream, SourceRequest request, SourceReply reply, String listField)
            throws MalformedPageException {
        JsonNode body;
        try {
            body = MAPPER.readTree(reply.body());
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new MalformedPageException("zendesk " + stream + ": the reply from " + request.describe()
                    + " is not JSON" + at + "; expected an object with a '" + listField + "' list");
        } catch (IOException e) {
            throw new MalformedPageException("zendesk " + stream + ": cannot read the reply from " + request.describe(), e);
        }
        if (body == null || !body.isObject() || !body.path(listField).isArray()) {
            String got = body == null || body.isMissingNode() ? "an empty body"
                    : body.isObject() ? "an object with keys " + fieldNames(body) : "a JSON " + body.getNodeType().name().toLowerCase();
            throw new MalformedPageException("zendesk " + stream + ": the reply from " + request.describe()
                    + " lacks the '" + listField + "' list; got " + got);
        }
        return body;
    }

    private static String fieldNames(JsonNode object) {
        StringBuilder names = new StringBuilder("[");
        object.fieldNames().forEachRemaining(n -> names.append(names.length() > 1 ? ", " : "").append(n));
        return names.append(']').toString();
    }

    /** An id as text: Zendesk sends integers; null when absent or not an id. */
    static String id(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        if (node.isTextual() && node.asText().matches("\\d+")) {
            return node.asText();
        }
        return null;
    }

    /** Text, or null when absent, null or blank. */
    static String text(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    /** A time that may be absent; present but unreadable is an error naming the field. */
    static Instant optionalTime(JsonNode parent, String field, String where) throws UnmappableRecord {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnmappableRecord(where + "." + field + " '" + node.asText() + "' is not an ISO-8601 time");
        }
    }

    static Instant requiredTime(JsonNode parent, String field, String where) throws UnmappableRecord {
        Instant time = optionalTime(parent, field, where);
        if (time == null) {
            throw new UnmappableRecord(where + "." + field + " is missing");
        }
        return time;
    }

    /** A time for a quarantine row's modstamp: null rather than an error. */
    static Instant timeOrNull(JsonNode parent, String field) {
        try {
            return optionalTime(parent, field, "");
        } catch (UnmappableRecord e) {
            return null;
        }
    }
}
