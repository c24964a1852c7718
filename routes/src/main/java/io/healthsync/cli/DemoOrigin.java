package io.healthsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options that shape the demo's org (accounts, seed), kept as {@code demo-org.json} beside the org and
 * the store in the demo's data dir. The store remembers the org it was filled from, so a demo run with
 * other values than the saved ones would pair a new org with an old store: it is refused instead (see
 * {@link DemoCommand}).
 */
record DemoOrigin(int accounts, long seed) {

    static final String FILE_NAME = "demo-org.json";

    /** The options as the user gives them: "--accounts 2000 --seed 42". */
    String options() {
        return "--accounts " + accounts + " --seed " + seed;
    }

    /**
     * What the demo in {@code dataDir} was made with: its {@value #FILE_NAME}, or for a data dir from before
     * that file, what the saved sandbox org says; empty for a new data dir.
     */
    static Optional<DemoOrigin> saved(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                JsonNode saved = ReportPrinter.JSON.readTree(file.toFile());
                return Optional.of(new DemoOrigin(saved.path("accounts").asInt(), saved.path("seed").asLong()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage()
                        + "); run the demo with --reset to start over", e);
            }
        }
        return SalesforceSandbox.savedOrg(sandboxDir(dataDir))
                .map(org -> new DemoOrigin(org.accounts(), org.seed()));
    }

    static Path sandboxDir(Path dataDir) {
        return dataDir.resolve("sandbox");
    }

    void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(FILE_NAME), "{\"accounts\": " + accounts + ", \"seed\": " + seed + "}\n");
    }

    SandboxOptions applyTo(SandboxOptions options) {
        return options.withAccounts(accounts).withSeed(seed);
    }
}
