package io.healthsync.scoring.expansion;

/**
 * One signal of one expansion score, as a {@code signals_json} entry shows it.
 *
 * @param name   the {@link ExpansionSignal#key()}, or {@link ExpansionScorecard#PRIOR_UPSELL} for the bonus
 * @param value  the health signal's raw value (feature breadth 0.71, user growth 0.18 = +18%, net upgrades 1);
 *               null when the account has no data for it
 * @param weight its share of the score (the weights with data sum to 1); 0 without data and for the bonus
 * @param points the score points it earned, 0..100 (the points of a score add up to it)
 * @param text   what a seller reads, e.g. "Uses 5 of 7 tracked features"; null without data
 */
public record ExpansionSignalValue(String name, Double value, double weight, double points, String text) {
}
