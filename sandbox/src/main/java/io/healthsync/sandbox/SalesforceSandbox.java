package io.healthsync.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in Salesforce org served over HTTP by embedded WireMock: what {@code healthsync demo} and
 * {@code healthsync sandbox} run. It holds a generated customer base (users, accounts, tasks, events,
 * opportunities) and answers OAuth, SOQL queries with paging, describes, limits, sObject Collections
 * writes (create, update, upsert by External ID) and Bulk API 2.0 ingest jobs in the real wire formats, with the org's errors, API allowance, deletes (the Recycle Bin, seen by
 * queryAll) and, optionally, injected lock contention, expiring query locators and transient outages. State
 * can be kept in a data directory across restarts.
 */
public final class SalesforceSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSandbox.class);

    private final SandboxOptions options;
    private final SandboxOrg org;
    private final SandboxPersistence persistence;
    private final Clock clock;
    private final Object lock = new Object();
    private final WireMockServer server;
    private final SandboxRouter router;
    private boolean closed;

    private SalesforceSandbox(SandboxOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.persistence = new SandboxPersistence(options.dataDir());
        long started = System.nanoTime();
        this.org = persistence.loadOrGenerate(options, new SandboxDataGenerator(new SandboxSchema()),
                LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LOG.info("Sandbox org ready in {} ms: {}", (System.nanoTime() - started) / 1_000_000, census());
        this.router = new SandboxRouter(org, options, clock, lock, this::afterWrite);
        this.server = new WireMockServer(wireMockConfig()
                .port(options.port())
                .extensions(new SalesforceSandboxTransformer(router))
                .disableRequestJournal()
                // else WireMock renders every request and its whole response (the body as JSON) into a
                // message for the notifier, which, not verbose, drops it
                .stubRequestLoggingDisabled(true)
                .notifier(new Slf4jNotifier(false)));
        router.baseUrl(this::loginUrl);
    }

    public static SalesforceSandbox start(SandboxOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** A sandbox whose org is generated for, and whose clock reads, {@code clock}'s time (a fixed day in tests). */
    public static SalesforceSandbox start(SandboxOptions options, Clock clock) {
        SalesforceSandbox sandbox = new SalesforceSandbox(options, clock);
        sandbox.server.start();
        sandbox.server.stubFor(any(anyUrl()).willReturn(aResponse()
                .withTransformers(SalesforceSandboxTransformer.NAME)));
        LOG.info("Salesforce sandbox listening at {}", sandbox.loginUrl());
        return sandbox;
    }

    /**
     * The accounts and seed of the org saved in {@code dataDir} (as {@link SandboxOptions} with that data
     * dir), or empty when none is saved there or the file cannot be read.
     */
    public static Optional<SandboxOptions> savedOrg(Path dataDir) {
        return SandboxPersistence.savedOptions(dataDir);
    }

    /**
     * The generated accounts with their hidden health, as generated (before drift, deletes or writes): what
     * the other stand-in APIs derive from, so every source describes the same customers.
     */
    public List<AccountProfile> accountProfiles() {
        synchronized (lock) {
            return org.profiles();
        }
    }

    /** The day the org was generated for: its history ends the day before; the other sources share it. */
    public LocalDate today() {
        return org.anchorDate();
    }

    /** The seed the org was generated from. */
    public long seed() {
        return org.seed();
    }

    public int port() {
        return server.port();
    }

    /** The login URL, also the instance URL of every session: http://localhost:PORT. */
    public String loginUrl() {
        return "http://localhost:" + port();
    }

    /**
     * Changes {@code n} accounts (see {@link SandboxDrift}), reproducibly for the seed and the drift round,
     * and returns their Ids. Every changed or created record gets SystemModstamp now. Some of the accounts
     * also lose a logged call; {@link #driftRound(int)} tells which.
     */
    public List<String> drift(int n) {
        return driftRound(n).changedAccounts();
    }

    /** Like {@link #drift(int)}, returning the deleted records as well as the changed accounts. */
    public DriftRound driftRound(int n) {
        synchronized (lock) {
            DriftRound round = SandboxDrift.drift(org, n, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            persistence.save(org);
            LOG.info("Drift round {} changed {} accounts and deleted {} tasks", org.driftRounds(),
                    round.changedAccounts().size(), round.deleted().ids(SandboxSchema.TASK).size());
            return round;
        }
    }

    /**
     * Deletes {@code n} accounts (fewer if fewer are left), and with them, as Salesforce cascades, their
     * opportunities, tasks and events: all get IsDeleted = true and SystemModstamp now. Which accounts is
     * reproducible from the seed and the accounts deleted before.
     */
    public DeletedRecords deleteAccounts(int n) {
        synchronized (lock) {
            DeletedRecords deleted = RecordDeletions.deleteAccounts(org, n,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS));
            persistence.save(org);
            LOG.info("Deleted {} accounts ({} records with their opportunities and activities)",
                    deleted.ids(SandboxSchema.ACCOUNT).size(), deleted.count());
            return deleted;
        }
    }

    /** The Ids of the sObject's records in the Recycle Bin (IsDeleted = true), in Id order. */
    public List<String> deletedIds(String sobject) {
        synchronized (lock) {
            SObjectTable table = org.table(sobject);
            List<String> ids = new ArrayList<>();
            for (Object[] row : table.rows()) {
                if (RecordDeletions.isDeleted(table, row)) {
                    ids.add((String) row[0]);
                }
            }
            return ids;
        }
    }

    /** Data API calls served since the org was generated (everything but /services/oauth2/* and the version list). */
    public long apiCallsServed() {
        synchronized (lock) {
            return org.usage().total();
        }
    }

    /**
     * Requests served by kind since generation: query, queryAll, queryMore, describe, describeGlobal, limits,
     * resources, collections_update, collections_create, collections_upsert, the Bulk API 2.0 ingest calls
     * bulk_create_job, bulk_upload, bulk_change_state, bulk_job_info, bulk_results, bulk_list_jobs,
     * bulk_delete_job, then versions, oauth_token, oauth_revoke, and the refusals
     * server_unavailable (an injected transient fault), invalid_session, limit_exceeded, not_found,
     * method_not_allowed.
     */
    public Map<String, Long> apiCallsByKind() {
        synchronized (lock) {
            return org.usage().byKind();
        }
    }

    /**
     * The most Bulk API 2.0 ingest jobs that were unfinished at once since this sandbox started: 1 for a client
     * that waits for each job before creating the next, more for one that runs them together.
     */
    public int bulkIngestJobsAtOnce() {
        synchronized (lock) {
            return router.bulkIngestJobsAtOnce();
        }
    }

    /**
     * The sObject Collections write calls that came while a Bulk API 2.0 ingest job was open, uploaded or in
     * progress: 0 for a client that sends its collections calls only after its jobs are done.
     */
    public int collectionsCallsDuringBulkIngest() {
        synchronized (lock) {
            return router.collectionsCallsDuringBulkIngest();
        }
    }

    /** The record's current values by field name (Instant, LocalDate, Double, Integer, Boolean, String), or null. */
    public Map<String, Object> record(String sobject, String id) {
        synchronized (lock) {
            SObjectTable table = org.table(sobject);
            Object[] row = table.get(id);
            return row == null ? null : Collections.unmodifiableMap(table.asMap(row));
        }
    }

    public List<Map<String, Object>> records(String sobject) {
        synchronized (lock) {
            SObjectTable table = org.table(sobject);
            List<Map<String, Object>> all = new ArrayList<>(table.count());
            table.rows().forEach(row -> all.add(Collections.unmodifiableMap(table.asMap(row))));
            return all;
        }
    }

    /** Writes the org to dataDir/sandbox-org.json; does nothing without a data directory. */
    public void save() {
        synchronized (lock) {
            persistence.save(org);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            persistence.save(org);
        }
        server.stop();
        LOG.info("Salesforce sandbox stopped after {} API calls", apiCallsServed());
    }

    /**
     * Stops serving without saving, as a kill would leave it (for tests of what survives one): only what is
     * already on disk, the last save and the journal, is there for the next start.
     */
    void halt() {
        synchronized (lock) {
            closed = true;
        }
        server.stop();
    }

    /**
     * Called by the router after a collections write, before it answers; already under the lock. The
     * write goes to the journal, forced to disk, so what the org acknowledges survives a kill. The whole
     * file is saved (folding the journal in) once the journal is large ({@link SandboxPersistence#foldDue}): a big
     * org's save takes seconds, and saving it on a time schedule put those seconds into the first write call of
     * every run, the sandbox's cost measured as the app's; by size, each save follows as many bytes of writes as it
     * rewrites. A write the journal could not take is saved in the whole file at once; close() always saves.
     */
    private void afterWrite(Map<SObjectTable, List<String>> written) {
        try {
            persistence.journal(org, written);
        } catch (RuntimeException e) {
            LOG.warn("Could not journal a write of the sandbox org ({}); saving the whole org instead", e.getMessage());
            saveQuietly();
            return;
        }
        if (persistence.foldDue()) {
            saveQuietly();
        }
    }

    private void saveQuietly() {
        try {
            persistence.save(org);
        } catch (RuntimeException e) {
            LOG.warn("Could not save the sandbox org: {}", e.getMessage());
        }
    }

    private String census() {
        StringBuilder text = new StringBuilder();
        for (SObjectTable table : org.tables()) {
            text.append(text.length() == 0 ? "" : ", ").append(table.count()).append(' ')
                    .append(table.schema().labelPlural().toLowerCase());
        }
        return text.toString();
    }
}
