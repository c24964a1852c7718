package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private static final List<String> FEATURES = List.of("tenure", "plan=pro");

    @Test
    void promotes_a_model_that_beats_both_baselines_when_none_is_current() {
        PromotionGate.Decision decision = PromotionGate.decide(0.80, 300, 700, 0.75, FEATURES, null);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).contains("no model was promoted before");
    }

    @Test
    void refuses_a_model_that_does_not_beat_logistic_regression() {
        PromotionGate.Decision decision = PromotionGate.decide(0.80, 300, 700, 0.80, FEATURES, null);
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.reason()).contains("logistic regression baseline (0.8000)");
    }

    @Test
    void refuses_an_auc_within_chance_of_one_half() {
        // 0.56 on 40 positives and 60 negatives: two standard errors (~0.12) reach below 0.5
        assertThat(PromotionGate.decide(0.56, 40, 60, 0.5, FEATURES, null).promoted()).isFalse();
        // the same AUC on 4,000 rows is real
        assertThat(PromotionGate.decide(0.56, 1600, 2400, 0.5, FEATURES, null).promoted()).isTrue();
    }

    @Test
    void keeps_the_current_model_when_the_new_one_is_worse_beyond_the_tolerance_on_the_same_features() {
        PromotionGate.Current current = new PromotionGate.Current("m1", 0.82, FEATURES);
        PromotionGate.Decision worse = PromotionGate.decide(0.805, 300, 700, 0.75, FEATURES, current);
        assertThat(worse.promoted()).isFalse();
        assertThat(worse.reason()).contains("more than 0.01 below the promoted model m1 (0.8200)");
        assertThat(PromotionGate.decide(0.815, 300, 700, 0.75, FEATURES, current).promoted()).isTrue(); // within
    }

    @Test
    void does_not_compare_with_a_current_model_on_other_features() {
        PromotionGate.Current current = new PromotionGate.Current("m1", 0.90, List.of("tenure"));
        PromotionGate.Decision decision = PromotionGate.decide(0.80, 300, 700, 0.75, FEATURES, current);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).contains("used other features");
    }
}
