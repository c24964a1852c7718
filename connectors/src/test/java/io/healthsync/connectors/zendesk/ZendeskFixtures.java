package io.healthsync.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig.HttpSourceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The source under test with fixed settings, and the exchanges in src/test/resources/zendesk/. */
final class ZendeskFixtures {

    static final String BASE_URL = "https://acme-support.zendesk.com";
    static final String EMAIL = "agent@acme-support.example";
    static final String TOKEN = "zd-SECRET-token-123";
    /** "Basic " + base64("agent@acme-support.example/token:zd-SECRET-token-123"), computed once by hand. */
    static final String AUTHORIZATION = "Basic YWdlbnRAYWNtZS1zdXBwb3J0LmV4YW1wbGUvdG9rZW46emQtU0VDUkVULXRva2VuLTEyMw==";
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final List<String> PHRASES = List.of("cancel our subscription", "not renewing", "switching to");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZendeskFixtures() {
    }

    static HttpSourceConfig config(int pageSize, int historyDays) {
        return config(pageSize, historyDays, Map.of());
    }

    /** @param options e.g. satisfaction_ratings: endpoint */
    static HttpSourceConfig config(int pageSize, int historyDays, Map<String, String> options) {
        return new HttpSourceConfig("zendesk", true, "0 0/30 * * * ?", BASE_URL,
                Map.of("email", new SecretRef("ZENDESK_EMAIL", null), "api_token", new SecretRef("ZENDESK_API_TOKEN", null)),
                pageSize, historyDays, null, null, options);
    }

    /** A source that reads the ratings from the ratings endpoint (satisfaction_ratings: endpoint). */
    static ZendeskSource ratingsEndpointSource() {
        return new ZendeskSource(config(500, 30, Map.of(ZendeskSource.RATINGS_FROM, "endpoint")),
                IdentityConfig.defaults(), PHRASES, credentials(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Map<String, String> credentials() {
        return Map.of("email", EMAIL, "api_token", TOKEN);
    }

    static ZendeskSource source() {
        return source(IdentityConfig.defaults());
    }

    static ZendeskSource source(IdentityConfig identity) {
        return new ZendeskSource(config(500, 30), identity, PHRASES, credentials(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static SourceRequest request(String url) {
        return new SourceRequest(url, Map.of("Authorization", AUTHORIZATION));
    }

    /** A recorded-style exchange's reply: its status, headers and body (JSON, or body_text as written). */
    static SourceReply reply(String fixture) {
        JsonNode exchange = exchange(fixture);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = exchange.has("body") ? exchange.get("body").toString() : exchange.path("body_text").asText();
        return new SourceReply(exchange.path("status").asInt(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The exchange's JSON body, for tests that change one field of it. */
    static JsonNode body(String fixture) {
        return exchange(fixture).get("body").deepCopy();
    }

    static SourceReply ok(String body) {
        return new SourceReply(200, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    static SourceReply ok(JsonNode body) {
        return ok(body.toString());
    }

    private static JsonNode exchange(String fixture) {
        try (InputStream in = ZendeskFixtures.class.getResourceAsStream("/zendesk/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource zendesk/" + fixture);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
