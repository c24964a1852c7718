package io.healthsync.scoring.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A company's own history export, read into a feature matrix: one row per account (or per account and
 * as-of date), numeric columns as they are, text columns one-hot encoded with their categories capped, blanks
 * as missing (NaN, which XGBoost routes by itself), the id and time columns never features.
 *
 * @param featureNames one per matrix column; a one-hot column is named {@code column=value}
 * @param categories   per text column, the values that got their own column (plus "other" when some did not)
 * @param features     row-major, {@code rows() x featureNames().size()}
 * @param times        the as-of time per row (epoch seconds, or the number as given), or null without a time column
 * @param sha256       of the file's bytes, so a saved model names the data it was trained on
 */
public record HistoryTable(List<String> featureNames, Map<String, List<String>> categories, float[] features,
                           int[] labels, String[] ids, double[] times, String sha256) {

    static final String OTHER = "other";

    public int rows() {
        return labels.length;
    }

    public int width() {
        return featureNames.size();
    }

    public int positives() {
        int sum = 0;
        for (int label : labels) {
            sum += label;
        }
        return sum;
    }

    public static HistoryTable read(Path file, HistorySpec spec) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new HistoryFormatException(file + (Files.exists(file) ? " is not a file" : " does not exist")
                    + "; give a CSV export with a header line");
        }
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<CsvRecords.Row> rows = CsvRecords.read(reader, file.toString());
            return build(rows, spec, file.toString(), HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** The same from text in memory (tests); {@code name} stands for the file name in messages. */
    public static HistoryTable parse(String csv, String name, HistorySpec spec) {
        try {
            byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
            return build(CsvRecords.read(new StringReader(csv), name), spec, name,
                    HexFormat.of().formatHex(newDigest().digest(bytes)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HistoryTable build(List<CsvRecords.Row> records, HistorySpec spec, String file, String sha) {
        if (records.isEmpty()) {
            throw new HistoryFormatException(file + " is empty; it needs a header line and one line per account");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            if (index.put(header.get(c), c) != null) {
                throw new HistoryFormatException(file + ":1: column '" + header.get(c) + "' appears twice in the header");
            }
        }
        int id = column(index, spec.idColumn(), "--id", file);
        int label = column(index, spec.labelColumn(), "--label", file);
        int time = spec.timeColumn() == null ? -1 : column(index, spec.timeColumn(), "--time", file);
        List<CsvRecords.Row> body = records.subList(1, records.size());
        for (CsvRecords.Row row : body) {
            if (row.fields().size() != header.size()) {
                throw new HistoryFormatException(file + ":" + row.line() + ": " + row.fields().size()
                        + " fields, the header has " + header.size());
            }
        }
        if (body.isEmpty()) {
            throw new HistoryFormatException(file + " has a header but no rows");
        }
        int n = body.size();
        int[] labels = labels(body, label, spec, file);
        String[] ids = new String[n];
        double[] times = time < 0 ? null : new double[n];
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 0; r < n; r++) {
            CsvRecords.Row row = body.get(r);
            ids[r] = row.fields().get(id).strip();
            if (ids[r].isEmpty()) {
                throw new HistoryFormatException(file + ":" + row.line() + ": the id column '" + spec.idColumn() + "' is blank");
            }
            if (times != null) {
                times[r] = time(row.fields().get(time).strip(), file + ":" + row.line(), spec.timeColumn());
            }
            String key = times == null ? ids[r] : ids[r] + "\u0000" + times[r];
            Integer before = seen.put(key, row.line());
            if (before != null) {
                throw new HistoryFormatException(file + ":" + row.line() + ": account '" + ids[r] + "' already has a row"
                        + (times == null ? "" : " for this time") + " at line " + before + "; the file needs one row per account"
                        + (times == null ? " (with several dates per account, name the date column with --time)" : " and as-of date"));
            }
        }

        List<String> names = new ArrayList<>();
        Map<String, List<String>> categories = new LinkedHashMap<>();
        List<float[]> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == id || c == label || c == time) {
                continue;
            }
            String name = header.get(c);
            float[] numeric = numeric(body, c);
            if (numeric != null) {
                names.add(name);
                columns.add(numeric);
            } else {
                List<String> kept = keptCategories(body, c, spec.maxCategories());
                categories.put(name, kept);
                for (String category : kept) {
                    names.add(name + "=" + category);
                    columns.add(oneHot(body, c, category, kept));
                }
            }
        }
        int width = names.size();
        float[] matrix = new float[n * width];
        for (int f = 0; f < width; f++) {
            float[] values = columns.get(f);
            for (int r = 0; r < n; r++) {
                matrix[r * width + f] = values[r];
            }
        }
        return new HistoryTable(List.copyOf(names), categories, matrix, labels, ids, times, sha);
    }

    private static int column(Map<String, Integer> index, String name, String option, String file) {
        Integer c = index.get(name);
        if (c == null) {
            String close = index.keySet().stream().filter(h -> h.equalsIgnoreCase(name)).findFirst()
                    .map(h -> " (did you mean '" + h + "'?)").orElse("");
            throw new HistoryFormatException(option + " " + name + ": no such column in " + file + close
                    + "; its columns are: " + String.join(", ", index.keySet()));
        }
        return c;
    }

    /**
     * 1 for the positive value, 0 for the one other value the column holds. A blank, or a third value
     * (a typo, "N/A"), is an error naming the first row that has it: guessing its meaning would mislabel it.
     */
    private static int[] labels(List<CsvRecords.Row> body, int column, HistorySpec spec, String file) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CsvRecords.Row row : body) {
            String value = row.fields().get(column).strip();
            if (value.isEmpty()) {
                throw new HistoryFormatException(file + ":" + row.line() + ": the label column '" + spec.labelColumn()
                        + "' is blank; every row needs a label (" + spec.positive() + " or the other value)");
            }
            counts.merge(value, 1, Integer::sum);
        }
        if (!counts.containsKey(spec.positive())) {
            throw new HistoryFormatException("--positive " + spec.positive() + " does not occur in column '"
                    + spec.labelColumn() + "' of " + file + "; its values are: " + String.join(", ", counts.keySet()));
        }
        String negative = counts.entrySet().stream().filter(e -> !e.getKey().equals(spec.positive()))
                .max(Map.Entry.<String, Integer>comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (negative == null) {
            throw new HistoryFormatException("column '" + spec.labelColumn() + "' of " + file + " holds only '"
                    + spec.positive() + "'; training needs rows of both outcomes");
        }
        int[] labels = new int[body.size()];
        for (int r = 0; r < body.size(); r++) {
            String value = body.get(r).fields().get(column).strip();
            if (!value.equals(spec.positive()) && !value.equals(negative)) {
                throw new HistoryFormatException(file + ":" + body.get(r).line() + ": label '" + value + "' in column '"
                        + spec.labelColumn() + "' is neither the positive value '" + spec.positive()
                        + "' nor the other value '" + negative + "'");
            }
            labels[r] = value.equals(spec.positive()) ? 1 : 0;
        }
        return labels;
    }

    /** The column as numbers when every non-blank value is one; null when it is text. */
    private static float[] numeric(List<CsvRecords.Row> body, int column) {
        float[] values = new float[body.size()];
        for (int r = 0; r < body.size(); r++) {
            String value = body.get(r).fields().get(column).strip();
            if (value.isEmpty()) {
                values[r] = Float.NaN;
                continue;
            }
            try {
                double parsed = Double.parseDouble(value);
                if (!Double.isFinite(parsed)) {
                    return null;
                }
                values[r] = (float) parsed;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return values;
    }

    private static List<String> keptCategories(List<CsvRecords.Row> body, int column, int max) {
        return keptCategories(body.stream().map(row -> row.fields().get(column).strip()).toList(), max);
    }

    /** The {@code max} most frequent non-blank values, sorted, plus "other" when some values did not make it. */
    static List<String> keptCategories(List<String> values, int max) {
        Map<String, Integer> counts = new HashMap<>();
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                counts.merge(value, 1, Integer::sum);
            }
        }
        List<String> kept = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(max).map(Map.Entry::getKey).sorted(Comparator.naturalOrder()).toList();
        List<String> result = new ArrayList<>(kept);
        if (counts.size() > kept.size()) {
            result.add(OTHER);
        }
        return List.copyOf(result);
    }

    private static float[] oneHot(List<CsvRecords.Row> body, int column, String category, List<String> kept) {
        float[] values = new float[body.size()];
        for (int r = 0; r < body.size(); r++) {
            values[r] = oneHot(body.get(r).fields().get(column).strip(), category, kept);
        }
        return values;
    }

    /** One value's entry in the one-hot column of {@code category}: NaN when blank, 1 when it belongs there, else 0. */
    static float oneHot(String value, String category, List<String> kept) {
        if (value == null || value.isEmpty()) {
            return Float.NaN;
        }
        boolean isOther = category.equals(OTHER) && kept.indexOf(OTHER) == kept.size() - 1;
        if (isOther) {
            return kept.subList(0, kept.size() - 1).contains(value) ? 0 : 1;
        }
        return value.equals(category) ? 1 : 0;
    }

    /** An ISO date or date-time (as epoch seconds) or a plain number (a period index, say). */
    static double time(String value, String where, String column) {
        if (value.isEmpty()) {
            throw new HistoryFormatException(where + ": the time column '" + column + "' is blank");
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        } catch (RuntimeException notDate) {
            // next form
        }
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (RuntimeException notOffset) {
            // next form
        }
        try {
            return LocalDateTime.parse(value).toEpochSecond(ZoneOffset.UTC);
        } catch (RuntimeException notLocal) {
            // next form
        }
        try {
            return Instant.parse(value).getEpochSecond();
        } catch (RuntimeException notInstant) {
            // next form
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(where + ": time '" + value + "' in column '" + column
                    + "' is neither an ISO date (2024-06-30), an ISO date-time nor a number");
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
