package io.healthsync.scoring.playbooks;

import io.healthsync.model.Band;
import java.time.LocalDate;

/** One earlier run's score of an account: what the engine compares today's score with. */
public record ScorePoint(LocalDate date, double score, Band band) {
}
