package io.healthsync.scoring.attribution;

import io.healthsync.scoring.playbooks.Interval;
import java.util.List;

/**
 * Two types together (or, when {@code ordered}, the first before the second) and how their journeys did
 * against what the two explain apart.
 *
 * @param count    journeys with both (in that order)
 * @param rate     their outcome rate
 * @param expected the rate the additive outcome model (each type's own effect, no interaction) predicts for them
 * @param lift     rate / expected
 * @param interval 95% interval of the lift (Wilson interval of the rate over the expected rate)
 */
public record PairEffect(List<String> touchpoints, boolean ordered, int count, double rate, double expected,
                         double lift, Interval interval) {
}
