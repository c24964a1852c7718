package io.healthsync.scoring.expansion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How ready one account is for an expansion conversation as of one day: a rules score with no trained
 * model behind it, told as readiness (what the customer already does well), never as risk.
 *
 * @param score       0-100, unrounded; the points of {@code signals} add up to it
 * @param propensity  score / 100: an uncalibrated readiness index in 0..1, not a probability of closing (there
 *                    are no expansion outcomes to calibrate it on yet)
 * @param coverage    the share of the configured weight this account had data for (0..1): 0.6 says the score
 *                    stands on 60% of the evidence it was meant to have
 * @param signals     every weighted signal in signal order (without data: value null, 0 points), then the
 *                    prior-upsell bonus when it applied
 * @param notes       what the score was computed without, and which data is stale
 */
public record ExpansionScore(String accountId, LocalDate asOf, double score, ExpansionTier tier, double propensity,
                             double coverage, List<ExpansionSignalValue> signals, List<String> notes) {

    public ExpansionScore {
        signals = List.copyOf(signals);
        notes = List.copyOf(notes);
    }

    public int roundedScore() {
        return (int) Math.round(score);
    }

    /** The signals that earned points, most points first (ties in signal order): an Opportunity's talking points. */
    public List<ExpansionSignalValue> talkingPoints() {
        List<ExpansionSignalValue> earned = new ArrayList<>();
        for (ExpansionSignalValue signal : signals) {
            if (signal.text() != null && Math.round(signal.points()) > 0) {
                earned.add(signal);
            }
        }
        earned.sort(Comparator.comparingDouble(ExpansionSignalValue::points).reversed());
        return earned;
    }

    /**
     * For an Opportunity's description, e.g. "Expansion readiness 86/100 (high): Uses 6 of 7 tracked features
     * (+34 pts); 55% of seats active daily (30-day average) (+27 pts)", then the notes on their own lines.
     */
    public String description() {
        StringBuilder text = new StringBuilder("Expansion readiness ").append(roundedScore()).append("/100 (")
                .append(tier.name().toLowerCase(Locale.ROOT)).append(')');
        String separator = ": ";
        for (ExpansionSignalValue point : talkingPoints()) {
            text.append(separator).append(point.text()).append(" (+").append(Math.round(point.points()))
                    .append(Math.round(point.points()) == 1 ? " pt)" : " pts)");
            separator = "; ";
        }
        for (String note : notes) {
            text.append('\n').append(note);
        }
        return text.toString();
    }
}
