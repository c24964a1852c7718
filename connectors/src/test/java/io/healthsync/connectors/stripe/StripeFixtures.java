package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.mappings.SourcesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** A Stripe source as sources.yaml would configure it, and replies built from the fixture pages. */
final class StripeFixtures {

    static final String API_KEY = "sk_test_51SecretDoNotLeak";
    /** 2024-06-10T12:00:00Z */
    static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");
    static final long NOW_EPOCH = 1718020800L;

    private StripeFixtures() {
    }

    static SourcesConfig.HttpSourceConfig config(int pageSize, Map<String, String> options) {
        return new SourcesConfig.HttpSourceConfig("stripe", true, "0 0 * * * ?", "https://api.stripe.com/", Map.of(),
                pageSize, 90, null, null, options);
    }

    static StripeSource source() {
        return new StripeSource(config(250, Map.of()), IdentityConfig.defaults(), Map.of("api_key", API_KEY));
    }

    static SourceReply reply(String fixture) {
        return new SourceReply(200, Map.of("Content-Type", "application/json", "Request-Id", "req_Test"),
                bytes(fixture));
    }

    static SourceReply replyBody(String body) {
        return new SourceReply(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** The fixture page mapped as the first page of the stream's first pull. */
    static SourcePage firstPage(StripeSource source, String stream, String fixture) throws Exception {
        SourceRequest request = source.firstRequest(stream, null, NOW);
        return source.map(stream, request, reply(fixture), NOW);
    }

    private static byte[] bytes(String fixture) {
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture stripe/" + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
