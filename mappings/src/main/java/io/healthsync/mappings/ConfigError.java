package io.healthsync.mappings;

import java.io.Serializable;

/**
 * One problem in a config file, located so a person can go straight to it.
 *
 * @param file    the file's name, e.g. {@code taxonomy.yaml} (or the directory, for a problem with the directory)
 * @param line    1-based; 0 when the problem is the file or directory as a whole
 * @param column  1-based; 0 when {@code line} is 0
 * @param path    where in the document, e.g. {@code types.call.patterns[2]}; empty for the whole file
 * @param message what is wrong and what was expected
 */
public record ConfigError(String file, int line, int column, String path, String message) implements Serializable {

    /** {@code taxonomy.yaml:12:5: types.call.patterns[2]: message}; the parts that are unknown are left out. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
