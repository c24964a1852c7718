package io.healthsync.sandbox.company;

import java.time.Instant;

/** A change of the subscription's quantity: an upgrade (expansion) or, at a renewal, a downgrade. */
public record SeatChange(Instant at, int from, int to) {

    public boolean upgrade() {
        return to > from;
    }
}
