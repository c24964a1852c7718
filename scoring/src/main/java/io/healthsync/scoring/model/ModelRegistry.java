package io.healthsync.scoring.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Trained models on disk: one folder per model ({@code booster.ubj}, XGBoost's own format from
 * {@code toByteArray}, and {@code model.json} with the feature contract, parameters, figures and the data's
 * hash), and a {@code current} file naming the promoted one. The pointer is replaced atomically, so a
 * reader sees the old model or the new one, never half of either.
 */
public final class ModelRegistry {

    public static final String BOOSTER = "booster.ubj";
    public static final String METADATA = "model.json";
    private static final String CURRENT = "current";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public ModelRegistry(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Saves a model under {@code id} (a new folder) and returns that folder. */
    public Path save(String id, byte[] booster, Map<String, Object> metadata) {
        Path folder = dir.resolve(id);
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(BOOSTER), booster);
            JSON.writeValue(folder.resolve(METADATA).toFile(), metadata);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model in " + folder + ": " + e.getMessage(), e);
        }
    }

    public void promote(String id) {
        try {
            Path temporary = Files.createTempFile(dir, CURRENT, ".tmp");
            Files.writeString(temporary, id + "\n");
            Files.move(temporary, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot promote model " + id + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The promoted model's id, if any. */
    public Optional<String> currentId() {
        Path pointer = dir.resolve(CURRENT);
        try {
            return Files.isRegularFile(pointer) ? Optional.of(Files.readString(pointer).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** The promoted model's metadata, if any. */
    public Optional<Map<String, Object>> current() {
        return currentId().map(this::metadata);
    }

    /** A saved model's metadata ({@code model.json}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata(String id) {
        Path file = dir.resolve(id).resolve(METADATA);
        try {
            return JSON.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the model " + id + " cannot be read (" + file + "): " + e.getMessage(), e);
        }
    }

    /** A saved model's booster, as {@code Booster.toByteArray} gave it. */
    public byte[] booster(String id) {
        Path file = dir.resolve(id).resolve(BOOSTER);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the booster of model " + id + " cannot be read (" + file + "): "
                    + e.getMessage(), e);
        }
    }
}
