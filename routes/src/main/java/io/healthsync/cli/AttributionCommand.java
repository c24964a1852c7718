package io.healthsync.cli;

import io.healthsync.mappings.AttributionConfig;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.OutcomeKind;
import io.healthsync.routes.StoreJourneys;
import io.healthsync.scoring.attribution.AttributionAnalysis;
import io.healthsync.scoring.attribution.AttributionCsv;
import io.healthsync.scoring.attribution.AttributionPage;
import io.healthsync.scoring.attribution.AttributionReport;
import io.healthsync.scoring.attribution.Journey;
import io.healthsync.scoring.attribution.JourneyCsv;
import io.healthsync.scoring.attribution.TouchpointFigure;
import io.healthsync.store.JdbcStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = {"Which customer-success touchpoints drive renewals, expansions and churn, and what each returns: "
                + "credit per touchpoint type by seven models (last_touch, first_touch, linear, time_decay, u_shaped, "
                + "shapley, markov), the primary model's figures with 95%% bootstrap intervals, attributed revenue, cost "
                + "and ROI, timing, pairs, segments and recommendations.",
                "Reads the store's activities and billing outcomes, or an exported touchpoint history with --journeys. "
                + "Writes attribution-OUTCOME.html, .json and .csv to --out; windows, costs and the primary model come "
                + "from attribution.yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync attribution --data-dir data/demo",
                "  healthsync attribution --outcome churned --segment Enterprise --json",
                "  healthsync attribution --journeys touchpoints.csv --model markov --out reports",
                ExitCodes.FOOTER})
final class AttributionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--outcome", defaultValue = "renewed", paramLabel = "OUTCOME",
            description = "renewed (default), expanded, churned or contracted.")
    String outcome;

    @Option(names = "--segment", paramLabel = "S", description = "Only this segment's journeys (e.g. Enterprise).")
    String segment;

    @Option(names = "--model", paramLabel = "M",
            description = "The primary model (default: attribution.yaml's primary_model, shipped as shapley).")
    String model;

    @Option(names = "--journeys", paramLabel = "FILE.csv",
            description = "An exported touchpoint history instead of the store: one row per touchpoint with account_id, "
                    + "timestamp, touchpoint, outcome, outcome_date, revenue and optionally segment.")
    Path journeysFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the HTML, JSON and CSV go (default: the data dir).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutcomeKind kind = outcomeKind();
        if (model != null && !AttributionConfig.MODELS.contains(model)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model " + model + " is not a model: give one of "
                    + String.join(", ", AttributionConfig.MODELS));
        }
        common.checkConfig();
        HealthsyncConfig config = common.loadConfig();
        Path outDir = out != null ? out : common.dataDir(Path.of("data"));
        DataDirs.checkWritable(spec.commandLine(), out != null ? "--out" : "--data-dir", outDir);
        PrintStream err = System.err;
        List<Journey> journeys;
        String source;
        int exit = ExitCodes.OK;
        if (journeysFile != null) {
            JourneyCsv.Result read;
            try {
                read = JourneyCsv.read(journeysFile);
            } catch (IllegalArgumentException e) {
                err.println("healthsync attribution: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            read.problems().forEach(p -> err.println("attribution: " + p));
            if (read.skipped() > 0) {
                err.printf("attribution: %,d of %,d rows skipped (listed above); the rest was used%n", read.skipped(), read.rows());
                exit = ExitCodes.PARTIAL;
            }
            journeys = read.journeys();
            source = journeysFile.getFileName().toString();
        } else {
            try (JdbcStore store = common.openStore(Path.of("data"))) {
                journeys = StoreJourneys.read(config, store);
                source = "store " + common.storeDescription();
            }
        }
        AttributionReport report = new AttributionAnalysis(config.attribution()).run(journeys, kind, segment, model, source);
        if (report.journeys() == 0) {
            err.printf("healthsync attribution: no journeys to weigh for %s%s in %s: attribution needs outcomes "
                    + "(renewed, churned, expanded, contracted); connect a billing source and sync, or use --journeys FILE.csv%n",
                    kind.key(), segment == null ? "" : " in segment " + segment, source);
            return ExitCodes.FAILED;
        }
        List<Path> written = write(report, outDir);
        if (common.json) {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>(report.toJson());
            json.put("files", written.stream().map(Path::toString).toList());
            ReportPrinter.json(System.out, json);
        } else {
            summary(System.out, report, written);
        }
        return exit;
    }

    /** Writes attribution-OUTCOME[-segment].html, .json and .csv; the paths written. */
    static List<Path> write(AttributionReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = "attribution-" + report.outcome()
                + (report.segment() == null ? "" : "-" + report.segment().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        Path html = dir.resolve(base + ".html");
        Path json = dir.resolve(base + ".json");
        Path csv = dir.resolve(base + ".csv");
        Files.writeString(html, AttributionPage.render(report));
        Files.writeString(json, ReportPrinter.JSON.writeValueAsString(report.toJson()) + "\n");
        Files.writeString(csv, AttributionCsv.render(report));
        return List.of(html, json, csv);
    }

    private static void summary(PrintStream out, AttributionReport r, List<Path> written) {
        out.printf(Locale.ROOT, "Attribution of %s: %,d journeys, %,d reached it; primary model %s%n", r.outcome(),
                r.journeys(), r.reached(), r.primary());
        out.printf(Locale.ROOT, "  %-20s %8s %17s %12s %10s %7s%n", "touchpoint", "credit", "95% CI", "revenue", "cost", "ROI");
        for (TouchpointFigure f : r.touchpoints()) {
            out.printf(Locale.ROOT, "  %-20s %7.1f%% %7.1f%% - %5.1f%% %12.0f %10.0f %7s%n", f.touchpoint(), 100 * f.credit(),
                    100 * f.creditInterval().lower(), 100 * f.creditInterval().upper(), f.revenue(), f.cost(),
                    f.roi() == null ? "-" : String.format(Locale.ROOT, "%.1fx", f.roi()));
        }
        r.recommendations().forEach(text -> out.println("  - " + text));
        out.println("  written: " + String.join(", ", written.stream().map(Path::toString).toList()));
    }

    private OutcomeKind outcomeKind() {
        for (OutcomeKind kind : OutcomeKind.values()) {
            if (kind.key().equals(outcome)) {
                return kind;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--outcome " + outcome
                + " is not an outcome: give renewed, expanded, churned or contracted");
    }
}
