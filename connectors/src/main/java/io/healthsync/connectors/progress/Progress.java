package io.healthsync.connectors.progress;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long piece of work seen from outside: a stage and what it works on ("pull Task", "zendesk tickets",
 * "apply"), records done of the total when the total is known, the rate and the time left. It is shown on
 * stderr while it runs (see {@link ProgressRenderer}) and ends with one summary line in the log.
 * Counting is cheap (an atomic add and a clock read), so it can be called per page, batch or account.
 */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String name;
    private final ProgressRenderer renderer;
    private final long startedNanos;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile boolean finished;

    Progress(String name, long total, ProgressRenderer renderer, long startedNanos) {
        this.name = name;
        this.total = total;
        this.renderer = renderer;
        this.startedNanos = startedNanos;
    }

    /** Starts showing {@code name}'s progress; the total is not known yet (it may be given later). */
    public static Progress start(String name) {
        return start(name, -1);
    }

    /** Starts showing {@code name}'s progress towards {@code total} records (-1: not known). */
    public static Progress start(String name, long total) {
        return new Progress(name, total, ProgressRenderer.forThisProcess(), System.nanoTime());
    }

    /** {@code records} more are done. */
    public Progress advance(long records) {
        done.addAndGet(records);
        renderer.update(snapshot(System.nanoTime()));
        return this;
    }

    /** {@code records} more are done, of a total now known to be {@code total} (ignored when negative). */
    public Progress advance(long records, long total) {
        if (total >= 0) {
            this.total = total;
        }
        return advance(records);
    }

    /** The work ended: the line is completed on a terminal and one summary line is logged. Only the first call counts. */
    public Snapshot finish() {
        Snapshot last = snapshot(System.nanoTime());
        if (finished) {
            return last;
        }
        finished = true;
        renderer.finish(last);
        LOG.info(last.summary());
        return last;
    }

    Snapshot snapshot(long nowNanos) {
        return new Snapshot(name, done.get(), total, nowNanos - startedNanos);
    }

    /**
     * Where a piece of work stands.
     *
     * @param total -1 when not known
     */
    public record Snapshot(String name, long done, long total, long elapsedNanos) {

        /** Records per second so far; 0 before any time has passed. */
        public double rate() {
            return elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
        }

        /** Seconds left at the rate so far, or -1 when the total or the rate is not known yet. */
        public long secondsLeft() {
            double rate = rate();
            if (total < 0 || rate <= 0) {
                return -1;
            }
            return (long) Math.ceil(Math.max(0, total - done) / rate);
        }

        /** Share done, 0..1, or -1 when the total is not known. */
        public double share() {
            if (total < 0) {
                return -1;
            }
            return total == 0 ? 1 : Math.min(1.0, (double) done / total);
        }

        /** e.g. "pull Task: 45,000 of 120,000 records (37%), 8,100/s, 9 s left". */
        public String line() {
            StringBuilder text = new StringBuilder(name).append(": ").append(String.format("%,d", done));
            if (total >= 0) {
                text.append(String.format(" of %,d records (%d%%)", total, (int) Math.floor(share() * 100)));
            } else {
                text.append(" records");
            }
            text.append(String.format(", %,.0f/s", rate()));
            long left = secondsLeft();
            if (left >= 0 && done < total) {
                text.append(", ").append(left).append(" s left");
            }
            return text.toString();
        }

        /** The stage's log line when it ends, e.g. "pull Task: 120,000 records in 14.8 s (8,108/s)". */
        public String summary() {
            return String.format("%s: %,d records in %.1f s (%,.0f/s)", name, done, elapsedNanos / 1e9, rate());
        }
    }
}
