package io.healthsync.connectors.salesforce;

import java.time.Instant;
import java.util.Optional;

/** Where pulled pages go. Implemented by the store: a page and its cursor are saved in one transaction. */
public interface SalesforcePageSink {

    Optional<SalesforceCursor> cursor(SalesforceObject object);

    /** Stores the page and its cursor in one transaction. */
    void store(PulledPage page);

    /**
     * Stores the page and its cursor in one transaction, its {@code echoes} as such: a store may keep only what they
     * hold in the fields healthsync writes (and read them back as the stored record with those values), instead of
     * the whole record again. By default they are stored as any record.
     */
    default void store(PulledPage page, PageEchoes echoes) {
        store(page);
    }

    /**
     * Reads only: which of the page's records are only the echo of healthsync's own writes (nothing else changed
     * on them, and our fields hold what we wrote). Asked on the storing thread just before the page is stored: a
     * query returns each record once, so no page stored before it holds a record this check reads.
     */
    default PageEchoes echoes(PulledPage page) {
        return PageEchoes.NONE;
    }

    /**
     * How the pages of one pull of {@code object}, whose query matched {@code records} records, are told for
     * echoes: by default page by page ({@link #echoes}); a store may instead read once what it compares with when
     * the pull returns many records. Asked on the thread that fetches, before the pull's first page is stored.
     */
    default EchoCheck echoCheck(SalesforceObject object, long records) {
        return this::echoes;
    }

    /** Which of a page's records are only the echo of healthsync's own writes (see {@link #echoes}). */
    @FunctionalInterface
    interface EchoCheck {
        PageEchoes echoes(PulledPage page);
    }

    /**
     * An object's pull read its last page: records stamped up to {@code settledUntil} (never later than the
     * cursor) need no re-reading, and the store's copy of the object is complete as of {@code at}.
     */
    void markComplete(SalesforceObject object, Instant settledUntil, Instant at);

    /**
     * A first pull of {@code object} through a Bulk API query job begins: the store may set aside what makes each
     * insert dear (the indexes of a table that holds nothing yet) and build it once, in {@link #backfillsDone()}.
     */
    default void backfillBegins(SalesforceObject object) {
    }

    /** The pull is over, however it ended: whatever a backfill set aside is back in place. */
    default void backfillsDone() {
    }
}
