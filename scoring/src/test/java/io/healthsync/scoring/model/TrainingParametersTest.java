package io.healthsync.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingParametersTest {

    @Test
    void config_overrides_replace_only_the_keys_it_gives() {
        TrainingParameters tuned = TrainingParameters.of(Map.of("max_depth", 3.0, "eta", 0.1, "max_rounds", 800.0), 7);
        TrainingParameters defaults = TrainingParameters.defaults(7);

        assertThat(tuned.maxDepth()).isEqualTo(3);
        assertThat(tuned.eta()).isEqualTo(0.1);
        assertThat(tuned.maxRounds()).isEqualTo(800);
        assertThat(tuned.minChildWeight()).isEqualTo(defaults.minChildWeight());
        assertThat(tuned.subsample()).isEqualTo(defaults.subsample());
        assertThat(tuned.seed()).isEqualTo(7);
        assertThat(TrainingParameters.of(Map.of(), 7)).isEqualTo(defaults);
    }
}
