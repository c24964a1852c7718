package io.healthsync.mappings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Loads and validates the RevOps config directory. Each file the directory lacks falls back to its
 * shipped default (under {@code io/healthsync/defaults/}). Every file is read to the end, so a run
 * reports all errors of all files at once, each with file, line and what was expected.
 */
public final class ConfigLoader {

    public static final String TAXONOMY = "taxonomy.yaml";
    public static final String FIELDS = "fields.yaml";
    public static final String SCORECARD = "scorecard.yaml";
    public static final String SOURCES = "sources.yaml";
    public static final String IDENTITY = "identity.yaml";
    public static final String PLAYBOOKS = "playbooks.yaml";
    public static final String ATTRIBUTION = "attribution.yaml";
    public static final List<String> FILE_NAMES = List.of(TAXONOMY, FIELDS, SCORECARD, SOURCES, IDENTITY, PLAYBOOKS,
            ATTRIBUTION);

    private static final String DEFAULTS = "/io/healthsync/defaults/";

    private ConfigLoader() {
    }

    /**
     * The config in {@code dirOrNull} (null: the shipped defaults).
     *
     * @throws ConfigException listing every error, when there is any
     */
    public static HealthsyncConfig load(Path dirOrNull) {
        Reading reading = read(dirOrNull);
        if (!reading.errors().isEmpty()) {
            throw new ConfigException(reading.errors());
        }
        return reading.config();
    }

    /** Every error in the config in {@code dirOrNull} (null: the shipped defaults); empty when it is valid. */
    public static List<ConfigError> validate(Path dirOrNull) {
        return read(dirOrNull).errors();
    }

    /**
     * Where each of {@link #FILE_NAMES} is read from, in that order: its path in {@code dirOrNull}, or
     * empty when the directory lacks it (or there is none) and the shipped default is used.
     */
    public static Map<String, Optional<Path>> sources(Path dirOrNull) {
        Map<String, Optional<Path>> sources = new LinkedHashMap<>();
        for (String name : FILE_NAMES) {
            sources.put(name, Optional.ofNullable(fileIn(dirOrNull, name)));
        }
        return sources;
    }

    /** The file {@code name} in {@code dir}, or null when the shipped default stands in for it. */
    private static Path fileIn(Path dir, String name) {
        Path path = dir == null ? null : dir.resolve(name);
        return path == null || !Files.exists(path) ? null : path;
    }

    /** Copies the shipped default files into {@code dir}, creating it; never overwrites a file already there. */
    public static void writeDefaults(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : FILE_NAMES) {
                if (Files.exists(dir.resolve(name))) {
                    throw new FileAlreadyExistsException(dir.resolve(name).toString(), null,
                            "already exists; edited config is never overwritten, so move it away or pick another directory");
                }
            }
            for (String name : FILE_NAMES) {
                Files.writeString(dir.resolve(name), defaultText(name), StandardOpenOption.CREATE_NEW);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the default config to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The shipped default text of one of {@link #FILE_NAMES}. */
    static String defaultText(String name) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS + name)) {
            if (in == null) {
                throw new IllegalStateException("the shipped default " + DEFAULTS + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped default " + name, e);
        }
    }

    private record Reading(HealthsyncConfig config, List<ConfigError> errors) {
    }

    private static Reading read(Path dir) {
        List<ConfigError> errors = new ArrayList<>();
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                String problem = Files.exists(dir) ? "is not a directory" : "does not exist";
                errors.add(new ConfigError(dir.toString(), 0, 0, "", "the config directory " + problem
                        + "; expected a directory holding any of " + String.join(", ", FILE_NAMES)
                        + " (files it lacks use the shipped defaults)"));
                return new Reading(null, errors);
            }
            errors.addAll(unknownFiles(dir));
        }
        Taxonomy taxonomy = readFile(dir, TAXONOMY, TaxonomyReader::read, errors);
        FieldMapping fields = readFile(dir, FIELDS, FieldMappingReader::read, errors);
        ScorecardConfig scorecard = readFile(dir, SCORECARD, ScorecardReader::read, errors);
        SourcesConfig sources = readFile(dir, SOURCES, SourcesReader::read, errors);
        IdentityConfig identity = readFile(dir, IDENTITY, IdentityReader::read, errors);
        PlaybooksConfig playbooks = readFile(dir, PLAYBOOKS, PlaybooksReader::read, errors);
        AttributionConfig attribution = readFile(dir, ATTRIBUTION, AttributionReader::read, errors);
        HealthsyncConfig config = errors.isEmpty()
                ? new HealthsyncConfig(dir, taxonomy, fields, scorecard, sources, identity, playbooks, attribution) : null;
        return new Reading(config, List.copyOf(errors));
    }

    private static <T> T readFile(Path dir, String name, BiFunction<ConfigFile, String, T> reader,
                                  List<ConfigError> errors) {
        Path path = fileIn(dir, name);
        boolean shipped = path == null;
        ConfigFile file = new ConfigFile(shipped ? name + " (shipped default)" : name);
        T value = null;
        try {
            value = reader.apply(file, shipped ? defaultText(name) : Files.readString(path));
        } catch (MalformedInputException e) {
            file.error("the file is not UTF-8 text; expected YAML saved as UTF-8");
        } catch (IOException e) {
            file.error("cannot read " + path + " (" + e.getMessage() + "); expected a readable file");
        }
        errors.addAll(file.errors());
        return value;
    }

    /** A YAML file we do not know would be silently ignored (e.g. scorecard.yml): say so instead. */
    private static List<ConfigError> unknownFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !FILE_NAMES.contains(n))
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".yaml") || n.toLowerCase(Locale.ROOT).endsWith(".yml"))
                    .sorted()
                    .map(n -> new ConfigError(n, 0, 0, "", "unknown config file"
                            + ConfigFile.closest(n, FILE_NAMES).map(k -> " (did you mean " + k + "?)").orElse("")
                            + "; expected one of: " + String.join(", ", FILE_NAMES)))
                    .toList();
        } catch (IOException e) {
            return List.of(new ConfigError(dir.toString(), 0, 0, "", "cannot list the config directory (" + e
                    + "); expected a readable directory"));
        }
    }
}
