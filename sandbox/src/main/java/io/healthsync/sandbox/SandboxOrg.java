package io.healthsync.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The org's whole state: one table per sObject plus what must survive a restart (who generated it, the
 * date it was generated for, API usage, drift rounds, the count of collection writes that seeds fault
 * injection). Not thread-safe: the sandbox serialises access.
 */
final class SandboxOrg {

    private final SandboxSchema schema;
    private final Map<String, SObjectTable> tables = new LinkedHashMap<>();
    private final long seed;
    private final int accounts;
    private final LocalDate anchorDate;
    private final String orgId;
    private final String integrationUserId;
    /** The accounts as generated, with their hidden health, in generation order. */
    private final List<AccountProfile> profiles = new ArrayList<>();
    private ServedApiCalls usage;
    private int driftRounds;
    private long collectionWrites;

    SandboxOrg(SandboxSchema schema, long seed, int accounts, LocalDate anchorDate, String integrationUserId) {
        this.schema = schema;
        this.seed = seed;
        this.accounts = accounts;
        this.anchorDate = anchorDate;
        this.orgId = SalesforceIds.of("00D", Math.floorMod(seed * 7919 + 1234, 1_000_000L));
        this.integrationUserId = integrationUserId;
        this.usage = ServedApiCalls.fresh(anchorDate);
        schema.all().forEach(s -> tables.put(s.name().toLowerCase(Locale.ROOT), new SObjectTable(s)));
    }

    SandboxSchema schema() {
        return schema;
    }

    Optional<SObjectTable> find(String sobject) {
        return Optional.ofNullable(tables.get(sobject.toLowerCase(Locale.ROOT)));
    }

    SObjectTable table(String sobject) {
        return find(sobject).orElseThrow(() -> new IllegalArgumentException("no sObject " + sobject));
    }

    Iterable<SObjectTable> tables() {
        return tables.values();
    }

    long seed() {
        return seed;
    }

    int accounts() {
        return accounts;
    }

    LocalDate anchorDate() {
        return anchorDate;
    }

    String orgId() {
        return orgId;
    }

    /** The user the API session acts as (the id in the token response); owns records created via the API. */
    String integrationUserId() {
        return integrationUserId;
    }

    void addProfile(AccountProfile profile) {
        profiles.add(profile);
    }

    List<AccountProfile> profiles() {
        return List.copyOf(profiles);
    }

    ServedApiCalls usage() {
        return usage;
    }

    void restoreUsage(ServedApiCalls restored) {
        this.usage = restored;
    }

    int driftRounds() {
        return driftRounds;
    }

    int nextDriftRound() {
        return driftRounds++;
    }

    void restoreDriftRounds(int value) {
        this.driftRounds = value;
    }

    long collectionWrites() {
        return collectionWrites;
    }

    long nextCollectionWrite() {
        return collectionWrites++;
    }

    void restoreCollectionWrites(long value) {
        this.collectionWrites = value;
    }
}
