package io.healthsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Reproducible random choices for drift and deletes. */
final class RandomPicks {

    private RandomPicks() {
    }

    /**
     * {@code count} distinct items (all of them if fewer), in the order a partial Fisher-Yates shuffle
     * draws them; the same random sequence always picks the same items.
     */
    static <T> List<T> firstOfShuffle(List<T> items, int count, SplittableRandom random) {
        List<T> shuffled = new ArrayList<>(items);
        int picks = Math.min(Math.max(0, count), shuffled.size());
        for (int i = 0; i < picks; i++) {
            int j = i + random.nextInt(shuffled.size() - i);
            T swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        return new ArrayList<>(shuffled.subList(0, picks));
    }
}
