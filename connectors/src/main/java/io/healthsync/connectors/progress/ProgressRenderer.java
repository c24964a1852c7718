package io.healthsync.connectors.progress;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shows {@link Progress} on stderr. On a terminal one line is redrawn in place ({@code \r}), at most five
 * times a second; when several pieces of work run at once (a sync pulls its sources side by side) the line holds
 * each, separated by {@value #BETWEEN}, and one that ends is printed on a line of its own. Elsewhere (a pipe, a
 * log file, CI) lines are printed, never redrawn: none for work done within {@link #QUIET_NANOS}, then one each
 * time another tenth of the total is done or another {@link #QUIET_NANOS} has passed, so short runs stay quiet
 * and long ones say where they are.
 * Our own small renderer: the lines must live beside the logs on the same stderr, which a bar library's
 * terminal handling fights with.
 */
public final class ProgressRenderer {

    static final long REDRAW_NANOS = 200_000_000L;
    static final long QUIET_NANOS = 10_000_000_000L;

    static final String BETWEEN = "  |  ";

    /** One per process: pieces of work running at once share the terminal's line instead of fighting over it. */
    private static final ProgressRenderer THIS_PROCESS = new ProgressRenderer(System.console() != null, () -> System.err);

    private final boolean terminal;
    private final Supplier<PrintStream> out;
    /** On a terminal: what each piece of work running now last reported, in the order they started. */
    private final Map<String, Progress.Snapshot> running = new java.util.LinkedHashMap<>();
    /** Per piece of work (several may run at once): when it was last shown, and the tenth of its total then. */
    private final Map<String, long[]> shown = new HashMap<>();
    private long lastDrawnNanos = System.nanoTime() - REDRAW_NANOS;
    private int drawnWidth;

    ProgressRenderer(boolean terminal, Supplier<PrintStream> out) {
        this.terminal = terminal;
        this.out = out;
    }

    /** stderr, redrawn in place when it is a terminal; read at each write, as tests swap System.err. */
    static ProgressRenderer forThisProcess() {
        return THIS_PROCESS;
    }

    synchronized void update(Progress.Snapshot now) {
        long[] last = shown.computeIfAbsent(now.name(), k -> new long[] {0, -1});
        if (terminal) {
            running.put(now.name(), now);
            long clock = System.nanoTime();
            if (last[0] == 0 || clock - lastDrawnNanos >= REDRAW_NANOS) {
                draw(running.values().stream().map(Progress.Snapshot::line)
                        .collect(java.util.stream.Collectors.joining(BETWEEN)));
                lastDrawnNanos = clock;
                last[0] = Math.max(1, now.elapsedNanos());
            }
            return;
        }
        if (now.elapsedNanos() < QUIET_NANOS) {
            return;
        }
        long tenth = now.share() < 0 ? -1 : (long) Math.floor(now.share() * 10);
        boolean anotherTenth = last[1] >= 0 && tenth > last[1];
        if (last[0] == 0 || anotherTenth || now.elapsedNanos() - last[0] >= QUIET_NANOS) {
            out.get().println(now.line());
            last[0] = now.elapsedNanos();
        }
        last[1] = Math.max(last[1], tenth);
    }

    synchronized void finish(Progress.Snapshot end) {
        long[] last = shown.remove(end.name());
        if (terminal) {
            running.remove(end.name());
            draw(end.line());
            out.get().println();
            drawnWidth = 0;
            lastDrawnNanos = System.nanoTime() - REDRAW_NANOS; // what still runs is drawn again at its next update
        } else if (last != null && last[0] > 0) {
            // it said where it was along the way, so it says that it ended
            out.get().println(end.summary());
        }
    }

    private void draw(String line) {
        // pad over what a longer earlier line left behind
        String padding = " ".repeat(Math.max(0, drawnWidth - line.length()));
        // the cursor goes back to the line's start, so a log line printed next overwrites it instead of
        // being appended to it
        out.get().print("\r" + line + padding + "\r");
        out.get().flush();
        drawnWidth = line.length();
    }
}
