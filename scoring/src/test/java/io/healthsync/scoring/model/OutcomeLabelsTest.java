package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import io.healthsync.scoring.model.OutcomeLabels.Label;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeLabelsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
    private final OutcomeLabels churn = new OutcomeLabels(OutcomeLabels.Target.CHURN, 90); // horizon ends 2026-04-01
    private final OutcomeLabels expansion = new OutcomeLabels(OutcomeLabels.Target.EXPANSION, 90);

    private static Outcome outcome(OutcomeKind kind, String date) {
        return new Outcome("stripe", kind + date, "A", kind, LocalDate.parse(date), 1000.0, "usd");
    }

    @Test
    void a_churn_inside_the_horizon_is_1_and_one_after_it_is_0() {
        assertThat(churn.label(AS_OF, List.of(outcome(OutcomeKind.CHURNED, "2026-04-01")), TODAY)).isEqualTo(Label.POSITIVE);
        assertThat(churn.label(AS_OF, List.of(outcome(OutcomeKind.CHURNED, "2026-04-02")), TODAY)).isEqualTo(Label.NEGATIVE);
        assertThat(churn.label(AS_OF, List.of(outcome(OutcomeKind.RENEWED, "2026-02-01")), TODAY)).isEqualTo(Label.NEGATIVE);
    }

    @Test
    void a_horizon_not_over_is_censored_even_when_a_churn_is_already_seen() {
        LocalDate recent = LocalDate.parse("2026-09-03"); // horizon ends 2026-12-02: today, not over
        assertThat(churn.label(recent, List.of(), TODAY)).isEqualTo(Label.CENSORED);
        assertThat(churn.label(recent, List.of(outcome(OutcomeKind.CHURNED, "2026-10-01")), TODAY)).isEqualTo(Label.CENSORED);
        assertThat(churn.label(LocalDate.parse("2026-09-02"), List.of(), TODAY)).isEqualTo(Label.NEGATIVE);
    }

    @Test
    void a_churned_account_is_gone_until_it_renews_or_expands_again() {
        List<Outcome> churnedInMarch = List.of(outcome(OutcomeKind.CHURNED, "2026-03-01"));
        assertThat(churn.label(LocalDate.parse("2026-03-01"), churnedInMarch, TODAY)).isEqualTo(Label.GONE);
        assertThat(expansion.label(LocalDate.parse("2026-05-01"), churnedInMarch, TODAY)).isEqualTo(Label.GONE);
        List<Outcome> back = List.of(outcome(OutcomeKind.CHURNED, "2026-03-01"), outcome(OutcomeKind.RENEWED, "2026-04-15"));
        assertThat(churn.label(LocalDate.parse("2026-04-01"), back, TODAY)).isEqualTo(Label.GONE);
        assertThat(churn.label(LocalDate.parse("2026-05-01"), back, TODAY)).isEqualTo(Label.NEGATIVE);
        List<Outcome> contracted = List.of(outcome(OutcomeKind.CHURNED, "2026-03-01"), outcome(OutcomeKind.CONTRACTED, "2026-04-15"));
        assertThat(churn.label(LocalDate.parse("2026-05-01"), contracted, TODAY)).isEqualTo(Label.GONE);
    }

    @Test
    void expansion_is_labelled_by_expanded_outcomes_only() {
        assertThat(expansion.label(AS_OF, List.of(outcome(OutcomeKind.EXPANDED, "2026-03-31")), TODAY)).isEqualTo(Label.POSITIVE);
        assertThat(expansion.label(AS_OF, List.of(outcome(OutcomeKind.CHURNED, "2026-03-31"),
                outcome(OutcomeKind.CONTRACTED, "2026-02-01")), TODAY)).isEqualTo(Label.NEGATIVE);
        assertThat(expansion.firstPositiveAfter(AS_OF, List.of(outcome(OutcomeKind.EXPANDED, "2026-03-01"),
                outcome(OutcomeKind.EXPANDED, "2026-02-01")))).isEqualTo(LocalDate.parse("2026-02-01"));
    }

    @Test
    void as_of_dates_start_where_the_target_s_outcomes_are_first_seen() {
        List<Outcome> outcomes = List.of(outcome(OutcomeKind.RENEWED, "2025-10-20"), outcome(OutcomeKind.EXPANDED, "2026-11-05"));
        assertThat(OutcomeTrainingSet.asOfDates(TODAY, 24, outcomes, OutcomeLabels.Target.CHURN))
                .startsWith(LocalDate.parse("2025-11-01")).hasSize(14).endsWith(LocalDate.parse("2026-12-01"));
        assertThat(OutcomeTrainingSet.asOfDates(TODAY, 24, outcomes, OutcomeLabels.Target.EXPANSION))
                .containsExactly(LocalDate.parse("2026-12-01"));
    }
}
