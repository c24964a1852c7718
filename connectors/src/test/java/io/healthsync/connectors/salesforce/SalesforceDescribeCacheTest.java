package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforceDescribeCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final SObjectDescribe ACCOUNT = new SObjectDescribe("Account", Map.of());

    /** An in-memory archive. */
    static final class MapArchive implements SalesforceDescribeCache.Archive {
        final Map<String, SalesforceDescribeCache.Archived> entries = new HashMap<>();

        @Override
        public Optional<SalesforceDescribeCache.Archived> loadDescribe(String sobject) {
            return Optional.ofNullable(entries.get(sobject));
        }

        @Override
        public void saveDescribe(String sobject, SObjectDescribe describe, Instant fetchedAt) {
            entries.put(sobject, new SalesforceDescribeCache.Archived(describe, fetchedAt));
        }

        @Override
        public void forgetDescribe(String sobject) {
            entries.remove(sobject);
        }
    }

    private final MapArchive archive = new MapArchive();
    private final SalesforceDescribeCache cache = new SalesforceDescribeCache(archive, Duration.ofHours(24),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void an_archived_describe_younger_than_the_max_age_is_reused_without_a_call() {
        archive.saveDescribe("account", ACCOUNT, NOW.minus(Duration.ofHours(23)));

        assertThat(cache.get("Account")).contains(ACCOUNT);
        assertThat(cache.fetchedNow("Account")).isFalse();
    }

    @Test
    void an_archived_describe_older_than_the_max_age_is_fetched_again() {
        archive.saveDescribe("account", ACCOUNT, NOW.minus(Duration.ofHours(25)));

        assertThat(cache.get("Account")).isEmpty();
    }

    @Test
    void put_archives_and_forget_removes_everywhere() {
        cache.put("Account", ACCOUNT);
        assertThat(cache.fetchedNow("account")).isTrue();
        assertThat(archive.entries).containsKey("account");

        cache.forget("Account");
        assertThat(cache.get("Account")).isEmpty();
        assertThat(archive.entries).isEmpty();
    }
}
