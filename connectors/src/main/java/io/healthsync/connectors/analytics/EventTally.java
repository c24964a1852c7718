package io.healthsync.connectors.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Events of one page that share a problem (no account, a day outside the window, a line that is not JSON):
 * how many, and a few distinct examples. One summary is quarantined per page, never a row per event: a day
 * of a large customer can hold millions of them.
 */
final class EventTally {

    static final int EXAMPLES = 5;

    private final int exampleLength;
    private final List<String> examples = new ArrayList<>();
    private long count;

    EventTally(int exampleLength) {
        this.exampleLength = exampleLength;
    }

    void add(String example) {
        count++;
        if (example == null || examples.size() >= EXAMPLES) {
            return;
        }
        String kept = example.length() <= exampleLength ? example : example.substring(0, exampleLength) + "...";
        if (!examples.contains(kept)) {
            examples.add(kept);
        }
    }

    long count() {
        return count;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }
}
