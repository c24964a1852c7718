package io.healthsync.cli;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.store.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command that touches config or the store shares. */
public final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", paramLabel = "DIR",
            description = "Config directory (YAML files; missing files use the shipped defaults; default: the shipped "
                    + "defaults). Env: HEALTHSYNC_CONFIG.")
    Path config = envPath("HEALTHSYNC_CONFIG");

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded database lives (default: ./data; demo: ./data/demo). Env: HEALTHSYNC_DATA_DIR.")
    Path dataDir = envPath("HEALTHSYNC_DATA_DIR");

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Database (default: embedded H2 in the data dir), e.g. jdbc:postgresql://127.0.0.1:5432/test. "
                    + "Env: HEALTHSYNC_DB_URL; user and password from HEALTHSYNC_DB_USER / HEALTHSYNC_DB_PASSWORD.")
    String dbUrl = System.getenv("HEALTHSYNC_DB_URL");

    @Option(names = "--login-url", paramLabel = "URL",
            description = "Salesforce login URL, overriding sources.yaml (e.g. the sandbox's http://localhost:8089). "
                    + "Env: HEALTHSYNC_SALESFORCE_LOGIN_URL.")
    String loginUrl = System.getenv("HEALTHSYNC_SALESFORCE_LOGIN_URL");

    @Option(names = "--json", description = "Print the machine-readable summary (JSON) on stdout.")
    boolean json;

    /**
     * Refuses, before anything starts, a config directory that does not exist or is a file and a data
     * directory that cannot be written (exit 2), in the options' own words.
     */
    void check(Path defaultDataDir) {
        checkConfig();
        if (dbUrl == null || dataDir != null) {
            DataDirs.checkWritable(command.commandLine(), "--data-dir", dataDir(defaultDataDir));
        }
    }

    void checkConfig() {
        if (config != null && !Files.isDirectory(config)) {
            throw new ParameterException(command.commandLine(), "--config " + config + (Files.exists(config)
                    ? " is a file, not a directory; give the directory that holds the YAML files"
                    : " does not exist; give a directory holding any of " + String.join(", ", ConfigLoader.FILE_NAMES)
                            + " (files it lacks use the shipped defaults; 'healthsync init-config DIR' writes them all)"));
        }
    }

    HealthsyncConfig loadConfig() {
        HealthsyncConfig loaded = ConfigLoader.load(config);
        if (loginUrl == null) {
            return loaded;
        }
        SourcesConfig.Salesforce sf = loaded.sources().salesforce();
        SourcesConfig.Salesforce overridden = sf.withLoginUrl(loginUrl);
        return loaded.withSources(loaded.sources().withSalesforce(overridden));
    }

    /** Where `train` keeps the models (churn/, expansion/) and sync, plan and run read the promoted ones. */
    Path modelsDir(Path defaultDataDir) {
        return dataDir(defaultDataDir).resolve("models");
    }

    Path dataDir(Path fallback) {
        return dataDir != null ? dataDir : fallback;
    }

    JdbcStore openStore(Path defaultDataDir) {
        return openStore(dbUrl, dataDir(defaultDataDir));
    }

    /** The store at {@code dbUrl} (credentials from the environment), or without one the H2 file in {@code dataDir}. */
    static JdbcStore openStore(String dbUrl, Path dataDir) {
        String url = dbUrl != null ? dbUrl
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("healthsync")
                        + ";DB_CLOSE_ON_EXIT=FALSE"; // closed by us, after the last write, not by H2's own hook
        return JdbcStore.open(url, System.getenv("HEALTHSYNC_DB_USER"), System.getenv("HEALTHSYNC_DB_PASSWORD"));
    }

    /** Which store a command uses, for its output: the H2 file, or the JDBC URL without credentials. */
    String storeDescription() {
        if (dbUrl != null) {
            return dbUrl.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
        }
        return "H2 " + dataDir(Path.of("data")).resolve("healthsync");
    }

    private static Path envPath(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
