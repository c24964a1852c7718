package io.healthsync.scoring.attribution;

import io.healthsync.scoring.playbooks.Interval;
import io.healthsync.scoring.playbooks.ProportionIntervals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pairs and ordered sequences whose outcome rate is well above what their parts explain: the additive
 * {@link PresenceModel} gives each journey's expected chance from its types one by one, so a pair whose journeys
 * do better than their mean expected chance, with the interval's lower end above 1, works beyond its parts.
 */
public final class PairEffects {

    /** Fewer journeys with a pair than this say nothing about it. */
    public static final int MIN_COUNT = 20;
    /** The report lists at most this many. */
    public static final int LIMIT = 10;

    private PairEffects() {
    }

    public static List<PairEffect> of(List<Journey> journeys, List<String> types, OutcomeTarget target) {
        if (types.size() < 2 || journeys.isEmpty()) {
            return List.of();
        }
        PresenceModel model = PresenceModel.fit(journeys, types, target);
        List<PairEffect> found = new ArrayList<>();
        for (int a = 0; a < types.size(); a++) {
            for (int b = 0; b < types.size(); b++) {
                if (a == b) {
                    continue;
                }
                if (a < b) {
                    add(found, journeys, model, target, types.get(a), types.get(b), false);
                }
                add(found, journeys, model, target, types.get(a), types.get(b), true);
            }
        }
        found.sort(Comparator.comparingDouble((PairEffect p) -> p.interval().lower()).reversed());
        return found.stream().limit(LIMIT).toList();
    }

    private static void add(List<PairEffect> found, List<Journey> journeys, PresenceModel model, OutcomeTarget target,
                            String first, String second, boolean ordered) {
        int count = 0;
        int reached = 0;
        double expected = 0;
        for (Journey journey : journeys) {
            if (ordered ? firstBefore(journey, first, second) : has(journey, first) && has(journey, second)) {
                count++;
                reached += target.reached(journey) ? 1 : 0;
                expected += model.probability(PresenceModel.mask(journey, model.types()));
            }
        }
        if (count < MIN_COUNT || expected <= 0) {
            return;
        }
        double meanExpected = expected / count;
        double rate = (double) reached / count;
        Interval wilson = ProportionIntervals.wilson(reached, count);
        Interval lift = new Interval(wilson.lower() / meanExpected, wilson.upper() / meanExpected);
        if (lift.lower() > 1) {
            found.add(new PairEffect(List.of(first, second), ordered, count, rate, meanExpected, rate / meanExpected, lift));
        }
    }

    private static boolean has(Journey journey, String type) {
        return journey.touchpoints().stream().anyMatch(t -> t.type().equals(type));
    }

    /** Whether a touchpoint of {@code first} comes strictly before one of {@code second}. */
    private static boolean firstBefore(Journey journey, String first, String second) {
        java.time.Instant earliest = null;
        for (Touchpoint t : journey.touchpoints()) {
            if (t.type().equals(first) && earliest == null) {
                earliest = t.at();
            } else if (t.type().equals(second) && earliest != null && t.at().isAfter(earliest)) {
                return true;
            }
        }
        return false;
    }
}
