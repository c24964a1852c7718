package io.healthsync.cli;

import io.healthsync.mappings.SourcesConfig;
import io.healthsync.routes.RunReport;
import io.healthsync.server.OpsServer;
import io.healthsync.server.RunMetrics;
import io.healthsync.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** `run`'s metrics and, when sources.yaml's server.port is not 0, the HTTP port that serves them. */
final class OpsEndpoints implements AutoCloseable {

    private final RunMetrics metrics;
    private final OpsServer server;

    private OpsEndpoints(RunMetrics metrics, OpsServer server) {
        this.metrics = metrics;
        this.server = server;
    }

    static OpsEndpoints start(SourcesConfig sources, Store store, Path modelsDir, PrintStream out) throws IOException {
        RunMetrics metrics = new RunMetrics(sources, store, modelsDir, Clock.systemUTC());
        SourcesConfig.Server config = sources.server();
        if (!config.enabled()) {
            return new OpsEndpoints(metrics, null);
        }
        Optional<String> token = config.apiToken() == null ? Optional.empty() : config.apiToken().resolve(System.getenv());
        OpsServer server;
        try {
            server = OpsServer.start(config.port(), store, metrics, token);
        } catch (java.net.BindException e) {
            throw new IOException("cannot serve on port " + config.port() + " (sources.yaml server.port): "
                    + e.getMessage() + "; pick a free port, or 0 for none", e);
        }
        out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " healthsync run: serving /metrics, /health/live, "
                + "/health/ready and /api/accounts/{id}/health on port " + server.port()
                + (token.isPresent() ? "" : " (no read API token set: " + config.apiToken().describe() + ")"));
        return new OpsEndpoints(metrics, server);
    }

    void record(RunReport report) {
        metrics.record(report);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
