package io.healthsync.scoring.expansion;

/** DOMAIN.md's expansion tiers on the rounded score: high above 80, medium 50-80, low below 50. */
public enum ExpansionTier {
    HIGH, MEDIUM, LOW;

    static final int HIGH_ABOVE = 80;
    static final int LOW_BELOW = 50;

    public static ExpansionTier of(int roundedScore) {
        if (roundedScore > HIGH_ABOVE) {
            return HIGH;
        }
        return roundedScore >= LOW_BELOW ? MEDIUM : LOW;
    }
}
