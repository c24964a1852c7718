package io.healthsync.mappings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a secret lives: an environment variable or a file. Config names the place, never the value,
 * and {@link #toString()} never reveals the value either.
 */
public record SecretRef(String env, String file) {

    public Optional<String> resolve(Map<String, String> environment) {
        if (env != null) {
            String value = environment.get(env);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        if (file != null) {
            Path path = Path.of(file);
            if (Files.isReadable(path)) {
                try {
                    return Optional.of(Files.readString(path).trim());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read secret file " + file, e);
                }
            }
        }
        return Optional.empty();
    }

    /** How a person provides it, for error messages: "environment variable SF_CLIENT_ID". */
    public String describe() {
        if (env != null && file != null) {
            return "environment variable " + env + " or file " + file;
        }
        return env != null ? "environment variable " + env : "file " + file;
    }

    @Override
    public String toString() {
        return "SecretRef[" + describe() + "]";
    }
}
