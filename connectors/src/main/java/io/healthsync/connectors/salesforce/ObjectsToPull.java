package io.healthsync.connectors.salesforce;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The objects of one pull, handed to the splitter one at a time: the same object again when its query
 * locator expired (so it is queried again from its stored cursor, on a fresh exchange), none once the
 * API limit stopped the pull or Salesforce is down. Read lazily, it decides from what the previous object's pull reported.
 */
final class ObjectsToPull implements Iterator<SalesforceObject> {

    private final List<SalesforceObject> objects;
    private final PullReport report;
    private int next;
    private SalesforceObject last;

    ObjectsToPull(List<SalesforceObject> objects, PullReport report) {
        this.objects = objects;
        this.report = report;
    }

    @Override
    public boolean hasNext() {
        return !report.stopped() && (requeryLast() || next < objects.size());
    }

    @Override
    public SalesforceObject next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (requeryLast()) {
            report.object(last.apiName()).requeryPending = false;
            return last;
        }
        last = objects.get(next++);
        return last;
    }

    private boolean requeryLast() {
        return last != null && report.object(last.apiName()).requeryPending;
    }
}
