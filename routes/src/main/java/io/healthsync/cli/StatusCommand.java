package io.healthsync.cli;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.store.JdbcStore;
import io.healthsync.store.Store;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What an operator looks at first: per source whether it is on, its schedule, its last run, its cursors,
 * what it has stored, quarantined and left unmatched, and its breaker; then the writes still pending.
 * Reads the store only: no call to any API.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each source's schedule, last run, cursors, records, quarantine, unmatched records and "
                + "circuit breaker, and the writes still pending. Calls no API.",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync status                      # the default store (./data)",
                "  healthsync status --data-dir data/demo --json",
                ExitCodes.FOOTER})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.check(Path.of("data"));
        HealthsyncConfig config = common.loadConfig();
        try (JdbcStore store = common.openStore(Path.of("data"))) {
            Map<String, Object> status = status(config, store, Instant.now());
            if (common.json) {
                ReportPrinter.json(System.out, status);
            } else {
                print(System.out, status);
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> status(HealthsyncConfig config, Store store, Instant now) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("store", store.describe());
        Map<String, Object> sources = new LinkedHashMap<>();
        SourcesConfig.Salesforce sf = config.sources().salesforce();
        sources.put("salesforce", source(store, "salesforce", sf.enabled(), sf.cron(), 0, now));
        for (String name : SourcesConfig.HTTP_SOURCES) {
            SourcesConfig.HttpSourceConfig source = config.sources().http().get(name);
            if (source != null && (source.enabled() || store.lastRun(name).isPresent())) {
                sources.put(name, source(store, name, source.enabled(), source.cron(),
                        source.resilience().breakerOpenSeconds(), now));
            }
        }
        status.put("sources", sources);
        Map<String, Object> outbox = new LinkedHashMap<>();
        store.latestPlan().ifPresentOrElse(plan -> {
            outbox.put("latest_plan", plan.id());
            outbox.put("planned_at", plan.createdAt().toString());
            outbox.put("pending_writes", store.pendingWrites(plan.id()).size());
            outbox.put("failed_writes", store.failedWrites(plan.id()).size());
            store.supersededBy(plan.id()).ifPresent(newer -> outbox.put("superseded_by", newer));
        }, () -> outbox.put("latest_plan", null));
        status.put("outbox", outbox);
        return status;
    }

    private static Map<String, Object> source(Store store, String name, boolean enabled, String cron,
                                              int breakerOpenSeconds, Instant now) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("enabled", enabled);
        source.put("cron", cron);
        store.lastRun(name).ifPresentOrElse(run -> {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("started_at", run.startedAt().toString());
            last.put("finished_at", run.finishedAt().toString());
            last.put("result", run.state());
            last.put("pages", run.pages());
            last.put("records", run.records());
            last.put("retries", run.retries());
            if (run.message() != null) {
                last.put("message", run.message());
            }
            source.put("last_run", last);
        }, () -> source.put("last_run", null));
        store.sourceCompleteAt(name).ifPresent(at -> source.put("last_complete_pull", at.toString()));
        Map<String, Object> cursors = new LinkedHashMap<>();
        for (Store.StreamCursor cursor : store.cursors(name)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cursor", cursor.cursorJson());
            c.put("records", cursor.recordsTotal());
            c.put("complete_at", cursor.completeAt() == null ? null : cursor.completeAt().toString());
            cursors.put(cursor.stream(), c);
        }
        source.put("cursors", cursors);
        source.put("stored", store.storedCounts(name));
        source.put("quarantined", store.quarantinedCount(name));
        source.put("unmatched", store.unmatchedCount(name));
        List<String> examples = store.unmatchedExamples(name, 3);
        if (!examples.isEmpty()) {
            source.put("unmatched_examples", examples);
        }
        source.put("breaker", breaker(store, name, breakerOpenSeconds, now));
        return source;
    }

    /** closed, open (with until when) or half-open, as the last process left it. */
    private static String breaker(Store store, String name, int openSeconds, Instant now) {
        return store.breaker(name).map(memory -> {
            if ("OPEN".equals(memory.state()) && memory.since() != null) {
                Instant until = memory.since().plus(Duration.ofSeconds(openSeconds));
                return until.isAfter(now) ? "open until " + until : "open (retried at the next run)";
            }
            return memory.state().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }).orElse("closed");
    }

    @SuppressWarnings("unchecked")
    static void print(PrintStream out, Map<String, Object> status) {
        out.println("healthsync status (" + status.get("store") + ")");
        Map<String, Object> sources = (Map<String, Object>) status.get("sources");
        sources.forEach((name, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            out.println();
            out.println(name + ": " + ((boolean) s.get("enabled") ? "enabled, cron \"" + s.get("cron") + "\"" : "disabled")
                    + ", breaker " + s.get("breaker"));
            Map<String, Object> last = (Map<String, Object>) s.get("last_run");
            if (last == null) {
                out.println("  last run:  never");
            } else {
                out.println("  last run:  " + last.get("result") + " at " + last.get("started_at") + " (" + last.get("pages")
                        + " pages, " + last.get("records") + " records, " + last.get("retries") + " retries)");
                if (last.get("message") != null) {
                    out.println("             " + last.get("message"));
                }
            }
            out.println("  complete:  " + s.getOrDefault("last_complete_pull", "never"));
            ((Map<String, Object>) s.get("cursors")).forEach((stream, c) -> {
                Map<String, Object> cursor = (Map<String, Object>) c;
                out.println("  cursor:    " + stream + " " + cursor.get("cursor") + " (" + cursor.get("records") + " records)");
            });
            out.println("  stored:    " + s.get("stored"));
            out.println("  quarantined " + s.get("quarantined") + ", unmatched " + s.get("unmatched"));
            List<String> examples = (List<String>) s.get("unmatched_examples");
            if (examples != null) {
                examples.forEach(e -> out.println("    e.g. " + e));
            }
        });
        Map<String, Object> outbox = (Map<String, Object>) status.get("outbox");
        out.println();
        if (outbox.get("latest_plan") == null) {
            out.println("outbox: no plan yet");
        } else {
            out.println("outbox: plan " + outbox.get("latest_plan") + " (" + outbox.get("planned_at") + "): "
                    + outbox.get("pending_writes") + " writes pending, " + outbox.get("failed_writes") + " failed"
                    + (outbox.containsKey("superseded_by") ? ", superseded by " + outbox.get("superseded_by") : ""));
        }
    }
}
