package io.healthsync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.model.Account;
import io.healthsync.model.Band;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.writeback.WritebackPlan;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Prints a writeback plan for the people who act on it (RevOps, CSMs): per account its name, segment, ARR,
 * owner, old and new score and band, the reason for the write and the drivers, sorted and filtered; as a
 * table, CSV (one row per planned account) or JSON (the stored plan's keys, plus the account's).
 */
final class PlanPrinter {

    enum Sort { CHANGE, SCORE, ARR }

    enum Output { TABLE, JSON, CSV }

    static final String CSV_HEADER = "account_id,name,segment,arr,owner,old_score,new_score,old_band,new_band,reason,drivers";

    /** The planner's own reason for a score move, e.g. "score 64 -> 41 (-23)", which the score line already shows. */
    private static final Pattern SCORE_REASON = Pattern.compile("^score (\\S+) -> (-?\\d+) \\([+-]\\d+\\)(?:; )?");

    private final Map<String, Account> accounts;
    private final Map<String, String> userNames;
    private final String scoreField;
    private final String bandField;

    PlanPrinter(FieldMapping fields, Collection<Account> accounts, Map<String, String> userNames) {
        this.accounts = accounts.stream().collect(Collectors.toMap(Account::crmId, Function.identity(), (a, b) -> a));
        this.userNames = userNames;
        this.scoreField = fields.accountWrite().get(FieldMapping.HEALTH_SCORE);
        this.bandField = fields.accountWrite().get(FieldMapping.HEALTH_BAND);
    }

    /** One planned account as its readers see it; scores and bands as text, null when unknown. */
    record Row(PlannedWrite write, String name, String segment, Double arr, String ownerId, String owner,
               String oldScore, String newScore, String oldBand, String newBand) {

        String accountId() {
            return write.recordId();
        }

        /** New minus old score; null when either is unknown (a first write). */
        Double scoreChange() {
            Double from = number(oldScore);
            Double to = number(newScore);
            return from == null || to == null ? null : to - from;
        }
    }

    /** What is shown of a plan: its rows after the filters, in order, and how they were chosen. */
    record View(WritebackPlan plan, List<Row> rows, Sort sort, String filters) {

        boolean filtered() {
            return !filters.isEmpty();
        }
    }

