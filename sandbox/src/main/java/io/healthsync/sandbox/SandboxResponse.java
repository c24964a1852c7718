package io.healthsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer of the sandbox: status, body (null for an empty body; JSON unless a Content-Type header
 * says otherwise) and extra headers.
 */
record SandboxResponse(int status, String body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper();

    static SandboxResponse json(int status, JsonNode body) {
        try {
            return new SandboxResponse(status, JSON.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV body (Bulk API 2.0 results). */
    static SandboxResponse csv(int status, String body) {
        return new SandboxResponse(status, body, Map.of("Content-Type", "text/csv"));
    }

    static SandboxResponse empty(int status) {
        return new SandboxResponse(status, null, Map.of());
    }

    SandboxResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new SandboxResponse(status, body, all);
    }

    /** The REST API's error body: [{"message": ..., "errorCode": ...}]. */
    static SandboxResponse error(int status, String errorCode, String message) {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        ObjectNode error = errors.addObject();
        error.put("message", message);
        error.put("errorCode", errorCode);
        return json(status, errors);
    }

    static SandboxResponse notFound() {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        ObjectNode error = errors.addObject();
        error.put("errorCode", "NOT_FOUND");
        error.put("message", "The requested resource does not exist");
        return json(404, errors);
    }
}
