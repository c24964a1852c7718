package io.healthsync.connectors.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);

    private String shown() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_snapshot_says_records_done_of_the_total_the_rate_and_the_time_left() {
        Progress.Snapshot snapshot = new Progress.Snapshot("pull Task", 45_000, 120_000, 5 * SECOND);

        assertThat(snapshot.rate()).isEqualTo(9_000.0);
        assertThat(snapshot.secondsLeft()).isEqualTo(9); // 75,000 left at 9,000/s: 8.33 s, rounded up
        assertThat(snapshot.line()).isEqualTo("pull Task: 45,000 of 120,000 records (37%), 9,000/s, 9 s left");
        assertThat(snapshot.summary()).isEqualTo("pull Task: 45,000 records in 5.0 s (9,000/s)");
    }

    @Test
    void without_a_total_there_is_no_share_and_no_time_left() {
        Progress.Snapshot snapshot = new Progress.Snapshot("zendesk tickets", 3_000, -1, 2 * SECOND);

        assertThat(snapshot.share()).isEqualTo(-1);
        assertThat(snapshot.secondsLeft()).isEqualTo(-1);
        assertThat(snapshot.line()).isEqualTo("zendesk tickets: 3,000 records, 1,500/s");
    }

    @Test
    void an_empty_total_is_all_done_and_no_time_has_no_rate() {
        assertThat(new Progress.Snapshot("apply", 0, 0, 0).share()).isEqualTo(1.0);
        assertThat(new Progress.Snapshot("apply", 0, 0, 0).rate()).isZero();
        assertThat(new Progress.Snapshot("apply", 0, 0, 0).line()).isEqualTo("apply: 0 of 0 records (100%), 0/s");
    }

    @Test
    void off_a_terminal_work_within_ten_seconds_prints_nothing() {
        ProgressRenderer renderer = new ProgressRenderer(false, () -> out);

        renderer.update(new Progress.Snapshot("pull Task", 500, 1_000, 3 * SECOND));
        renderer.update(new Progress.Snapshot("pull Task", 999, 1_000, 9 * SECOND));
        renderer.finish(new Progress.Snapshot("pull Task", 1_000, 1_000, 9 * SECOND));

        assertThat(shown()).isEmpty();
    }

    @Test
    void off_a_terminal_long_work_prints_a_line_per_tenth_or_per_ten_seconds_then_its_end() {
        ProgressRenderer renderer = new ProgressRenderer(false, () -> out);

        renderer.update(new Progress.Snapshot("pull Task", 100, 1_000, 10 * SECOND));   // first line after 10 s
        renderer.update(new Progress.Snapshot("pull Task", 150, 1_000, 11 * SECOND));   // same tenth, 1 s later
        renderer.update(new Progress.Snapshot("pull Task", 200, 1_000, 12 * SECOND));   // another tenth
        renderer.update(new Progress.Snapshot("pull Task", 210, 1_000, 22 * SECOND));   // 10 s since the last line
        renderer.finish(new Progress.Snapshot("pull Task", 1_000, 1_000, 30 * SECOND));

        assertThat(shown().lines()).containsExactly(
                "pull Task: 100 of 1,000 records (10%), 10/s, 90 s left",
                "pull Task: 200 of 1,000 records (20%), 17/s, 48 s left",
                "pull Task: 210 of 1,000 records (21%), 10/s, 83 s left",
                "pull Task: 1,000 records in 30.0 s (33/s)");
    }

    @Test
    void on_a_terminal_the_line_is_redrawn_in_place_with_the_cursor_left_at_its_start_and_ended_when_the_work_is() {
        ProgressRenderer renderer = new ProgressRenderer(true, () -> out);

        renderer.update(new Progress.Snapshot("apply", 200, 1_000, SECOND));
        renderer.finish(new Progress.Snapshot("apply", 1_000, 1_000, 2 * SECOND));

        String first = "apply: 200 of 1,000 records (20%), 200/s, 4 s left";
        String last = "apply: 1,000 of 1,000 records (100%), 500/s";
        // the shorter last line is padded over what the first left on the screen
        assertThat(shown()).isEqualTo("\r" + first + "\r" + "\r" + last + " ".repeat(first.length() - last.length())
                + "\r" + System.lineSeparator());
    }

    @Test
    void on_a_terminal_work_running_at_once_shares_the_line_and_one_that_ends_keeps_a_line_of_its_own() {
        ProgressRenderer renderer = new ProgressRenderer(true, () -> out);

        renderer.update(new Progress.Snapshot("zendesk tickets", 100, -1, SECOND));
        renderer.update(new Progress.Snapshot("stripe invoices", 50, -1, SECOND));
        renderer.finish(new Progress.Snapshot("zendesk tickets", 300, -1, 2 * SECOND));
        renderer.update(new Progress.Snapshot("stripe invoices", 400, -1, 2 * SECOND)); // at once: nothing else shows

        String tickets = "zendesk tickets: 100 records, 100/s";
        String both = tickets + ProgressRenderer.BETWEEN + "stripe invoices: 50 records, 50/s";
        String ended = "zendesk tickets: 300 records, 150/s";
        String invoices = "stripe invoices: 400 records, 200/s";
        assertThat(shown()).isEqualTo("\r" + tickets + "\r" + "\r" + both + "\r"
                + "\r" + ended + " ".repeat(both.length() - ended.length()) + "\r" + System.lineSeparator()
                + "\r" + invoices + "\r");
    }

    @Test
    void finishing_twice_reports_once() {
        Progress progress = new Progress("apply", 2, new ProgressRenderer(true, () -> out), System.nanoTime());

        progress.advance(2);
        progress.finish();
        progress.finish();

        assertThat(shown().split(System.lineSeparator(), -1)).hasSize(2); // one ended line, nothing after it
    }
}
