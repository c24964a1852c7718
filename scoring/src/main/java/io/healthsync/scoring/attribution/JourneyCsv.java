package io.healthsync.scoring.attribution;

import io.healthsync.model.OutcomeKind;
import io.healthsync.scoring.model.CsvRecords;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an exported touchpoint history: one row per touchpoint with {@code account_id, timestamp, touchpoint,
 * outcome, outcome_date, revenue} and optionally {@code segment}, in any column order. The rows of one account,
 * outcome and outcome date make one journey. A row with neither touchpoint nor timestamp is a journey without
 * touchpoints. A bad row is skipped and reported with its line and what was expected; the rest goes on.
 * Touchpoint labels are compared in lower case with spaces and dashes as underscores ("Onboarding call" is
 * "onboarding_call").
 */
public final class JourneyCsv {

    public static final List<String> REQUIRED = List.of("account_id", "timestamp", "touchpoint", "outcome",
            "outcome_date", "revenue");
    public static final String SEGMENT = "segment";

    /** What the file gave: its journeys, how many rows were read, and each problem (one per skipped row). */
    public record Result(List<Journey> journeys, int rows, int skipped, List<String> problems) {
    }

    private JourneyCsv() {
    }

    public static Result read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": the file is not UTF-8 text; expected a CSV export saved as UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Result read(Reader reader, String name) throws IOException {
        List<CsvRecords.Row> rows = CsvRecords.read(reader, name);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": the file is empty; expected a header line with "
                    + String.join(", ", REQUIRED) + " (and optionally " + SEGMENT + ")");
        }
        Map<String, Integer> columns = header(rows.get(0), name);
        Map<String, Builder> journeys = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int skipped = 0;
        for (CsvRecords.Row row : rows.subList(1, rows.size())) {
            String problem = add(row, columns, journeys, name);
            if (problem != null) {
                problems.add(problem);
                skipped++;
            }
        }
        List<Journey> built = new ArrayList<>();
        for (Builder b : journeys.values()) {
            built.add(new Journey(b.account, b.segment, b.touchpoints, b.outcome, b.date, b.revenue));
            problems.addAll(b.notes);
        }
        return new Result(built, rows.size() - 1, skipped, problems);
    }

    private static Map<String, Integer> header(CsvRecords.Row row, String name) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < row.fields().size(); i++) {
            columns.putIfAbsent(row.fields().get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + ":" + row.line() + ": the header lacks " + String.join(", ", missing)
                    + "; expected the columns " + String.join(", ", REQUIRED) + " (and optionally " + SEGMENT
                    + "), got " + String.join(", ", row.fields()));
        }
        return columns;
    }

    /** Adds the row to its journey; a problem (and nothing added) when it is bad. */
    private static String add(CsvRecords.Row row, Map<String, Integer> columns, Map<String, Builder> journeys, String name) {
        String where = name + ":" + row.line() + ": ";
        String account = field(row, columns, "account_id");
        if (account.isEmpty()) {
            return where + "account_id is empty; expected the account's id (row skipped)";
        }
        OutcomeKind outcome = null;
        String outcomeText = field(row, columns, "outcome").toLowerCase(Locale.ROOT);
        for (OutcomeKind kind : OutcomeKind.values()) {
            if (kind.key().equals(outcomeText)) {
                outcome = kind;
            }
        }
        if (outcome == null) {
            return where + "outcome \"" + field(row, columns, "outcome")
                    + "\" is not an outcome; expected renewed, churned, expanded or contracted (row skipped)";
        }
        LocalDate date;
        try {
            date = dateOf(field(row, columns, "outcome_date"));
        } catch (DateTimeParseException e) {
            return where + "outcome_date \"" + field(row, columns, "outcome_date")
                    + "\" is not a date; expected an ISO date such as 2025-06-30 (row skipped)";
        }
        double revenue;
        try {
            revenue = Double.parseDouble(field(row, columns, "revenue").replace("$", "").replace(",", ""));
            if (!Double.isFinite(revenue) || revenue < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            return where + "revenue \"" + field(row, columns, "revenue")
                    + "\" is not an amount; expected a number of 0 or more such as 12000 (row skipped)";
        }
        String type = label(field(row, columns, "touchpoint"));
        String stamp = field(row, columns, "timestamp");
        Instant at = null;
        if (!type.isEmpty() || !stamp.isEmpty()) {
            if (type.isEmpty()) {
                return where + "touchpoint is empty but timestamp is " + stamp
                        + "; expected both (a touchpoint) or neither (a journey without touchpoints) (row skipped)";
            }
            try {
                at = instantOf(stamp);
            } catch (DateTimeParseException e) {
                return where + "timestamp \"" + stamp + "\" is not a time; expected ISO such as 2025-03-14T15:00:00Z, "
                        + "2025-03-14T15:00 (UTC) or 2025-03-14 (row skipped)";
            }
        }
        String segment = columns.containsKey(SEGMENT) ? field(row, columns, SEGMENT) : "";
        String key = account + "\u0000" + outcome + "\u0000" + date;
        OutcomeKind kind = outcome;
        double amount = revenue;
        Builder journey = journeys.computeIfAbsent(key, k -> new Builder(account, kind, date, amount, row.line()));
        if (revenue != journey.revenue) {
            journey.notes.add(where + "revenue " + field(row, columns, "revenue") + " differs from " + journey.revenue
                    + " on line " + journey.line + " for the same journey; kept the first");
        }
        if (!segment.isEmpty() && journey.segment == null) {
            journey.segment = segment;
        }
        if (at != null) {
            journey.touchpoints.add(new Touchpoint(type, at));
        }
        return null;
    }

    static String label(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    private static String field(CsvRecords.Row row, Map<String, Integer> columns, String column) {
        int i = columns.get(column);
        return i < row.fields().size() ? row.fields().get(i).trim() : "";
    }

    private static LocalDate dateOf(String text) {
        return text.length() > 10 ? instantOf(text).atZone(ZoneOffset.UTC).toLocalDate() : LocalDate.parse(text);
    }

    private static Instant instantOf(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }

    private static final class Builder {
        final String account;
        final OutcomeKind outcome;
        final LocalDate date;
        final double revenue;
        final int line;
        String segment;
        final List<Touchpoint> touchpoints = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Builder(String account, OutcomeKind outcome, LocalDate date, double revenue, int line) {
            this.account = account;
            this.outcome = outcome;
            this.date = date;
            this.revenue = revenue;
            this.line = line;
        }
    }
}
