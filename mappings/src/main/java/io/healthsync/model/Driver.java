package io.healthsync.model;

/**
 * Why a score is what it is: one signal's signed contribution in score points, relative to a
 * typical account of the same segment (positive pulled the score up), and the sentence a CSM reads.
 * Signals that state one fact (no touch in 266 days, none in the last 90, none in the last 30) make one
 * driver: it carries the key of the signal whose sentence it shows and the points of them all.
 */
public record Driver(String signal, double points, String text) {
}
