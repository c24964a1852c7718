package io.healthsync.mappings;

import java.util.List;
import java.util.stream.Collectors;

/** The config cannot be used; carries every error found, in every file, so one run shows them all. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
