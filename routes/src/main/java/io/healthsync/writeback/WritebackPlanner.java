package io.healthsync.writeback;

import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.model.Account;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.scoring.scorecard.Scorecard;
import io.healthsync.connectors.salesforce.SalesforceDatetime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what to write: each account's new values against what the CRM holds (as pulled), so an
 * unchanged account costs nothing and the CRM converges to the scores whatever happened to it. A score
 * is rewritten only when it moved at least {@code min_score_change} points since the last write (small
 * drifts from other accounts' percentiles are not worth an API call, and the band never flickers around
 * a threshold); a field never written, empty in the CRM, or holding another value than we last wrote
 * (edited, reverted, lost), is always (re)written.
 */
public final class WritebackPlanner {

    public static final String ACCOUNT = "Account";

    private final FieldMapping mapping;

    public WritebackPlanner(FieldMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * @param written          what healthsync last wrote, per record and field
     * @param accountsPulledAt when the last complete pull of Account finished (null: never)
     */
    public WritebackPlan plan(String planId, LocalDate asOf, Instant now, List<HealthScore> scores,
                              Map<String, Account> accounts, Map<String, Map<String, WrittenValue>> written,
                              Instant accountsPulledAt, SObjectDescribe describe) {
        List<String> problems = new ArrayList<>();
        Map<String, String> targets = writableTargets(describe, problems);
        int driversMax = driversMaxLength(targets.get(FieldMapping.HEALTH_DRIVERS), describe);
        List<PlannedWrite> writes = new ArrayList<>();
        for (HealthScore score : scores) {
            Account account = accounts.get(score.accountId());
            PlannedWrite write = planOne(score, account, written.getOrDefault(score.accountId(), Map.of()),
                    targets, driversMax, now, accountsPulledAt);
            if (write != null) {
                writes.add(write);
            }
        }
        return new WritebackPlan(planId, asOf, now, scores.size(), writes, problems);
    }

    private PlannedWrite planOne(HealthScore score, Account account, Map<String, WrittenValue> previous,
                                 Map<String, String> targets, int driversMax, Instant now, Instant accountsPulledAt) {
        Map<String, Object> newValues = new LinkedHashMap<>();
        Map<String, Double> basis = new LinkedHashMap<>();
        targets.forEach((result, field) -> {
            switch (result) {
                case FieldMapping.HEALTH_SCORE -> {
                    newValues.put(field, score.roundedScore());
                    basis.put(field, score.score());
                }
                case FieldMapping.HEALTH_BAND -> newValues.put(field, score.band().label());
                case FieldMapping.HEALTH_DRIVERS -> newValues.put(field, Scorecard.driversText(score.drivers(), driversMax));
                // probabilities only a model gives: the scorecard leaves them unwritten
                case FieldMapping.CHURN_RISK -> percent(score.churnProbability()).ifPresent(v -> newValues.put(field, v));
                case FieldMapping.EXPANSION_PROPENSITY -> percent(score.expansionProbability())
                        .ifPresent(v -> newValues.put(field, v));
                default -> { }
            }
        });

        List<String> reasons = new ArrayList<>();
        List<FieldChange> changes = new ArrayList<>();
        boolean material = false;
        for (Map.Entry<String, Object> entry : newValues.entrySet()) {
            String field = entry.getKey();
            String newValue = String.valueOf(entry.getValue());
            WrittenValue last = previous.get(field);
            String current = currentValue(account, field, last, accountsPulledAt);
            if (current != null && sameValue(current, newValue)) {
                continue;
            }
            changes.add(new FieldChange(field, current, newValue));
            if (last == null || current == null) {
                material = true;
                if (last != null) {
                    reasons.add(field + " is empty in the CRM (we wrote \"" + last.value() + "\")");
                }
            } else if (!sameValue(current, last.value())) {
                material = true;
                reasons.add(field + " was changed in the CRM to \"" + current + "\"");
            }
        }
        String scoreField = targets.get(FieldMapping.HEALTH_SCORE);
        WrittenValue lastScore = scoreField == null ? null : previous.get(scoreField);
        if (lastScore != null && lastScore.basis() != null) {
            double moved = score.score() - lastScore.basis();
            if (Math.abs(moved) >= mapping.writeback().minScoreChange()) {
                material = true;
                reasons.add(0, String.format("score %s -> %d (%+d)", lastScore.value(), score.roundedScore(),
                        Math.round(moved)));
            }
        } else if (scoreField == null && !changes.isEmpty()) {
            material = true;
        }
        if (!material || changes.isEmpty()) {
            return null;
        }
        if (previous.isEmpty()) {
            reasons.add(0, "first write");
        } else if (changes.stream().anyMatch(c -> c.oldValue() == null && !previous.containsKey(c.field()))) {
            reasons.add("newly mapped field");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        changes.forEach(c -> payload.put(c.field(), newValues.get(c.field())));
        String updatedField = targets.get(FieldMapping.HEALTH_UPDATED);
        if (updatedField != null) {
            String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
            WrittenValue lastUpdated = previous.get(updatedField);
            changes.add(new FieldChange(updatedField, lastUpdated == null ? null : lastUpdated.value(), stamp));
            payload.put(updatedField, stamp);
        }
        basis.keySet().retainAll(payload.keySet());
        List<String> driverTexts = score.drivers().stream().map(Driver::text).toList();
        return new PlannedWrite(ACCOUNT, score.accountId(), account == null ? null : account.name(), changes,
                payload, basis, String.join("; ", reasons), driverTexts);
    }

    /** A probability as the whole percent a Percent field shows. */
    private static java.util.Optional<Integer> percent(Double probability) {
        return probability == null || probability.isNaN() ? java.util.Optional.empty()
                : java.util.Optional.of((int) Math.round(probability * 100));
    }

    /** The mapped fields the org has and lets us update; the others are reported, not sent. */
    private Map<String, String> writableTargets(SObjectDescribe describe, List<String> problems) {
        Map<String, String> targets = new LinkedHashMap<>();
        mapping.accountWrite().forEach((result, field) -> {
            if (describe != null) {
                var described = describe.field(field);
                if (described.isEmpty()) {
                    problems.add("fields.yaml account.write." + result + ": Account." + field
                            + " does not exist in the org; not written (create the field or fix the mapping)");
                    return;
                }
                if (!described.get().updateable()) {
                    problems.add("fields.yaml account.write." + result + ": Account." + field
                            + " is not updateable for the integration user; not written (check field-level security)");
                    return;
                }
                field = described.get().name();
            }
            targets.put(result, field);
        });
        return targets;
    }

    private int driversMaxLength(String driversField, SObjectDescribe describe) {
        int max = mapping.writeback().driversMaxLength();
        if (driversField != null && describe != null) {
            int length = describe.field(driversField).map(SObjectDescribe.Field::length).orElse(0);
            if (length > 0) {
                max = Math.min(max, length);
            }
        }
        return max;
    }

    /**
     * What the CRM holds in the field, as far as we know: the value as pulled, so that a value the org lost
     * or reverted (a restored sandbox, a data load, a write acknowledged and then lost) is written again;
     * what we last wrote when the field is not read, or when our write came after the last complete pull
     * (its echo has not been pulled yet).
     */
    private static String currentValue(Account account, String field, WrittenValue last, Instant accountsPulledAt) {
        boolean pulled = account != null && account.crmFields().containsKey(field);
        if (!pulled) {
            return last == null ? null : last.value();
        }
        boolean echoNotPulledYet = last != null && last.writtenAt() != null
                && (accountsPulledAt == null || !accountsPulledAt.isAfter(last.writtenAt()))
                && (account.systemModstamp() == null || account.systemModstamp().isBefore(last.writtenAt()));
        return echoNotPulledYet ? last.value() : account.crmFields().get(field);
    }

    /** Equal as text, as datetimes or as numbers (the CRM answers 72.0 where we sent 72). */
    public static boolean sameValue(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        // datetimes by arithmetic (the usual shapes): parsing them with a formatter was most of the time of checking
        // 100,000 pulled Accounts for echoes of our writes
        Instant instantA = SalesforceDatetime.parseOrNull(a);
        if (instantA != null) {
            return instantA.equals(SalesforceDatetime.parseOrNull(b));
        }
        try {
            return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A value in a form where values that {@link #sameValue} takes for the same are equal, and others are not: for
     * comparing many values with one hash each instead of pairwise.
     */
    public static String comparableValue(String value) {
        if (value == null) {
            return null;
        }
        Instant instant = SalesforceDatetime.parseOrNull(value);
        if (instant != null) {
            return "T" + instant;
        }
        try {
            return "N" + new BigDecimal(value.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return "S" + value;
        }
    }
}
