package io.healthsync.model;

/**
 * Why a score is what it is: one signal's signed contribution in score points, relative to a
 * typical account of the same segment (positive pulled the score up), and the sentence a CSM reads.
 */
public record Driver(String signal, double points, String text) {
}