    View view(WritebackPlan plan, Sort sort, Set<Band> bands, String owner) {
        List<Row> rows = plan.writes().stream().map(this::row)
                .filter(row -> bands.isEmpty() || bands.stream().anyMatch(b -> b.label().equalsIgnoreCase(row.newBand())))
                .filter(row -> owner == null || row.ownerId() != null && (owner.trim().equalsIgnoreCase(row.ownerId())
                        || owner.trim().equalsIgnoreCase(userNames.get(row.ownerId()))))
                .sorted(order(sort))
                .toList();
        StringBuilder filters = new StringBuilder();
        if (!bands.isEmpty()) {
            filters.append("band ").append(bands.stream().map(b -> b.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
        if (owner != null) {
            filters.append(filters.isEmpty() ? "" : "; ").append("owner ").append(owner);
        }
        return new View(plan, rows, sort, filters.toString());
    }

    private Row row(PlannedWrite write) {
        Account account = accounts.get(write.recordId());
        String ownerId = account == null ? null : account.ownerId();
        String[] score = oldAndNew(write, account, scoreField);
        String[] band = oldAndNew(write, account, bandField);
        return new Row(write, account != null && account.name() != null ? account.name() : write.recordName(),
                account == null ? null : account.segment(), account == null ? null : account.arr(), ownerId,
                ownerId == null ? null : userNames.getOrDefault(ownerId, ownerId),
                plain(score[0]), plain(score[1]), band[0], band[1]);
    }

    /** A changed field's old and new value; an unchanged one's value as the CRM holds it, twice. */
    private static String[] oldAndNew(PlannedWrite write, Account account, String field) {
        if (field == null) {
            return new String[2];
        }
        for (FieldChange change : write.changes()) {
            if (change.field().equalsIgnoreCase(field)) {
                return new String[] {change.oldValue(), change.newValue()};
            }
        }
        String held = account == null ? null : account.crmFields().get(field);
        return new String[] {held, held};
    }

    /**
     * change: biggest score move first (either way); then accounts without a previous score (first
     * writes); then rewrites of an unchanged score (a band or driver edited in the CRM). score: lowest new
     * score first. arr: largest first. Ties, in every order: ARR (largest first), then name, then id.
     */
    static Comparator<Row> order(Sort sort) {
        Comparator<Row> ties = Comparator.comparing(Row::arr, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Row::name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                .thenComparing(Row::accountId);
        return switch (sort) {
            case CHANGE -> Comparator.comparingInt(PlanPrinter::changeGroup)
                    .thenComparing(row -> row.scoreChange() == null ? 0 : -Math.abs(row.scoreChange()))
                    .thenComparing(ties);
            case SCORE -> Comparator.comparing((Row row) -> number(row.newScore()), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(ties);
            case ARR -> ties;
        };
    }

    private static int changeGroup(Row row) {
        Double change = row.scoreChange();
        if (change != null && change != 0) {
            return 0;
        }
        return change == null ? 1 : 2;
    }

    // ---- table ------------------------------------------------------------------------------------

    void table(PrintStream out, View view, int limit) {
        WritebackPlan plan = view.plan();
        out.printf("Plan %s (as of %s): %,d of %,d accounts change, %,d fields%n", plan.id(), plan.asOf(),
                plan.writes().size(), plan.accountsConsidered(), plan.fieldsChanged());
        plan.problems().forEach(p -> out.println("  PROBLEM " + p));
        if (plan.writes().isEmpty()) {
            actions(out, plan, limit);
            return;
        }
        int shown = Math.min(limit, view.rows().size());
        out.printf("Showing %,d of %,d%s, sorted by %s%n", shown, plan.writes().size(),
                view.filtered() ? " (" + view.filters() + ")" : "", view.sort().name().toLowerCase(Locale.ROOT));
        for (Row row : view.rows().subList(0, shown)) {
            out.printf("%n%s (%s), %s, %s, owner %s%n", row.name() == null ? "(no name)" : row.name(), row.accountId(),
                    row.segment() == null ? "no segment" : row.segment(), row.arr() == null ? "ARR unknown" : arr(row.arr()),
                    row.owner() == null ? "(none)" : row.owner());
            String scoreLine = scoreLine(row);
            if (!scoreLine.isEmpty()) {
                out.println("    " + scoreLine);
            }
            String reason = reasonBeyondScore(row);
            if (!reason.isEmpty()) {
                out.println("    reason: " + reason);
            }
            row.write().drivers().forEach(driver -> out.println("    - " + driver));
        }
        if (view.rows().size() > shown) {
            out.printf("%n... and %,d more (--limit N to see more, --output csv or json for all)%n", view.rows().size() - shown);
        }
        actions(out, plan, limit);
    }

    /**
     * The playbooks' part: the Tasks and Opportunities to create (with why, for whom, by when), the held-out and
     * log-only ones counted, and how many firings were suppressed.
     */
    void actions(PrintStream out, WritebackPlan plan, int limit) {
        if (plan.actions().isEmpty()) {
            return;
        }
        List<PlannedAction> creating = plan.actions().stream().filter(PlannedAction::createsRecord).toList();
        long logged = plan.actions().stream().filter(a -> !a.heldOut() && a.kind() == ActionKind.LOG_ONLY).count();
        out.printf("%nPlaybooks: %,d to create in Salesforce, %,d held out (no action, measured), %,d logged only%n",
                creating.size(), plan.heldOut(), logged);
        for (PlannedAction action : creating.subList(0, Math.min(limit, creating.size()))) {
            Account account = accounts.get(action.accountId());
            String owner = action.ownerId() == null ? "(integration user)" : userNames.getOrDefault(action.ownerId(), action.ownerId());
            out.printf("%n%s for %s (%s), owner %s, due %s, %s priority%s%n",
                    action.kind() == ActionKind.OPPORTUNITY ? "Opportunity" : "Task",
                    account == null || account.name() == null ? action.accountId() : account.name(), action.accountId(),
                    owner, action.dueDate(), action.priority().label().toLowerCase(Locale.ROOT),
                    action.amount() == null ? "" : ", amount " + arr(action.amount()));
            out.println("    " + action.subject());
            out.println("    why: " + action.reason());
        }
        if (creating.size() > limit) {
            out.printf("%n... and %,d more (--limit N, or --output csv --actions for all)%n", creating.size() - limit);
        }
    }

    static final String ACTIONS_CSV_HEADER = "kind,account_id,account,playbook,owner,due,priority,subject,amount,held_out,"
            + "key,reason";

    /** Every playbook action of the plan, held-out and log-only ones included, one CSV row each. */
    void actionsCsv(PrintStream out, WritebackPlan plan) {
        out.print(ACTIONS_CSV_HEADER + "\r\n");
        for (PlannedAction a : plan.actions()) {
            Account account = accounts.get(a.accountId());
            out.print(Arrays.asList(a.kind().key(), a.accountId(), account == null ? null : account.name(), a.playbookId(),
                            a.ownerId() == null ? null : userNames.getOrDefault(a.ownerId(), a.ownerId()),
                            a.dueDate() == null ? null : a.dueDate().toString(), a.priority() == null ? null : a.priority().label(),
                            a.subject(), a.amount() == null ? null : plain(String.valueOf(a.amount())),
                            Boolean.toString(a.heldOut()), a.key(), a.reason())
                    .stream().map(PlanPrinter::csvField).collect(Collectors.joining(",")) + "\r\n");
        }
    }

    /** The last line of a plan: what to do with it. */
    static void footer(PrintStream out, View view) {
        int total = view.plan().allWrites().size();
        if (total == 0) {
            out.println("Nothing to write: the CRM already holds these values.");
            return;
        }
        out.println("Apply exactly this plan with: healthsync apply --plan " + view.plan().id());
        if (view.filtered()) {
            out.printf("(that writes all %,d accounts of the plan, not only the %,d shown)%n", view.plan().writes().size(),
                    view.rows().size());
        }
    }

    private static String scoreLine(Row row) {
        StringBuilder line = new StringBuilder();
        if (row.newScore() != null) {
            line.append("score ");
            if (row.oldScore() == null) {
                line.append("(none) -> ").append(row.newScore());
            } else if (row.scoreChange() != null && row.scoreChange() == 0) {
                line.append(row.newScore()).append(" (unchanged)");
            } else {
                line.append(row.oldScore()).append(" -> ").append(row.newScore());
                if (row.scoreChange() != null) {
                    line.append(" (").append(row.scoreChange() > 0 ? "+" : "").append(plain(String.valueOf(row.scoreChange())))
                            .append(')');
                }
            }
        }
        if (row.newBand() != null) {
            line.append(line.isEmpty() ? "" : ", ").append("band ");
            if (row.newBand().equals(row.oldBand())) {
                line.append(row.newBand());
            } else {
                line.append(row.oldBand() == null ? "(none)" : row.oldBand()).append(" -> ").append(row.newBand());
            }
        }
        return line.toString();
    }

    /** The plan's reason without the score move that the score line already shows. */
    static String reasonBeyondScore(Row row) {
        String reason = row.write().reason() == null ? "" : row.write().reason();
        Matcher move = SCORE_REASON.matcher(reason);
        if (move.find() && sameNumber(move.group(1), row.oldScore()) && sameNumber(move.group(2), row.newScore())) {
            return reason.substring(move.end());
        }
        return reason;
    }

    // ---- csv --------------------------------------------------------------------------------------

    /** RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted, its quotes doubled. */
    void csv(PrintStream out, View view) {
        out.print(CSV_HEADER + "\r\n");
        for (Row row : view.rows()) {
            out.print(Arrays.asList(row.accountId(), row.name(), row.segment(),
                            row.arr() == null ? null : plain(BigDecimal.valueOf(row.arr()).toPlainString()), row.owner(),
                            row.oldScore(), row.newScore(), row.oldBand(), row.newBand(), row.write().reason(),
                            String.join("; ", row.write().drivers()))
                    .stream().map(PlanPrinter::csvField).collect(Collectors.joining(",")) + "\r\n");
        }
    }

    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    // ---- json -------------------------------------------------------------------------------------

    /**
     * The stored plan's JSON (its keys are a contract: none renamed or dropped) with {@code writes} as shown
     * (filtered, sorted), each write with its account's keys added, and {@code writesInPlan} and {@code sortedBy}.
     */
    void json(PrintStream out, View view) {
        ObjectNode root = ReportPrinter.JSON.valueToTree(view.plan());
        ArrayNode writes = root.putArray("writes");
        for (Row row : view.rows()) {
            ObjectNode write = ReportPrinter.JSON.valueToTree(row.write());
            write.put("name", row.name());
            write.put("segment", row.segment());
            write.put("arr", row.arr());
            write.put("ownerId", row.ownerId());
            write.put("owner", row.owner());
            write.put("oldScore", decimal(row.oldScore()));
            write.put("newScore", decimal(row.newScore()));
            write.put("oldBand", row.oldBand());
            write.put("newBand", row.newBand());
            writes.add(write);
        }
        root.put("writesInPlan", view.plan().writes().size());
        root.put("sortedBy", view.sort().name().toLowerCase(Locale.ROOT));
        ReportPrinter.json(out, root);
    }

    // ---- values -----------------------------------------------------------------------------------

    /** ARR as people write it: "$48,000" (whole dollars). */
    static String arr(double value) {
        return (value < 0 ? "-" : "") + String.format(Locale.US, "$%,.0f", Math.abs(value));
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** 72, not 72.0: as the CRM shows it. */
    private static BigDecimal decimal(String text) {
        Double value = number(text);
        return value == null ? null : BigDecimal.valueOf(value).stripTrailingZeros();
    }

    private static boolean sameNumber(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        return x != null && x.equals(y);
    }

    /** "72.0" as the CRM answers it reads as 72; text that is not a number stays as it is. */
    private static String plain(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** A case-insensitive picocli converter for an option whose values are an enum's names. */
    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    static final class SortConverter implements CommandLine.ITypeConverter<Sort> {
        @Override
        public Sort convert(String value) {
            return parse(Sort.class, value);
        }
    }

    static final class OutputConverter implements CommandLine.ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            return parse(Output.class, value);
        }
    }

    static final class BandConverter implements CommandLine.ITypeConverter<Band> {
        @Override
        public Band convert(String value) {
            return parse(Band.class, value);
        }
    }
}
