package io.healthsync.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.mappings.AttributionConfig;
import io.healthsync.model.OutcomeKind;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The primary model recovers the planted effects of {@link SyntheticJourneys}; last-touch does not. */
class PlantedEffectsAttributionTest {

    static final AttributionConfig CONFIG = AttributionConfig.defaults();
    static final AttributionReport REPORT = new AttributionAnalysis(CONFIG)
            .run(SyntheticJourneys.planted(3_000, 42), OutcomeKind.RENEWED, null, null, "synthetic");

    @Test
    void shapley_ranks_training_first_the_pair_next_and_the_busywork_last_and_negative() {
        List<String> ranking = REPORT.touchpoints().stream()
                .sorted(Comparator.comparingDouble(TouchpointFigure::credit).reversed())
                .map(TouchpointFigure::touchpoint).toList();

        assertThat(REPORT.primary()).isEqualTo("shapley");
        assertThat(ranking.get(0)).isEqualTo("training");
        assertThat(ranking.subList(1, 3)).containsExactlyInAnyOrder("qbr", "executive_meeting");
        assertThat(ranking.get(ranking.size() - 1)).isEqualTo("escalation");
        TouchpointFigure training = figure("training");
        TouchpointFigure escalation = figure("escalation");
        assertThat(training.creditInterval().lower()).isPositive();
        assertThat(escalation.credit()).isNegative();
        assertThat(escalation.creditInterval().upper()).isNegative();
        assertThat(escalation.revenue()).isNegative();
    }

    @Test
    void a_frequent_type_that_does_nothing_gets_about_nothing() {
        for (String idle : List.of("onboarding", "email")) {
            TouchpointFigure f = figure(idle);
            assertThat(Math.abs(f.credit())).as(idle).isLessThan(0.08);
            assertThat(f.creditInterval().lower()).as(idle).isLessThan(0.03);
        }
    }

    @Test
    void last_touch_credits_the_last_email_and_rewards_the_busywork() {
        Map<String, Double> last = REPORT.models().get("last_touch");

        assertThat(last.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()).isEqualTo("email");
        assertThat(last.get("training")).isLessThan(last.get("email"));
        Map<String, Double> linear = REPORT.models().get("linear");
        assertThat(linear.get("escalation")).isPositive();
        assertThat(REPORT.models().get("markov").get("onboarding")).isGreaterThan(0.1); // the path model's trap
    }

    @Test
    void the_pair_that_works_only_together_is_found_with_a_lift_above_one() {
        assertThat(REPORT.pairs()).anySatisfy(p -> {
            assertThat(p.touchpoints()).containsExactlyInAnyOrder("qbr", "executive_meeting");
            assertThat(p.interval().lower()).isGreaterThan(1);
            assertThat(p.count()).isGreaterThan(100);
        });
    }

    @Test
    void figures_add_up() {
        for (Map.Entry<String, Map<String, Double>> model : REPORT.models().entrySet()) {
            double sum = model.getValue().values().stream().mapToDouble(v -> model.getKey().equals("shapley") ? Math.abs(v) : v).sum();
            assertThat(sum).as(model.getKey()).isCloseTo(1.0, within(1e-9));
        }
        for (TouchpointFigure f : REPORT.touchpoints()) {
            assertThat(f.cost()).isCloseTo(f.count() * CONFIG.minutes(f.touchpoint()) / 60 * CONFIG.hourlyCost(), within(1e-6));
            if (f.roi() != null) {
                assertThat(f.roi()).isCloseTo(f.revenue() / f.cost(), within(1e-9));
            }
            assertThat(f.creditInterval().lower()).isLessThanOrEqualTo(f.creditInterval().upper());
        }
        assertThat(REPORT.segments()).extracting(SegmentFigures::journeys).containsExactly(1_000, 2_000);
    }

    @Test
    void intervals_widen_as_the_sample_shrinks() {
        AttributionReport small = new AttributionAnalysis(CONFIG)
                .run(SyntheticJourneys.planted(300, 42), OutcomeKind.RENEWED, null, null, "synthetic");

        double wide = width(small, "training");
        double narrow = width(REPORT, "training");
        assertThat(wide).isGreaterThan(1.8 * narrow);
    }

    @Test
    void recommendations_name_what_works_and_what_follows_trouble_from_the_figures() {
        assertThat(REPORT.recommendations().get(0)).startsWith("Training carries " + Format.percent(figure("training").credit())
                + " of renewal credit");
        assertThat(REPORT.recommendations()).anyMatch(r -> r.startsWith("Escalation comes with fewer renewals"));
    }

    @Test
    void it_is_deterministic() {
        AttributionReport again = new AttributionAnalysis(CONFIG)
                .run(SyntheticJourneys.planted(3_000, 42), OutcomeKind.RENEWED, null, null, "synthetic");

        assertThat(again.toJson()).isEqualTo(REPORT.toJson());
    }

    private static double width(AttributionReport report, String type) {
        TouchpointFigure f = report.touchpoints().stream().filter(t -> t.touchpoint().equals(type)).findFirst().orElseThrow();
        return f.creditInterval().upper() - f.creditInterval().lower();
    }

    private static TouchpointFigure figure(String type) {
        return REPORT.touchpoints().stream().filter(t -> t.touchpoint().equals(type)).findFirst().orElseThrow();
    }
}
