package io.healthsync.scoring.attribution;

/** A cooperative game over up to 63 players: the worth of each coalition, given as a bit mask of its members. */
public interface CoalitionGame {

    int players();

    double value(long coalition);
}
