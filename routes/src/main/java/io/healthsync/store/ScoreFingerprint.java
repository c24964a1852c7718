package io.healthsync.store;

/**
 * A 64-bit FNV-1a hash of what a health_score row holds but its computed_at: two scores with the same
 * fingerprint are taken to be the same row, so a save skips it. At 64 bits a changed score passing for an
 * unchanged one is about as likely as a disk flipping the bit that says so.
 */
final class ScoreFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    /** What a health_score row holds of the score but its computed_at: day, score, band, drivers, signals, model. */
    static long of(io.healthsync.model.HealthScore score) {
        ScoreFingerprint f = new ScoreFingerprint().add(score.asOf().toEpochDay()).add(score.score())
                .add(score.band().name()).add(score.drivers().size());
        for (io.healthsync.model.Driver driver : score.drivers()) {
            f.add(driver.signal()).add(driver.points()).add(driver.text());
        }
        f.add(score.signals().size());
        for (io.healthsync.model.SignalValue signal : score.signals()) {
            f.add(signal.name()).add(signal.value()).add(signal.percentile()).add(signal.weight());
        }
        return f.add(score.modelVersion()).add(score.churnProbability()).add(score.expansionProbability()).value();
    }

    ScoreFingerprint add(String value) {
        if (value == null) {
            return add(-1L); // unlike any string's length below
        }
        add((long) value.length());
        for (int i = 0; i < value.length(); i++) {
            mix(value.charAt(i));
        }
        return this;
    }

    ScoreFingerprint add(double value) {
        return add(Double.doubleToLongBits(value));
    }

    ScoreFingerprint add(Double value) {
        return value == null ? add(-2L) : add(value.doubleValue());
    }

    ScoreFingerprint add(long value) {
        for (int shift = 0; shift < 64; shift += 16) {
            mix((char) (value >>> shift));
        }
        return this;
    }

    long value() {
        return hash;
    }

    private void mix(char c) {
        hash = (hash ^ (c & 0xff)) * PRIME;
        hash = (hash ^ (c >>> 8)) * PRIME;
    }
}
