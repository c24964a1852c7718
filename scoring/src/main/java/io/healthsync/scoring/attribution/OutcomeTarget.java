package io.healthsync.scoring.attribution;

import io.healthsync.model.OutcomeKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * The outcome a report explains, and which journeys it is weighed against. Renewed, churned and contracted are
 * the three ends of a renewal, so each is compared with the other two; an expansion happens mid-contract, so it
 * is compared with every other journey.
 */
public record OutcomeTarget(OutcomeKind kind) {

    private static final Set<OutcomeKind> RENEWAL_ENDS = EnumSet.of(OutcomeKind.RENEWED, OutcomeKind.CHURNED,
            OutcomeKind.CONTRACTED);

    /** Whether the journey is one of the population the outcome is weighed in. */
    public boolean includes(Journey journey) {
        return kind == OutcomeKind.EXPANDED || RENEWAL_ENDS.contains(journey.outcome());
    }

    /** Whether the journey ended in the outcome. */
    public boolean reached(Journey journey) {
        return journey.outcome() == kind;
    }

    public String key() {
        return kind.key();
    }
}
