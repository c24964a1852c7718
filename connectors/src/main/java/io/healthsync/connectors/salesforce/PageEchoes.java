package io.healthsync.connectors.salesforce;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The records of one pulled page that are only the echo of healthsync's own writes (nothing else changed on them,
 * and the fields healthsync writes hold what it wrote), by id, with what each holds in those fields. A store keeps
 * that instead of the whole record: after a full write every Account comes back, and storing 100,000 whole rows
 * again was most of a drifted pull (see {@link SalesforcePageSink#store(PulledPage, PageEchoes)}).
 */
public final class PageEchoes {

    public static final PageEchoes NONE = new PageEchoes(Map.of());

    private final Map<String, Map<String, String>> ourFields;

    /** @param ourFields per echo's id, what it holds in the fields healthsync writes (values may be null) */
    public PageEchoes(Map<String, Map<String, String>> ourFields) {
        this.ourFields = Collections.unmodifiableMap(ourFields);
    }

    public int count() {
        return ourFields.size();
    }

    public boolean contains(String id) {
        return ourFields.containsKey(id);
    }

    public Set<String> ids() {
        return ourFields.keySet();
    }

    /** What the echo holds in the fields healthsync writes; null when the record is not an echo. */
    public Map<String, String> ourFields(String id) {
        return ourFields.get(id);
    }
}
