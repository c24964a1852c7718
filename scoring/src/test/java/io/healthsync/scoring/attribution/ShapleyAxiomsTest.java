package io.healthsync.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Shapley values against their axioms: efficiency, symmetry, the null player; exact and sampled. */
class ShapleyAxiomsTest {

    /** Players 0 and 1 are worth 1 alone and 3 together; player 2 adds nothing to any coalition. */
    static final CoalitionGame GLOVES = new CoalitionGame() {
        @Override
        public int players() {
            return 3;
        }

        @Override
        public double value(long s) {
            boolean a = (s & 1) != 0;
            boolean b = (s & 2) != 0;
            return a && b ? 3 : a || b ? 1 : 0;
        }
    };

    @Test
    void exact_values_are_efficient_symmetric_and_give_the_null_player_nothing() {
        double[] phi = ShapleyValues.exact(GLOVES);

        assertThat(phi).containsExactly(new double[] {1.5, 1.5, 0}, within(1e-12));
        assertThat(phi[0] + phi[1] + phi[2]).isCloseTo(GLOVES.value(7) - GLOVES.value(0), within(1e-12));
    }

    /** 14 players (beyond exact): each worth i alone, players 0 and 1 worth 5 more together, 13 is null. */
    @Test
    void sampled_values_beyond_twelve_players_add_up_exactly_and_come_close() {
        CoalitionGame game = new CoalitionGame() {
            @Override
            public int players() {
                return 14;
            }

            @Override
            public double value(long s) {
                double v = 0;
                for (int i = 0; i < 13; i++) {
                    v += (s & (1L << i)) != 0 ? i : 0;
                }
                return v + ((s & 3) == 3 ? 5 : 0);
            }
        };

        double[] phi = ShapleyValues.of(game, 7);

        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        assertThat(sum).isCloseTo(game.value((1L << 14) - 1) - game.value(0), within(1e-9));
        assertThat(phi[0]).isCloseTo(2.5, within(1e-9)); // 0 + half of 5: every order gives 0 and 1 the pair's 5 between them
        assertThat(phi[1]).isCloseTo(3.5, within(1e-9));
        assertThat(phi[13]).isZero();
        assertThat(phi[7]).isCloseTo(7, within(1e-9));
    }

    @Test
    void the_outcome_models_game_is_worth_nothing_empty_and_its_values_sum_to_the_whole_effect() {
        PresenceModel model = PresenceModel.fit(SyntheticJourneys.planted(600, 11), SyntheticJourneys.TYPES,
                new OutcomeTarget(io.healthsync.model.OutcomeKind.RENEWED));

        double[] phi = ShapleyValues.exact(model);

        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        assertThat(model.value(0)).isZero();
        assertThat(sum).isCloseTo(model.value((1L << model.players()) - 1), within(1e-12));
    }

    @Test
    void pattern_by_pattern_values_equal_the_whole_games_exact_values() {
        PresenceModel model = PresenceModel.fit(SyntheticJourneys.planted(600, 11), SyntheticJourneys.TYPES,
                new OutcomeTarget(io.healthsync.model.OutcomeKind.RENEWED));

        double[] whole = ShapleyValues.exact(model);
        double[] byPattern = model.shapleyValues(7);

        assertThat(byPattern).hasSameSizeAs(whole);
        for (int i = 0; i < whole.length; i++) {
            assertThat(byPattern[i]).as(model.types().get(i)).isCloseTo(whole[i], within(1e-12));
        }
    }
}
