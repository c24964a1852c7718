package io.healthsync.cli;

import io.healthsync.mappings.ConfigError;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.routes.OrgFieldCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the config directory (every file, key, type and range) and say, per file, whether it "
                + "came from the directory or from the shipped defaults; with --org also ask Salesforce whether "
                + "every mapped field exists and is updateable."},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync validate --config my-config",
                "  healthsync validate --config my-config --org --json  # and the org",
                ExitCodes.FOOTER})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--org", description = "Also check the mapped fields against the org (needs credentials).")
    boolean org;

    @Override
    public Integer call() throws Exception {
        common.checkConfig();
        Path dir = common.config;
        Map<String, Optional<Path>> sources = ConfigLoader.sources(dir);
        List<ConfigError> errors = ConfigLoader.validate(dir);
        String where = dir == null ? "the shipped defaults" : dir.toString();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config_dir", dir == null ? null : dir.toString());
        json.put("valid", errors.isEmpty());
        json.put("files", files(sources));
        json.put("errors", errors.stream().map(ConfigError::toString).toList());
        if (!errors.isEmpty()) {
            if (common.json) {
                ReportPrinter.json(System.out, json);
            } else {
                System.out.println("Config in " + where + " has " + errors.size() + " error(s):");
                errors.forEach(e -> System.out.println("  " + e));
                printSources(dir, sources);
            }
            return ExitCodes.USAGE;
        }
        if (!common.json) {
            System.out.println("Config in " + where + " is valid.");
            printSources(dir, sources);
        }
        if (!org) {
            if (common.json) {
                ReportPrinter.json(System.out, json);
            }
            return ExitCodes.OK;
        }
        HealthsyncConfig config = common.loadConfig();
        List<String> problems = OrgFieldCheck.problems(config, System.getenv());
        String loginUrl = config.sources().salesforce().loginUrl();
        if (common.json) {
            json.put("org", loginUrl);
            json.put("org_problems", problems);
            ReportPrinter.json(System.out, json);
        } else if (problems.isEmpty()) {
            System.out.println("Every mapped field exists in the org at " + loginUrl
                    + " and the ones written are updateable.");
        } else {
            System.out.println("The org at " + loginUrl + " disagrees with fields.yaml:");
            problems.forEach(p -> System.out.println("  " + p));
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** Per file: {"source": "directory", "path": ...} or {"source": "shipped_default"}. */
    private static Map<String, Map<String, String>> files(Map<String, Optional<Path>> sources) {
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        sources.forEach((name, path) -> files.put(name, path
                .map(p -> Map.of("source", "directory", "path", p.toString()))
                .orElse(Map.of("source", "shipped_default"))));
        return files;
    }

    private static void printSources(Path dir, Map<String, Optional<Path>> sources) {
        sources.forEach((name, path) -> System.out.printf("  %-15s %s%n", name, path.map(p -> "from " + p)
                .orElse(dir == null ? "shipped default" : "shipped default (" + dir + " has no " + name + ")")));
        if (dir != null && sources.values().stream().allMatch(Optional::isEmpty)) {
            System.out.println("  " + dir + " holds none of the config files: this is the shipped configuration "
                    + "('healthsync init-config DIR' writes the files to edit)");
        }
    }
}
