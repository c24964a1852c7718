package io.healthsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What H2's EXPLAIN ANALYZE says a statement cost: the rows it read, a count that no clock disturbs. */
final class H2Explain {

    private H2Explain() {
    }

    /** The rows H2 read for the statement: the sum of its plan's scanCount comments. */
    static long rowsScanned(String plan) {
        Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        long rows = 0;
        boolean any = false;
        while (m.find()) {
            rows += Long.parseLong(m.group(1));
            any = true;
        }
        assertThat(any).as("EXPLAIN ANALYZE reports scanCount: %s", plan).isTrue();
        return rows;
    }
}
