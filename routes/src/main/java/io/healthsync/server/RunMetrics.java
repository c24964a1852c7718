package io.healthsync.server;

import io.healthsync.mappings.SourcesConfig;
import io.healthsync.routes.RunReport;
import io.healthsync.scoring.model.ModelRegistry;
import io.healthsync.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What `healthsync run` exports at /metrics (Prometheus text): counters fed by each run's {@link RunReport},
 * gauges read when scraped (data age from the store, model figures from the promoted models' model.json).
 * The metric names are the ones deploy/grafana/healthsync-dashboard.json asks for.
 */
public final class RunMetrics {

    public static final List<String> NAMES = List.of("healthsync_records_pulled_total", "healthsync_salesforce_api_calls_total",
            "healthsync_salesforce_api_used", "healthsync_salesforce_api_limit", "healthsync_salesforce_api_remaining",
            "healthsync_source_state", "healthsync_accounts_by_band", "healthsync_writes_total", "healthsync_data_age_seconds",
            "healthsync_model_auc", "healthsync_model_calibration_error", "healthsync_playbook_actions_total",
            "healthsync_runs_total");
    static final List<String> SOURCE_STATES = List.of("ok", "failed", "open-breaker");
    private static final List<String> MODELS = List.of("churn", "expansion");
    private static final Pattern LIMIT_INFO = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, String> sourceStates = new ConcurrentHashMap<>();

    public RunMetrics(SourcesConfig sources, Store store, Path modelsDir, Clock clock) {
        List<String> pulled = new java.util.ArrayList<>();
        if (sources.salesforce().enabled()) {
            pulled.add("salesforce");
        }
        sources.enabledHttpSources().forEach(source -> pulled.add(source.name()));
        for (String source : pulled) {
            // seconds since the source's last complete pull; NaN (no sample) before the first one
            Gauge.builder("healthsync.data.age.seconds", () -> store.sourceCompleteAt(source)
                            .map(at -> (double) Duration.between(at, clock.instant()).toSeconds()).orElse(Double.NaN))
                    .tag("source", source).register(registry);
            for (String state : SOURCE_STATES) {
                Gauge.builder("healthsync.source.state", () -> state.equals(sourceStates.get(source)) ? 1 : 0)
                        .tag("source", source).tag("state", state).register(registry);
            }
        }
        if (modelsDir != null) {
            for (String model : MODELS) {
                ModelRegistry models = new ModelRegistry(modelsDir.resolve(model));
                Gauge.builder("healthsync.model.auc", () -> modelFigure(models, "auc")).tag("model", model).register(registry);
                Gauge.builder("healthsync.model.calibration.error", () -> modelFigure(models, "ece"))
                        .tag("model", model).register(registry);
            }
        }
    }

    /** Adds what one run did. */
    public void record(RunReport report) {
        counter("healthsync.runs", "status", report.status).increment();
        report.sources.forEach((source, summary) -> {
            counter("healthsync.records.pulled", "source", source).increment(summary.records());
            sourceStates.put(source, summary.state());
        });
        report.apiCallsByOperation.forEach((operation, calls) ->
                counter("healthsync.salesforce.api.calls", "operation", operation).increment(calls));
        Matcher usage = LIMIT_INFO.matcher(report.apiUsage == null ? "" : report.apiUsage);
        if (usage.find()) {
            long used = Long.parseLong(usage.group(1));
            long limit = Long.parseLong(usage.group(2));
            gauge("healthsync.salesforce.api.used", Map.of()).set(used);
            gauge("healthsync.salesforce.api.limit", Map.of()).set(limit);
            gauge("healthsync.salesforce.api.remaining", Map.of()).set(Math.max(0, limit - used));
        }
        if (!report.bands.isEmpty()) {
            for (String band : List.of("Red", "Yellow", "Green")) {
                gauge("healthsync.accounts.by.band", Map.of("band", band)).set(bandCount(report.bands, band));
            }
        }
        counter("healthsync.writes", "result", "written").increment(report.recordsWritten);
        counter("healthsync.writes", "result", "failed").increment(report.recordsFailed);
        counter("healthsync.playbook.actions", "type", "task").increment(report.tasksCreated);
        counter("healthsync.playbook.actions", "type", "opportunity").increment(report.opportunitiesCreated);
        counter("healthsync.playbook.actions", "type", "log_only").increment(report.actionsLogged);
        counter("healthsync.playbook.actions", "type", "held_out").increment(report.heldOut);
    }

    /** The sources whose last pull did not end ok, with their state (readiness reports them). */
    public Map<String, String> failingSources() {
        Map<String, String> failing = new java.util.TreeMap<>();
        sourceStates.forEach((source, state) -> {
            if (!"ok".equals(state)) {
                failing.put(source, state);
            }
        });
        return failing;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    private static long bandCount(Map<String, Integer> bands, String band) {
        return bands.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(band))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value == null ? "unknown" : value).register(registry);
    }

    private AtomicLong gauge(String name, Map<String, String> tags) {
        return gauges.computeIfAbsent(name + tags, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.Builder<AtomicLong> builder = Gauge.builder(name, value, AtomicLong::get);
            tags.forEach(builder::tag);
            builder.register(registry);
            return value;
        });
    }

    @SuppressWarnings("unchecked")
    private static double modelFigure(ModelRegistry models, String figure) {
        try {
            return models.current()
                    .map(metadata -> ((Map<String, Object>) metadata.getOrDefault("metrics", Map.of())).get(figure))
                    .filter(Number.class::isInstance).map(value -> ((Number) value).doubleValue()).orElse(Double.NaN);
        } catch (RuntimeException unreadable) {
            return Double.NaN; // a model folder being replaced: the next scrape reads it
        }
    }
}
