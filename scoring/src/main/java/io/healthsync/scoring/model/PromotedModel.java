package io.healthsync.scoring.model;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The promoted model of one registry, ready to score: its booster loaded from the saved bytes, the trees it
 * uses, its feature contract checked against the live signals, its calibration and bands. Everything is read
 * from one model id, so a promotion while loading cannot mix two models.
 */
final class PromotedModel implements AutoCloseable {

    final String id;
    final FeatureColumns columns;
    final PlattScaling calibration;
    final ModelBands bands;
    private final Booster booster;
    private final int trees;
    /** SHAP from tables, or null where XGBoost's predictContrib computes it (see {@link TreeShap}). */
    private final TreeShap shap;
    /** XGBoost's bias: the margin of the average training row, base margin included. */
    private final double bias;

    private PromotedModel(String id, Booster booster, int trees, FeatureColumns columns, PlattScaling calibration,
                          ModelBands bands, boolean tabulateShap) {
        this.id = id;
        this.booster = booster;
        this.trees = trees;
        this.columns = columns;
        this.calibration = calibration;
        this.bands = bands;
        try {
            this.shap = tabulateShap ? TreeShap.of(booster.toByteArray("json"), trees, columns.width()).orElse(null) : null;
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot read the trees of model " + id + ": " + e.getMessage(), e);
        }
        if (shap == null) {
            this.bias = Double.NaN;
        } else {
            float[] missing = new float[columns.width()];
            Arrays.fill(missing, Float.NaN);
            this.bias = margins(missing, 1)[0] - shap.treesOutput(missing, 0) + shap.expectedTrees();
        }
    }

    /** A batch's margins and SHAP contributions: per row one value per column, then XGBoost's bias. */
    record Explained(double[] margins, double[][] contributions) {
    }

    /** The registry's promoted model, or empty when none is promoted; it must be of {@code kind} (churn, expansion). */
    static Optional<PromotedModel> load(ModelRegistry registry, String kind) {
        return load(registry, kind, true);
    }

    /** @param tabulateShap false: XGBoost's predictContrib computes SHAP whatever the trees (tests compare the two) */
    static Optional<PromotedModel> load(ModelRegistry registry, String kind, boolean tabulateShap) {
        Optional<String> current = registry.currentId();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        String id = current.get();
        String where = "model " + id + " in " + registry.dir();
        Map<String, Object> metadata = registry.metadata(id);
        Object savedKind = metadata.get("kind");
        if (savedKind != null && !kind.equals(savedKind)) {
            throw new IllegalStateException(where + " is a " + savedKind + " model where a " + kind + " model is expected");
        }
        List<String> features = stringList(metadata.get("features"), "features", where);
        if (features.isEmpty()) {
            throw new IllegalStateException(where + " has no features");
        }
        FeatureColumns columns = FeatureColumns.of(features,
                categories(metadata.get("categories"), where), where);
        PlattScaling calibration = calibration(metadata.get("calibration"), where);
        ModelBands bands = ModelBands.from(metadata.get("bands"), where);
        if (!(metadata.get("trees") instanceof Number trees) || trees.intValue() < 1) {
            throw new IllegalStateException(where + ": \"trees\" must be a positive number, got " + metadata.get("trees"));
        }
        Booster booster;
        try {
            booster = XGBoost.loadModel(registry.booster(id));
            // a loaded booster predicts on one thread unless told: SHAP over every account needs them all
            booster.setParam("nthread", Runtime.getRuntime().availableProcessors());
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("cannot load " + where + " (" + ModelRegistry.BOOSTER + "): " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw new IllegalStateException("XGBoost's native library did not load (on Linux it needs libgomp.so.1: "
                    + "apt-get install libgomp1): " + e.getMessage(), e);
        }
        try {
            return Optional.of(new PromotedModel(id, booster, trees.intValue(), columns, calibration, bands, tabulateShap));
        } catch (RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /**
     * The margins and SHAP contributions (margin units) of a batch of rows: the contributions come from the tables
     * when the trees allow, else from predictContrib on one XGBoost matrix. Either way a row's contributions and
     * bias add up to its margin, which is how the margin is had from the tables.
     */
    Explained explain(float[] data, int rows) {
        int width = columns.width();
        if (shap != null) {
            // the trees' output less its average is the sum of the row's SHAP values (their efficiency): with the
            // bias, the margin, without another pass of XGBoost over the rows
            double[][] contributions = shap.contributions(data, rows);
            double[] margins = new double[rows];
            for (int r = 0; r < rows; r++) {
                double[] row = contributions[r];
                double margin = bias;
                for (int f = 0; f < width; f++) {
                    margin += row[f];
                }
                row[width] = bias;
                margins[r] = margin;
            }
            return new Explained(margins, contributions);
        }
        DMatrix matrix = matrix(data, rows);
        try {
            float[][] contributions = booster.predictContrib(matrix, trees);
            double[] margins = new double[rows];
            double[][] values = new double[rows][width + 1];
            for (int r = 0; r < rows; r++) {
                for (int f = 0; f <= width; f++) {
                    values[r][f] = contributions[r][f];
                    margins[r] += contributions[r][f];
                }
            }
            return new Explained(margins, values);
        } catch (XGBoostError e) {
            throw new IllegalStateException("model " + id + " could not compute SHAP contributions of " + rows
                    + " rows: " + e.getMessage(), e);
        } finally {
            matrix.dispose();
        }
    }

    /** Whether SHAP comes from the tables (false: from XGBoost's predictContrib). */
    boolean tabulatedShap() {
        return shap != null;
    }

    /** Calibrated probabilities of a batch of rows. */
    double[] probabilities(float[] data, int rows) {
        double[] margins = margins(data, rows);
        for (int r = 0; r < rows; r++) {
            margins[r] = calibration.probability(margins[r]);
        }
        return margins;
    }

    /** XGBoost's margins of a batch of rows. */
    double[] margins(float[] data, int rows) {
        DMatrix matrix = matrix(data, rows);
        try {
            float[][] predicted = booster.predict(matrix, true, trees);
            double[] margins = new double[rows];
            for (int r = 0; r < rows; r++) {
                margins[r] = predicted[r][0];
            }
            return margins;
        } catch (XGBoostError e) {
            throw new IllegalStateException("model " + id + " could not predict " + rows + " rows: " + e.getMessage(), e);
        } finally {
            matrix.dispose();
        }
    }

    private DMatrix matrix(float[] data, int rows) {
        try {
            return new DMatrix(data, rows, columns.width(), Float.NaN);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not build a " + rows + " x " + columns.width()
                    + " matrix for model " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }

    private static PlattScaling calibration(Object calibration, String where) {
        if (calibration instanceof Map<?, ?> map && "platt".equals(map.get("method"))
                && map.get("a") instanceof Number a && map.get("b") instanceof Number b) {
            return new PlattScaling(a.doubleValue(), b.doubleValue());
        }
        throw new IllegalStateException(where + ": \"calibration\" must be {\"method\": \"platt\", \"a\": number, "
                + "\"b\": number}, got " + calibration);
    }

    private static List<String> stringList(Object value, String key, String where) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalStateException(where + ": \"" + key + "\" must be a list of names, got " + value);
    }

    private static Map<String, List<String>> categories(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(where + ": \"categories\" must map a column to its kept values, got " + value);
        }
        Map<String, List<String>> categories = new HashMap<>();
        map.forEach((column, kept) -> categories.put(String.valueOf(column),
                stringList(kept, "categories." + column, where)));
        return categories;
    }
}
