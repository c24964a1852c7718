package io.healthsync.scoring.model;

import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The label of one account on one as-of date, from its billing outcomes (renewed, churned, expanded,
 * contracted, each dated):
 * <ul>
 *   <li>{@link Label#GONE}: the latest churn on or before the as-of date was not followed by a renewal or an
 *   expansion up to it: the account had already left, and churned accounts are not resurrected;</li>
 *   <li>{@link Label#CENSORED}: the horizon's last day is not over today, so neither a 0 nor a 1 is known
 *   yet (an outcome already seen inside it is left out too: keeping only the positives of an unfinished
 *   horizon would make the latest rows look riskier than they are);</li>
 *   <li>{@link Label#POSITIVE}: an outcome of the target's kind dated in (asOf, asOf + horizon];</li>
 *   <li>{@link Label#NEGATIVE} otherwise.</li>
 * </ul>
 */
public final class OutcomeLabels {

    public static final int DEFAULT_EXPANSION_HORIZON_DAYS = 90;

    /** What a model predicts, and the outcome that is its positive label. */
    public enum Target {
        CHURN(OutcomeKind.CHURNED),
        EXPANSION(OutcomeKind.EXPANDED);

        private final OutcomeKind positive;

        Target(OutcomeKind positive) {
            this.positive = positive;
        }

        public OutcomeKind positive() {
            return positive;
        }

        /** churn, expansion: the model's kind in the registry and the report. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Label { POSITIVE, NEGATIVE, CENSORED, GONE }

    private final Target target;
    private final int horizonDays;

    public OutcomeLabels(Target target, int horizonDays) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1 day, got " + horizonDays);
        }
        this.target = target;
        this.horizonDays = horizonDays;
    }

    public Target target() {
        return target;
    }

    public int horizonDays() {
        return horizonDays;
    }

    /** The label of an account with these outcomes (any order) as of {@code asOf}, its horizon judged on {@code today}. */
    public Label label(LocalDate asOf, List<Outcome> outcomes, LocalDate today) {
        if (gone(asOf, outcomes)) {
            return Label.GONE;
        }
        LocalDate end = asOf.plusDays(horizonDays);
        if (!end.isBefore(today)) {
            return Label.CENSORED;
        }
        return firstPositiveAfter(asOf, outcomes) != null ? Label.POSITIVE : Label.NEGATIVE;
    }

    /** The first outcome of the target's kind in (asOf, asOf + horizon], or null: which event a positive row stands for. */
    public LocalDate firstPositiveAfter(LocalDate asOf, List<Outcome> outcomes) {
        LocalDate end = asOf.plusDays(horizonDays);
        LocalDate first = null;
        for (Outcome outcome : outcomes) {
            LocalDate date = outcome.date();
            if (outcome.kind() == target.positive() && date != null && date.isAfter(asOf) && !date.isAfter(end)
                    && (first == null || date.isBefore(first))) {
                first = date;
            }
        }
        return first;
    }

    /** Churned on or before {@code asOf}, and neither renewed nor expanded since (up to {@code asOf}). */
    static boolean gone(LocalDate asOf, List<Outcome> outcomes) {
        LocalDate churned = null;
        for (Outcome outcome : outcomes) {
            LocalDate date = outcome.date();
            if (outcome.kind() == OutcomeKind.CHURNED && date != null && !date.isAfter(asOf)
                    && (churned == null || date.isAfter(churned))) {
                churned = date;
            }
        }
        if (churned == null) {
            return false;
        }
        for (Outcome outcome : outcomes) {
            LocalDate date = outcome.date();
            boolean back = outcome.kind() == OutcomeKind.RENEWED || outcome.kind() == OutcomeKind.EXPANDED;
            if (back && date != null && date.isAfter(churned) && !date.isAfter(asOf)) {
                return false;
            }
        }
        return true;
    }
}
