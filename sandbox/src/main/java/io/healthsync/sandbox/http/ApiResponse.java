package io.healthsync.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of a stand-in API: status, content type, body bytes and extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final ObjectMapper JSON = new ObjectMapper();

    public static ApiResponse json(int status, JsonNode body) {
        try {
            return new ApiResponse(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static ApiResponse bytes(int status, String contentType, byte[] body) {
        return new ApiResponse(status, contentType, body, Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, contentType, body, all);
    }

    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new ApiResponse(status, contentType, body, all);
    }

    /** The first half of the body, as a connection cut mid-page leaves it: the malformed-page fault. */
    public ApiResponse truncated() {
        return new ApiResponse(status, contentType, Arrays.copyOf(body, body.length / 2), headers);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
