package io.healthsync.routes;

import io.healthsync.connectors.source.SourceCalls;
import io.healthsync.connectors.source.SourcePull;
import io.healthsync.connectors.source.SourcePullReport;
import io.healthsync.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per enabled HTTP source (zendesk, stripe, amplitude, mixpanel): {@code direct:pull-NAME}, and
 * in the long-running mode its own Quartz schedule. {@link #PULL_ALL} pulls them all at once for a one-shot
 * sync, each on a thread of its own, as their schedules do in the long-running mode: they are separate APIs, and
 * much of a pull is waiting on one (its rate limit, its pages being made), so in turn a sync took the sum of their
 * pulls (143 s of a 180 s first run at 10,000 accounts; at once 119 s). A source that fails or whose breaker is
 * open is reported and the others' pulls go on; the reports come in sources.yaml's order.
 */
final class SourceRoutes extends RouteBuilder {

    static final String PULL_ALL = "direct:pull-http-sources";
    static final String REPORTS = "healthsync.sourceReports";

    private final Map<String, HttpSources.Built> sources;
    private final Store store;
    private final Clock clock;
    private final boolean scheduled;
    private final Consumer<SourcePullReport> onScheduledPull;
    /** Built once per process: each source's breaker remembers across its scheduled pulls. */
    private final Map<String, SourcePull> pulls = new LinkedHashMap<>();

    SourceRoutes(Map<String, HttpSources.Built> sources, Store store, Clock clock, boolean scheduled,
                 Consumer<SourcePullReport> onScheduledPull) {
        this.sources = sources;
        this.store = store;
        this.clock = clock;
        this.scheduled = scheduled;
        this.onScheduledPull = onScheduledPull;
    }

    static String pullEndpoint(String source) {
        return "direct:pull-" + source;
    }

    static String cronProperty(String source) {
        return "healthsync." + source + ".cron";
    }

    @Override
    public void configure() {
        for (HttpSources.Built built : sources.values()) {
            String name = built.config().name();
            if (built.source() != null) {
                SourceCalls calls = new SourceCalls(name, built.config().resilience(), getContext().createProducerTemplate());
                pulls.put(name, new SourcePull(built.source(), calls, store, clock,
                        Duration.ofSeconds(built.config().resilience().breakerOpenSeconds())));
            }
            from(pullEndpoint(name)).routeId(name + "-pull")
                    .process(exchange -> exchange.getMessage().setBody(pull(built)));
            if (scheduled) {
                // stateful: a pull that outlasts its interval is not started twice at once
                from("quartz:healthsync/" + name + "-pull?stateful=true&cron={{" + cronProperty(name) + "}}")
                        .routeId(name + "-schedule")
                        .to(pullEndpoint(name))
                        .process(exchange -> onScheduledPull.accept(exchange.getMessage().getBody(SourcePullReport.class)));
            }
        }
        from(PULL_ALL).routeId("http-sources-pull")
                .process(exchange -> exchange.setProperty(REPORTS, pullAllAtOnce()));
    }

    private List<SourcePullReport> pullAllAtOnce() throws InterruptedException {
        if (sources.size() <= 1) {
            return sources.values().stream().map(this::pull).toList();
        }
        ExecutorService threads = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "http-sources-pull", sources.size());
        try {
            List<Future<SourcePullReport>> pulled = new ArrayList<>();
            for (HttpSources.Built built : sources.values()) {
                pulled.add(threads.submit(() -> pull(built)));
            }
            List<SourcePullReport> reports = new ArrayList<>();
            RuntimeException failed = null;
            for (Future<SourcePullReport> report : pulled) {
                try {
                    reports.add(report.get());
                } catch (ExecutionException e) {
                    // every other pull is waited for all the same: none is left writing behind the run
                    failed = failed != null ? failed : e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                }
            }
            if (failed != null) {
                throw failed;
            }
            return reports;
        } finally {
            getContext().getExecutorServiceManager().shutdown(threads);
        }
    }

    /** A source that could not be built fails each run with the reason, recorded like any other run. */
    private SourcePullReport pull(HttpSources.Built built) {
        SourcePull pull = pulls.get(built.config().name());
        if (pull != null) {
            return pull.pull();
        }
        SourcePullReport report = new SourcePullReport(built.config().name(), clock.instant());
        report.state = SourcePullReport.FAILED;
        report.message = built.problem();
        report.finishedAt = clock.instant();
        report.streamsComplete.put("all", false); // nothing was pulled
        store.recordRun(report);
        log.warn(built.problem());
        return report;
    }
}
