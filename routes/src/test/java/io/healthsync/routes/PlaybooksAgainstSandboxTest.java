package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.FieldMapping;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.PlaybooksConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.store.JdbcStore;
import io.healthsync.store.Store;
import io.healthsync.store.StoredAction;
import io.healthsync.writeback.PlannedWrite;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The playbooks' Tasks and Opportunities against the sandbox org: created once however often the run is
 * repeated, never doubled after a crash between sending and recording, held out deterministically, and sent
 * through Bulk API 2.0 above the threshold.
 */
class PlaybooksAgainstSandboxTest {

    private static final Map<String, String> ENV = Map.of("T_ID", "client", "T_SECRET", "s3cr3t");
    private static final HealthsyncApp.RetryPolicy FAST_RETRIES = new HealthsyncApp.RetryPolicy(1, 10);
    private static final String KEY = "Healthsync_Key__c";
    private static final int ACCOUNTS = 120;

    private JdbcStore store;
    private SalesforceSandbox sandbox;

    @BeforeEach
    void start() {
        store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(ACCOUNTS).withSeed(7));
    }

    @AfterEach
    void close() {
        store.close();
        sandbox.close();
    }

    private HealthsyncConfig config(int bulkThreshold) throws Exception {
        HealthsyncConfig loaded = ConfigLoader.load(Path.of(getClass().getResource("/playbooks-e2e").toURI()));
        SourcesConfig.Salesforce sf = loaded.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        FieldMapping.WritebackPolicy policy = loaded.fields().writeback();
        FieldMapping fields = new FieldMapping(loaded.fields().accountRead(), loaded.fields().accountWrite(),
                new FieldMapping.WritebackPolicy(policy.minScoreChange(), policy.batchSize(), policy.driversMaxLength(),
                        bulkThreshold));
        return new HealthsyncConfig(null, loaded.taxonomy(), fields, loaded.scorecard(),
                new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), sandbox.loginUrl(), sf.apiVersion(), auth,
                        sf.objects(), 2000, sf.lookbackSeconds(), sf.historyDays(), null)),
                loaded.identity(), loaded.playbooks());
    }

    /** The e2e playbooks with any_drop turned into a light-touch (log-only) action posted to {@code webhook}. */
    private HealthsyncConfig withLightTouchWebhook(HealthsyncConfig config, String webhook) {
        List<PlaybooksConfig.Playbook> playbooks = config.playbooks().playbooks().stream()
                .map(p -> !p.id().equals("any_drop") ? p : new PlaybooksConfig.Playbook(p.id(), p.trigger(),
                        PlaybooksConfig.ActionKind.LOG_ONLY, p.owner(), p.dueHours(), p.priority(), p.subject(),
                        p.description(), p.cooldownDays(), p.holdoutShare(), p.enabled(), p.cohorts()))
                .toList();
        return new HealthsyncConfig(null, config.taxonomy(), config.fields(), config.scorecard(), config.sources(),
                config.identity(), new PlaybooksConfig(playbooks, webhook, config.playbooks().opportunity()));
    }

    private HealthsyncApp app(HealthsyncConfig config, Store using) throws Exception {
        return HealthsyncApp.start(config, using, ENV, Clock.systemUTC(), FAST_RETRIES);
    }

    /** The sandbox's records of {@code sobject} that carry a playbook key, by key. */
    private Map<String, Map<String, Object>> ours(String sobject) {
        return sandbox.records(sobject).stream().filter(r -> r.get(KEY) != null)
                .collect(Collectors.toMap(r -> (String) r.get(KEY), r -> r));
    }

    @Test
    void two_runs_in_a_row_create_each_task_and_opportunity_once_and_held_out_accounts_get_none() throws Exception {
        RunReport first;
        RunReport second;
        Map<String, Map<String, Object>> tasks;
        Map<String, Map<String, Object>> opportunities;
        try (HealthsyncApp app = app(config(2000), store)) {
            first = app.sync(false, false);
            tasks = ours("Task");
            opportunities = ours("Opportunity");
            second = app.sync(false, false);
        }

        assertThat(first.status).isEqualTo("ok");
        assertThat(first.tasksCreated).isPositive().isEqualTo(first.tasksPlanned);
        assertThat(first.opportunitiesCreated).isPositive().isEqualTo(first.opportunitiesPlanned);
        assertThat(first.heldOut).isPositive();
        assertThat(first.recordsWritten).isEqualTo(ACCOUNTS); // the Account fields, as before playbooks
        assertThat(tasks).hasSize(first.tasksCreated);
        assertThat(opportunities).hasSize(first.opportunitiesCreated);

        // what was created is what was planned: account, owner, due date, priority
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> owners = store.accounts().stream()
                .collect(Collectors.toMap(a -> a.crmId(), a -> String.valueOf(a.ownerId())));
        List<StoredAction> actions = store.playbookActions();
        for (StoredAction action : actions) {
            PlannedAction planned = action.action();
            Map<String, Object> task = tasks.get(planned.key());
            if (planned.heldOut()) {
                assertThat(action.status()).isEqualTo(StoredAction.HELD_OUT);
                assertThat(tasks).doesNotContainKey(planned.key());
                assertThat(opportunities).doesNotContainKey(planned.key());
            } else if (planned.playbookId().equals("any_drop")) {
                assertThat(action.status()).isEqualTo(StoredAction.WRITTEN);
                assertThat(action.salesforceId()).isEqualTo(task.get("Id"));
                assertThat(task).containsEntry("WhatId", planned.accountId()).containsEntry("Priority", "High")
                        .containsEntry("Status", "Not Started")
                        .containsEntry("OwnerId", owners.get(planned.accountId()));
                assertThat(String.valueOf(task.get("ActivityDate"))).isEqualTo(today.plusDays(1).toString());
                assertThat((String) task.get("Subject")).startsWith("Check ").contains("health fell");
            }
        }
        assertThat(actions).filteredOn(a -> a.action().playbookId().equals("grow") && !a.action().heldOut())
                .allSatisfy(a -> assertThat(opportunities.get(a.key()))
                        .containsEntry("AccountId", a.action().accountId())
                        .containsEntry("StageName", "Prospecting")
                        .containsEntry("LeadSource", "Customer Success"));

        // the second run finds them open (and in their cooldown): nothing new, nothing doubled
        assertThat(second.tasksPlanned + second.opportunitiesPlanned + second.tasksCreated + second.opportunitiesCreated)
                .isZero();
        assertThat(second.actionsSuppressed).isPositive();
        assertThat(ours("Task")).hasSize(first.tasksCreated);
        assertThat(ours("Opportunity")).hasSize(first.opportunitiesCreated);
    }

    @Test
    void a_crash_between_sending_tasks_and_recording_them_creates_no_duplicate_on_the_rerun() throws Exception {
        // the first answer for playbook records is lost, as if the process died right after Salesforce took them
        AtomicBoolean crashed = new AtomicBoolean();
        Store crashing = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("recordResults") && !crashed.get()
                            && ((List<?>) args[1]).stream().anyMatch(w -> ((PlannedWrite) w).isUpsert())) {
                        crashed.set(true);
                        throw new IllegalStateException("killed before the results were recorded");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RunReport interrupted;
        try (HealthsyncApp app = app(config(2000), crashing)) {
            interrupted = app.sync(false, false);
        }
        assertThat(crashed).isTrue();
        // the first batch of playbook records went in and was not recorded; apply stopped there
        Set<String> sent = new java.util.HashSet<>(ours("Task").keySet());
        sent.addAll(ours("Opportunity").keySet());
        assertThat(sent).isNotEmpty().hasSizeLessThan(interrupted.tasksPlanned + interrupted.opportunitiesPlanned);
        assertThat(store.playbookActions()).filteredOn(a -> sent.contains(a.key()))
                .noneSatisfy(a -> assertThat(a.status()).isEqualTo(StoredAction.WRITTEN));

        RunReport rerun;
        try (HealthsyncApp app = app(config(2000), store)) {
            rerun = app.apply(interrupted.planId);
        }

        int planned = interrupted.tasksPlanned + interrupted.opportunitiesPlanned;
        assertThat(rerun.duplicatesAvoided).isEqualTo(sent.size()); // each matched by its key, none created again
        assertThat(rerun.tasksCreated + rerun.opportunitiesCreated).isEqualTo(planned - sent.size());
        assertThat(rerun.playbookWriteFailures).isEmpty();
        Set<String> planKeys = store.playbookActions().stream().filter(a -> !a.action().heldOut()).map(StoredAction::key)
                .collect(Collectors.toSet());
        Set<String> inSalesforce = new java.util.HashSet<>(ours("Task").keySet());
        inSalesforce.addAll(ours("Opportunity").keySet());
        assertThat(inSalesforce).isEqualTo(planKeys).hasSize(planned);
        assertThat(store.playbookActions()).filteredOn(a -> !a.action().heldOut())
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(StoredAction.WRITTEN));
    }

    @Test
    void without_a_webhook_apply_logs_every_light_touch_action_once_and_writes_no_task_for_them() throws Exception {
        RunReport first;
        RunReport again;
        try (HealthsyncApp app = app(withLightTouchWebhook(config(2000), null), store)) {
            first = app.sync(false, false);
            again = app.apply(first.planId);
        }

        long lightTouch = store.playbookActions().stream()
                .filter(a -> a.action().playbookId().equals("any_drop") && !a.action().heldOut()).count();
        assertThat(lightTouch).isPositive();
        assertThat(first.actionsLogged).isEqualTo((int) lightTouch);
        assertThat(again.actionsLogged).isZero(); // logged once: nothing left pending
        assertThat(store.pendingLogOnly(first.planId)).isEmpty();
        assertThat(store.playbookActions()).filteredOn(a -> a.action().playbookId().equals("any_drop"))
                .allSatisfy(a -> assertThat(a.status()).isIn(StoredAction.LOGGED, StoredAction.HELD_OUT));
        assertThat(ours("Task")).isEmpty();
    }

    @Test
    void light_touch_actions_are_posted_to_the_webhook_and_wait_for_the_next_apply_when_it_fails() throws Exception {
        WireMockServer hooks = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hooks.start();
        try {
            hooks.stubFor(WireMock.post("/hooks/healthsync").willReturn(WireMock.aResponse().withStatus(503)));
            HealthsyncConfig config = withLightTouchWebhook(config(2000), hooks.baseUrl() + "/hooks/healthsync");
            RunReport refused;
            RunReport retried;
            try (HealthsyncApp app = app(config, store)) {
                refused = app.sync(false, false);
                hooks.stubFor(WireMock.post("/hooks/healthsync").willReturn(WireMock.aResponse().withStatus(204)));
                retried = app.apply(refused.planId);
            }

            long lightTouch = store.playbookActions().stream()
                    .filter(a -> a.action().playbookId().equals("any_drop") && !a.action().heldOut()).count();
            assertThat(lightTouch).isPositive();
            assertThat(refused.actionsLogged).isZero();
            assertThat(refused.recordsWritten).isEqualTo(ACCOUNTS); // a webhook down never holds back the CRM writes
            assertThat(retried.actionsLogged).isEqualTo((int) lightTouch);
            assertThat(store.playbookActions()).filteredOn(a -> a.action().playbookId().equals("any_drop"))
                    .allSatisfy(a -> assertThat(a.status()).isIn(StoredAction.LOGGED, StoredAction.HELD_OUT));
            assertThat(ours("Task")).isEmpty(); // light touch: no Task
            var posts = hooks.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/hooks/healthsync")));
            var delivered = new com.fasterxml.jackson.databind.ObjectMapper().readTree(posts.get(posts.size() - 1).getBodyAsString());
            assertThat(delivered).hasSize((int) lightTouch);
            assertThat(delivered.get(0).path("playbook").asText()).isEqualTo("any_drop");
            assertThat(delivered.get(0).path("action").asText()).isEqualTo("log_only");
            assertThat(delivered.get(0).path("subject").asText()).startsWith("Check ");
            assertThat(posts.get(posts.size() - 1).getHeader("Content-Type")).startsWith("application/json");
        } finally {
            hooks.stop();
        }
    }

    @Test
    void above_the_bulk_threshold_accounts_tasks_and_opportunities_go_through_bulk_api_in_a_handful_of_calls()
            throws Exception {
        RunReport report;
        try (HealthsyncApp app = app(config(10), store)) {
            report = app.sync(false, false);
        }

        assertThat(report.status).isEqualTo("ok");
        assertThat(report.recordsWritten).isEqualTo(ACCOUNTS);
        assertThat(report.bulkJobs).isGreaterThanOrEqualTo(2); // Accounts and Tasks at least, one job each
        // the jobs ran together: each was created before the others were done, so apply waits for the longest
        assertThat(sandbox.bulkIngestJobsAtOnce()).isEqualTo(report.bulkJobs);
        assertThat(report.apiCallsByOperation).doesNotContainKey("collections_update");
        assertThat(ours("Task")).hasSize(report.tasksCreated);
        assertThat(report.tasksCreated).isEqualTo(report.tasksPlanned);
        // per job: create, upload, close, a poll or two, the results it has: far fewer than one call per 200 records
        assertThat(report.writeApiCalls).isLessThanOrEqualTo(report.bulkJobs * 7 + 2);
        Set<String> written = sandbox.records("Account").stream().filter(r -> r.get("Health_Score__c") != null)
                .map(r -> (String) r.get("Id")).collect(Collectors.toSet());
        assertThat(written).hasSize(ACCOUNTS);
    }

    @Test
    void the_collections_calls_go_out_while_a_bulk_job_is_processed_not_after_it() throws Exception {
        sandbox.close(); // one whose ingest jobs answer InProgress to their first three polls (some 1.75 s)
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(ACCOUNTS).withSeed(7)
                .withBulkInProgressPolls(3));
        RunReport report;
        try (HealthsyncApp app = app(config(ACCOUNTS - 1), store)) { // the Accounts above it, the Tasks below
            report = app.sync(false, false);
        }

        assertThat(report.status).isEqualTo("ok");
        assertThat(report.bulkJobs).isEqualTo(1);
        assertThat(report.tasksCreated).isPositive().isEqualTo(report.tasksPlanned);
        assertThat(report.apiCallsByOperation).containsKey("collections_upsert");
        // the Tasks' calls did not wait for the Accounts' job: apply waits for the longer of the two, not their sum
        assertThat(sandbox.collectionsCallsDuringBulkIngest()).isPositive();
        assertThat(ours("Task")).hasSize(report.tasksCreated);
        assertThat(sandbox.records("Account").stream().filter(r -> r.get("Health_Score__c") != null)).hasSize(ACCOUNTS);
    }
}
