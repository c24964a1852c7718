package io.healthsync.scoring.attribution;

import java.time.Instant;
import java.util.Objects;

/** One customer-success touchpoint of a journey: its type (a taxonomy key or the export's label) and when. */
public record Touchpoint(String type, Instant at) {

    public Touchpoint {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }
}
