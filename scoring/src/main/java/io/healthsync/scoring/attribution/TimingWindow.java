package io.healthsync.scoring.attribution;

/**
 * When a touchpoint type matters most: the band of days before the outcome in which journeys having it there
 * reached the outcome at the rate most unlike (above for positive credit, below for negative) journeys without
 * the type at all.
 *
 * @param fromDays    days before the outcome, the band's near end (inclusive)
 * @param toDays      its far end (exclusive)
 * @param journeys    journeys with the type in the band
 * @param rate        their outcome rate
 * @param rateWithout the outcome rate of journeys without the type
 */
public record TimingWindow(int fromDays, int toDays, int journeys, double rate, double rateWithout) {
}
