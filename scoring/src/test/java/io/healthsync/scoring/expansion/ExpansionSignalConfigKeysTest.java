package io.healthsync.scoring.expansion;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.PlaybooksConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** playbooks.yaml's readiness keys are the expansion signals' keys, with their DOMAIN.md default weights. */
class ExpansionSignalConfigKeysTest {

    @Test
    void the_config_keys_and_default_weights_are_the_signals_own() {
        assertThat(Arrays.stream(ExpansionSignal.values()).map(ExpansionSignal::key))
                .containsExactlyElementsOf(PlaybooksConfig.Readiness.SIGNALS);
        for (ExpansionSignal signal : ExpansionSignal.values()) {
            assertThat(PlaybooksConfig.Readiness.DEFAULTS.weights().get(signal.key())).as(signal.key())
                    .isEqualTo(signal.defaultWeight());
        }
        assertThat(PlaybooksConfig.Readiness.DEFAULTS.priorUpsellBonus()).isEqualTo(ExpansionScorecard.DEFAULT_PRIOR_UPSELL_BONUS);
    }
}
