package io.healthsync.connectors.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * sObject describes, shared by the pull and the writeback. A describe costs an API call and rarely
 * changes, so describes are kept in an archive (the store) for {@code maxAge}; the pull re-describes
 * sooner when a mapped field is missing from an archived describe (it may have been created since) and
 * forgets an object's describe when Salesforce rejects a query on it (a field may have been deleted).
 */
public final class SalesforceDescribeCache {

    /** Where describes outlive the process. */
    public interface Archive {
        Optional<Archived> loadDescribe(String sobject);

        void saveDescribe(String sobject, SObjectDescribe describe, Instant fetchedAt);

        void forgetDescribe(String sobject);
    }

    public record Archived(SObjectDescribe describe, Instant fetchedAt) {
    }

    /** Fetched by this process, with when: a long-running process re-describes after maxAge too. */
    private final Map<String, Archived> fetchedNow = new ConcurrentHashMap<>();
    private final Archive archive;
    private final Duration maxAge;
    private final Clock clock;

    /** Describes live only as long as this process. */
    public SalesforceDescribeCache() {
        this(null, Duration.ZERO, Clock.systemUTC());
    }

    public SalesforceDescribeCache(Archive archive, Duration maxAge, Clock clock) {
        this.archive = archive;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Optional<SObjectDescribe> get(String sobject) {
        Archived fetched = fetchedNow.get(key(sobject));
        if (fetched != null && (archive == null || fresh(fetched))) {
            return Optional.of(fetched.describe());
        }
        if (archive == null) {
            return Optional.empty();
        }
        return archive.loadDescribe(key(sobject)).filter(this::fresh).map(Archived::describe);
    }

    /** True when this process fetched the describe within maxAge: a missing field is really missing. */
    public boolean fetchedNow(String sobject) {
        Archived fetched = fetchedNow.get(key(sobject));
        return fetched != null && (archive == null || fresh(fetched));
    }

    private boolean fresh(Archived archived) {
        return archived.fetchedAt().isAfter(clock.instant().minus(maxAge));
    }

    public void put(String sobject, SObjectDescribe describe) {
        fetchedNow.put(key(sobject), new Archived(describe, clock.instant()));
        if (archive != null) {
            archive.saveDescribe(key(sobject), describe, clock.instant());
        }
    }

    public void forget(String sobject) {
        fetchedNow.remove(key(sobject));
        if (archive != null) {
            archive.forgetDescribe(key(sobject));
        }
    }

    private static String key(String sobject) {
        return sobject.toLowerCase();
    }
}
