package io.healthsync.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthsync.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `healthsync run`'s one HTTP port, on the JDK's own server (no extra dependency): /metrics, /health/live,
 * /health/ready and the read API GET /api/accounts/{id}/health behind a bearer token. A 401 says only that a
 * token is needed, whatever was wrong with the one sent.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final Pattern ACCOUNT_PATH = Pattern.compile("/api/accounts/([A-Za-z0-9]{15,18})/health");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "healthsync-http");
        thread.setDaemon(true);
        return thread;
    });
    private final Store store;
    private final RunMetrics metrics;
    private final BearerToken token;

    /** Starts serving on {@code port} (0: any free port, see {@link #port()}). */
    public static OpsServer start(int port, Store store, RunMetrics metrics, Optional<String> apiToken) throws IOException {
        return new OpsServer(port, store, metrics, apiToken);
    }

    private OpsServer(int port, Store store, RunMetrics metrics, Optional<String> apiToken) throws IOException {
        this.store = store;
        this.metrics = metrics;
        this.token = new BearerToken(apiToken.orElse(null));
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(threads);
        server.createContext("/metrics", exchange -> handle(exchange, this::metrics));
        server.createContext("/health/live", exchange -> handle(exchange, e -> send(e, 200, "text/plain", "ok\n")));
        server.createContext("/health/ready", exchange -> handle(exchange, this::ready));
        server.createContext("/api/accounts/", exchange -> handle(exchange, this::accountHealth));
        server.start();
        if (apiToken.isEmpty()) {
            LOG.warn("no read API token configured (sources.yaml server.api_token): GET /api/accounts/... answers 401");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void metrics(HttpExchange exchange) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    /** Ready when the store answers and every source's last pull ended ok; the body says what is not. */
    private void ready(HttpExchange exchange) throws IOException {
        StringBuilder problems = new StringBuilder();
        try {
            store.checkReachable();
        } catch (RuntimeException e) {
            problems.append("store: unreachable\n");
        }
        for (Map.Entry<String, String> failing : metrics.failingSources().entrySet()) {
            problems.append("source ").append(failing.getKey()).append(": ").append(failing.getValue()).append('\n');
        }
        if (problems.isEmpty()) {
            send(exchange, 200, "text/plain", "ready\n");
        } else {
            send(exchange, 503, "text/plain", problems.toString());
        }
    }

    private void accountHealth(HttpExchange exchange) throws IOException {
        if (!token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            send(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
            return;
        }
        Matcher path = ACCOUNT_PATH.matcher(exchange.getRequestURI().getPath());
        Optional<io.healthsync.store.StoredScore> score = path.matches() ? store.latestScore(path.group(1)) : Optional.empty();
        if (score.isEmpty()) {
            send(exchange, 404, "application/json", "{\"error\":\"no score for this account\"}");
            return;
        }
        send(exchange, 200, "application/json", AccountHealthJson.of(score.get()));
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) {
        try (exchange) {
            handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.warn("HTTP {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
            try {
                send(exchange, 500, "text/plain", "internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // headers already sent: the client sees a cut response
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0); // handlers answer at once; nothing worth waiting for
        threads.shutdownNow();
    }
}
