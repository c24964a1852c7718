package io.healthsync.sandbox.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link SourceApi} on its own embedded WireMock server, as the Salesforce sandbox does: one
 * catch-all stub whose response the API computes. Every request is checked for credentials first (a
 * refused one is not a fault's target), then meets the injected faults, then is answered; all are counted.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Jetty's GzipHandler leaves answers shorter than this as they are. */
    private static final int MIN_GZIP_BYTES = 32;

    private final SourceApi api;
    private final ApiFaults faults;
    private final int retryAfterSeconds;
    private final WireMockServer server;
    private final Map<String, Long> callsByKind = new TreeMap<>();
    private long calls;

    public ApiServer(SourceApi api, int port, ApiFaults faults, int retryAfterSeconds) {
        this.api = api;
        this.faults = faults;
        this.retryAfterSeconds = retryAfterSeconds;
        String transformer = api.name() + "-sandbox";
        this.server = new WireMockServer(wireMockConfig()
                .port(port)
                .extensions(new Transformer(transformer))
                .disableRequestJournal()
                // answers are gzipped here, at the deflater's fastest level: Jetty's handler used the default
                // level, a third of the stand-in's CPU for Stripe's 240 KB pages of invoices
                .gzipDisabled(true)
                // else WireMock renders every request and its whole response (the body as JSON) into a
                // message for the notifier, which, not verbose, drops it
                .stubRequestLoggingDisabled(true)
                .notifier(new Slf4jNotifier(false)));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(transformer)));
        LOG.info("{} sandbox listening at {}", api.name(), baseUrl());
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public synchronized long callsServed() {
        return calls;
    }

    /** Calls by path, plus the refusals (unauthorized) and injected faults (rate_limited, unavailable, malformed). */
    public synchronized Map<String, Long> callsByKind() {
        return Map.copyOf(callsByKind);
    }

    ApiResponse serve(ApiRequest request) {
        ApiResponse refusal = api.refuse(request);
        if (refusal != null) {
            count("unauthorized");
            return refusal.withHeaders(api.commonHeaders(request));
        }
        ApiFaults.Fault fault = faults.next(request.path());
        ApiResponse response = switch (fault) {
            case RATE_LIMITED -> api.rateLimited(retryAfterSeconds);
            case UNAVAILABLE -> api.unavailable();
            default -> api.handle(request);
        };
        if (fault == ApiFaults.Fault.MALFORMED && response.status() == 200) {
            response = response.truncated();
        }
        count(fault == ApiFaults.Fault.NONE ? request.path() : fault.name().toLowerCase());
        return response.withHeaders(api.commonHeaders(request));
    }

    private synchronized void count(String kind) {
        calls++;
        callsByKind.merge(kind, 1L, Long::sum);
    }

    @Override
    public void close() {
        server.stop();
        LOG.info("{} sandbox stopped after {} calls", api.name(), callsServed());
    }

    /** Whether an answer goes gzipped: text the client accepts gzipped, not a zip nor a few bytes (as Jetty decides). */
    static boolean gzipped(String acceptEncoding, ApiResponse response) {
        String type = response.contentType() == null ? "" : response.contentType().toLowerCase(java.util.Locale.ROOT);
        return acceptEncoding != null && acceptEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")
                && (type.startsWith("text/") || type.contains("json")) && response.body().length >= MIN_GZIP_BYTES;
    }

    /** The WireMock extension that hands every request to the API. */
    private final class Transformer implements ResponseDefinitionTransformerV2 {

        private final String name;

        Transformer(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            ApiResponse response;
            try {
                response = serve(ApiRequest.of(baseUrl(), request.getMethod().getName(), request.getUrl(),
                        request::getHeader));
            } catch (RuntimeException e) {
                LOG.warn("{} sandbox failed to answer {} {}", api.name(), request.getMethod(), request.getUrl(), e);
                response = ApiResponse.text(500, "text/plain", "sandbox error: " + e.getClass().getSimpleName());
            }
            boolean gzip = gzipped(request.getHeader("Accept-Encoding"), response);
            ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(response.status())
                    .withHeader("Content-Type", response.contentType())
                    .withBody(gzip ? FastGzip.of(response.body()) : response.body());
            if (gzip) {
                builder.withHeader("Content-Encoding", "gzip").withHeader("Vary", "Accept-Encoding");
            }
            response.headers().forEach(builder::withHeader);
            return builder.build();
        }
    }
}
