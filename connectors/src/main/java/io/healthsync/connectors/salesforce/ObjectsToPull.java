package io.healthsync.connectors.salesforce;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The objects of one pull, handed to the splitter one at a time: the same object again when its pull asked
 * for it (its query locator expired, or queryAll had to give way to query), none once the API limit or an
 * outage stopped the pull. The decision is made in {@link #next()}, after the previous object's pull has
 * reported; the splitter asks {@link #hasNext()} one element ahead, so the sequence always ends with
 * {@link #END}, which the route skips.
 */
final class ObjectsToPull implements Iterator<Object> {

    /** The last element: nothing more to pull. */
    static final String END = "end-of-pull";

    private final List<SalesforceObject> objects;
    private final PullReport report;
    private int next;
    private SalesforceObject last;
    private boolean ended;

    ObjectsToPull(List<SalesforceObject> objects, PullReport report) {
        this.objects = objects;
        this.report = report;
    }

    @Override
    public boolean hasNext() {
        return !ended;
    }

    @Override
    public Object next() {
        if (ended) {
            throw new NoSuchElementException();
        }
        if (!report.stopped() && last != null && report.object(last.apiName()).requeryPending) {
            report.object(last.apiName()).requeryPending = false;
            return last;
        }
        if (!report.stopped() && next < objects.size()) {
            last = objects.get(next++);
            return last;
        }
        ended = true;
        return END;
    }
}
