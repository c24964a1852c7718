package io.healthsync.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.model.OutcomeKind;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three journeys with credit worked out by hand. A renewed: call 10 days before, qbr 5 days before, email on the
 * day. B renewed: training 20 days before. C churned: a call (a churn gives no credit to rule-based models).
 */
class RuleBasedAttributionTest {

    static final LocalDate RENEWAL = LocalDate.of(2025, 6, 30);
    static final OutcomeTarget RENEWED = new OutcomeTarget(OutcomeKind.RENEWED);
    static final List<Journey> JOURNEYS = List.of(
            journey("A", OutcomeKind.RENEWED, tp("call", 10), tp("qbr", 5), tp("email", 0)),
            journey("B", OutcomeKind.RENEWED, tp("training", 20)),
            journey("C", OutcomeKind.CHURNED, tp("call", 3)));

    @Test
    void last_touch_gives_each_renewal_to_its_last_touchpoint() {
        assertShares(PositionRule.lastTouch(), Map.of("email", 0.5, "training", 0.5));
    }

    @Test
    void first_touch_gives_each_renewal_to_its_first_touchpoint() {
        assertShares(PositionRule.firstTouch(), Map.of("call", 0.5, "training", 0.5));
    }

    @Test
    void linear_splits_each_renewal_equally() {
        // A: a third each; B: all to training; over 2 renewals
        assertShares(PositionRule.linear(), Map.of("call", 1 / 6.0, "qbr", 1 / 6.0, "email", 1 / 6.0, "training", 0.5));
    }

    @Test
    void time_decay_halves_a_touchpoints_weight_every_half_life() {
        // half-life 10 days: A's weights 2^-1, 2^-0.5, 1 over their sum 2.2071; B all to training; over 2 renewals
        double sum = 0.5 + Math.sqrt(0.5) + 1;
        assertShares(PositionRule.timeDecay(10), Map.of("call", 0.5 / sum / 2, "qbr", Math.sqrt(0.5) / sum / 2,
                "email", 1 / sum / 2, "training", 0.5));
    }

    @Test
    void u_shaped_gives_the_ends_their_weights_and_the_middle_the_rest() {
        // A: 0.4 first, 0.2 middle, 0.4 last; B: all to training; over 2 renewals
        assertShares(PositionRule.uShaped(0.4, 0.4), Map.of("call", 0.2, "qbr", 0.1, "email", 0.2, "training", 0.5));
    }

    @Test
    void u_shaped_with_two_touchpoints_shares_in_the_ratio_of_the_end_weights() {
        Journey two = journey("D", OutcomeKind.RENEWED, tp("call", 9), tp("qbr", 1));

        assertThat(PositionRule.uShaped(0.3, 0.6).weights(two)).containsExactly(new double[] {1 / 3.0, 2 / 3.0},
                within(1e-12));
    }

    @Test
    void the_window_keeps_only_the_days_before_the_outcome() {
        Journey a = JOURNEYS.get(0);

        assertThat(a.within(7).touchpoints()).extracting(Touchpoint::type).containsExactly("qbr", "email");
        assertThat(a.within(null).touchpoints()).hasSize(3);
    }

    @Test
    void the_markov_removal_effect_credits_the_state_whose_removal_loses_the_conversions() {
        List<Journey> paths = List.of(journey("A", OutcomeKind.RENEWED, tp("qbr", 3)),
                journey("B", OutcomeKind.CHURNED, tp("email", 3)));

        assertThat(MarkovRemoval.shares(paths, List.of("email", "qbr"), RENEWED))
                .containsEntry("qbr", 1.0).containsEntry("email", 0.0);
    }

    private static void assertShares(PositionRule rule, Map<String, Double> expected) {
        Map<String, Double> shares = RuleBasedAttribution.shares(rule, JOURNEYS, RENEWED);
        expected.forEach((type, share) -> assertThat(shares.getOrDefault(type, 0.0)).as(type).isCloseTo(share, within(1e-9)));
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    static Touchpoint tp(String type, int daysBefore) {
        return new Touchpoint(type, RENEWAL.minusDays(daysBefore).atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    static Journey journey(String account, OutcomeKind outcome, Touchpoint... touchpoints) {
        return new Journey(account, null, List.of(touchpoints), outcome, RENEWAL, 1_000);
    }
}
