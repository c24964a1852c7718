package io.healthsync.cli;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.ProcessCpu;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline measured at a given size: a fresh synthetic company served by {@code healthsync
 * sandbox} as a process of its own (so time and heap measured here are the app's), a first run from an
 * empty store, then a second run after a share of the accounts drifted. Figures, not a pass/fail test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = false,
        description = {"Measure the whole pipeline (pull, score, plan, apply) on a fresh synthetic company of N "
                + "accounts, then a second run after P%% of them drifted: wall time per stage, records per second, "
                + "peak heap, API calls by kind and the write-call ratio.",
                "The sandbox runs as its own process, so the figures are this process's alone: run it as "
                        + "'JAVA_OPTS=-Xmx1g ./healthsync bench' to hold the app to a heap (the launcher adds its "
                        + "JIT and collector options). The data dir is emptied first."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync bench --accounts 10000",
                "  healthsync bench --accounts 100000 --drift 5 --json > bench.json",
                ExitCodes.FOOTER})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    int accounts;
    int driftPercent;
    long seed;

    @Option(names = "--accounts", defaultValue = "10000", paramLabel = "N",
            description = "Accounts in the synthetic company, at least 1 (default: ${DEFAULT-VALUE}).")
    void accounts(int value) {
        accounts = OptionChecks.atLeast(spec.commandLine(), "--accounts", 1, value);
    }

    @Option(names = "--drift", defaultValue = "5", paramLabel = "P",
            description = "Percent of the accounts that change before the second run, 0-100 (default: ${DEFAULT-VALUE}).")
    void drift(int value) {
        if (value < 0 || value > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--drift must be a percentage between 0 and 100, got " + value);
        }
        driftPercent = value;
    }

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the synthetic company (default: ${DEFAULT-VALUE}).")
    void seed(long value) {
        seed = value;
    }

    @Option(names = "--data-dir", defaultValue = "data/bench", paramLabel = "DIR",
            description = "Where the sandbox's org, its log and the store are kept; emptied first (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Measure with this store instead of an H2 file in --data-dir: a PostgreSQL database or schema "
                    + "that holds nothing yet, e.g. jdbc:postgresql://host/db?currentSchema=bench (user and password from "
                    + "HEALTHSYNC_DB_USER and HEALTHSYNC_DB_PASSWORD, or in the URL).")
    String dbUrl;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Config directory whose taxonomy, scorecard, fields and playbooks are used (default: the shipped ones).")
    Path config;

    @Option(names = "--json", description = "Print the figures as JSON on stdout.")
    boolean json;

    private List<String> sources = BENCH_SOURCES;

    @Option(names = "--sources", paramLabel = "LIST", split = ",",
            description = "Which of the company's other sources are pulled beside Salesforce: any of zendesk, stripe, "
                    + "amplitude, or none (default: all three).")
    void sources(List<String> names) {
        List<String> chosen = new java.util.ArrayList<>();
        for (String name : names) {
            String source = name.strip().toLowerCase(java.util.Locale.ROOT);
            if (source.equals("none") || source.equals("salesforce")) {
                continue; // Salesforce is always pulled: it is where the accounts come from
            }
            if (!BENCH_SOURCES.contains(source)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sources: unknown source '"
                        + name + "' (choose from " + String.join(", ", BENCH_SOURCES) + ", or none)");
            }
            if (!chosen.contains(source)) {
                chosen.add(source);
            }
        }
        sources = List.copyOf(chosen);
    }

    /** The company's sources besides Salesforce, as the sandbox serves them. */
    static final List<String> BENCH_SOURCES = List.of("zendesk", "stripe", "amplitude");

    /** The config with only {@code sources} of the HTTP sources left on. */
    static HealthsyncConfig only(HealthsyncConfig config, List<String> sources) {
        Map<String, io.healthsync.mappings.SourcesConfig.HttpSourceConfig> kept = new LinkedHashMap<>();
        sources.forEach(name -> config.sources().http(name).ifPresent(source -> kept.put(name, source)));
        return config.withSources(config.sources().withHttp(kept));
    }

    /** Accounts changed before the second run: P% of them, at least one when P > 0. */
    static int driftedAccounts(int accounts, int percent) {
        return (int) Math.ceil(accounts * percent / 100.0);
    }

    @Override
    public Integer call() throws Exception {
        DataDirs.checkWritable(spec.commandLine(), "--data-dir", dataDir);
        HealthsyncConfig loaded = ConfigLoader.load(config);
        DataDirs.delete(dataDir);
        if (dbUrl != null) {
            try (JdbcStore store = openStore()) {
                if (!store.isEmpty()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--db-url: " + store.describe()
                            + " already holds data; the bench measures a first run, so it needs an empty database or schema");
                }
            }
        }
        PrintStream out = System.out;
        int drift = driftedAccounts(accounts, driftPercent);
        if (!json) {
            out.printf("healthsync bench: %,d accounts (seed %d), then %d%% (%,d) drifted; sources: salesforce%s; %d cores, "
                    + "max heap %,d MiB; the sandbox runs as its own process (log: %s)%n", accounts, seed, driftPercent, drift,
                    sources.isEmpty() ? "" : ", " + String.join(", ", sources),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    sandboxDir().resolve("sandbox.log"));
        }
        BenchFigures first = measure(loaded, 0, "first run");
        // with no drift, the second run shows what a run costs when nothing changed
        BenchFigures second = measure(loaded, drift, "incremental run");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("accounts", accounts);
        figures.put("drift_percent", driftPercent);
        figures.put("accounts_drifted", drift);
        List<String> pulled = new java.util.ArrayList<>(List.of("salesforce"));
        pulled.addAll(sources);
        figures.put("sources", pulled);
        figures.put("store", dbUrl == null || dbUrl.startsWith("jdbc:h2:") ? "h2" : "postgresql");
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        figures.putAll(first.json());
        figures.put("incremental", second.json());
        if (json) {
            ReportPrinter.json(out, figures);
        } else {
            BenchPrinter.print(out, first, second, drift);
        }
        boolean ok = "ok".equals(first.status()) && "ok".equals(second.status());
        return ok ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    /** How often the sandbox's CPU time is read while a run goes on (a read of /proc on Linux: some microseconds). */
    private static final long SANDBOX_CPU_EVERY_MS = 20;

    /** One run of the app against a sandbox process started for it (with {@code drift} accounts changed). */
    private BenchFigures measure(HealthsyncConfig loaded, int drift, String label) throws Exception {
        if (!json) {
            System.out.printf("  %s: starting the sandbox%s...%n", label, drift == 0 ? "" : String.format(" (%,d accounts drift)", drift));
        }
        // Salesforce alone: the sandbox leaves out the other APIs' synthetic company (some 20 s and gigabytes of
        // its heap at 100,000 accounts, which its collector would otherwise walk while the app is measured)
        try (SandboxProcess sandbox = SandboxProcess.start(sandboxDir(), accounts, seed, drift,
                DemoCommand.DEMO_USERS_PER_TRACKED_USER, sources.isEmpty());
             JdbcStore store = openStore()) {
            SandboxEndpoints endpoints = sandbox.endpoints();
            HealthsyncConfig config = sources.isEmpty() ? DemoCommand.pointAt(loaded, endpoints.loginUrl())
                    : only(DemoCommand.pointAt(loaded, endpoints, ANALYTICS), sources);
            RunReport report;
            long cpu;
            long sandboxCpu;
            Map<String, Long> sandboxByStage;
            try (HealthsyncApp app = HealthsyncApp.start(config, store, DemoCommand.sandboxEnv(endpoints),
                    Clock.systemUTC(), HealthsyncApp.RetryPolicy.defaults(), null)) {
                HeapPeak.reset();
                long cpuBefore = ProcessCpu.millis();
                CpuSampler sandboxCpuSampler = CpuSampler.start(sandbox::cpuMillis, SANDBOX_CPU_EVERY_MS);
                try {
                    report = app.sync(false, false);
                    cpu = cpuBefore < 0 ? -1 : ProcessCpu.millis() - cpuBefore;
                } finally {
                    sandboxCpuSampler.close();
                }
                sandboxCpu = sandboxCpuSampler.total();
                sandboxByStage = sandboxCpuSampler.byStage(report.stageNanos);
            }
            BenchFigures figures = BenchFigures.of(report, HeapPeak.megabytes(), HeapPeak.afterGcMegabytes(), cpu)
                    .withSandboxCpu(sandboxCpu, sandboxByStage);
            if (!json) {
                System.out.printf("  %s: %s in %.1f s%n", label, report.status, report.elapsedMs / 1000.0);
                report.problems.forEach(p -> System.out.println("    PROBLEM " + p));
            }
            return figures;
        }
    }

    /** The H2 file in --data-dir (emptied before the first run), or the --db-url store. */
    private JdbcStore openStore() {
        return CommonOptions.openStore(dbUrl, dataDir);
    }

    private Path sandboxDir() {
        return dataDir.resolve("sandbox");
    }

    /** The analytics source the synthetic company is measured with (the demo's). */
    static final String ANALYTICS = "amplitude";
}
