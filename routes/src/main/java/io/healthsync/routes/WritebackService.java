package io.healthsync.routes;

import io.healthsync.connectors.salesforce.SObjectCollections;
import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.connectors.salesforce.SalesforceDescribeCache;
import io.healthsync.connectors.salesforce.WriteResult;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.model.Account;
import io.healthsync.model.HealthScore;
import io.healthsync.store.Store;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import io.healthsync.writeback.WritebackPlanner;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans writes from the latest scores and records the results of applying them. */
public final class WritebackService {

    private static final Logger LOG = LoggerFactory.getLogger(WritebackService.class);
    private static final DateTimeFormatter PLAN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final HealthsyncConfig config;
    private final Store store;
    private final SalesforceDescribeCache describes;
    private final Clock clock;

    public WritebackService(HealthsyncConfig config, Store store, SalesforceDescribeCache describes, Clock clock) {
        this.config = config;
        this.store = store;
        this.describes = describes;
        this.clock = clock;
    }

    public WritebackPlan plan(List<HealthScore> scores) {
        LocalDate asOf = scores.isEmpty() ? LocalDate.now(clock) : scores.get(0).asOf();
        Map<String, Account> accounts = store.accounts().stream()
                .collect(Collectors.toMap(Account::crmId, Function.identity()));
        SObjectDescribe describe = describes.get(WritebackPlanner.ACCOUNT).orElse(null);
        String id = PLAN_ID.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 6);
        WritebackPlan plan = new WritebackPlanner(config.fields()).plan(id, asOf, clock.instant(), scores, accounts,
                store.writtenFields(WritebackPlanner.ACCOUNT), store.lastCompletePull(WritebackPlanner.ACCOUNT).orElse(null),
                describe);
        store.savePlan(plan);
        plan.problems().forEach(p -> LOG.warn("plan {}: {}", id, p));
        LOG.info("plan {}: {} of {} accounts to write, {} fields", id, plan.writes().size(), scores.size(),
                plan.fieldsChanged());
        return plan;
    }

    /** The plan's writes that are not written yet, cut into sObject Collections batches. */
    public List<List<PlannedWrite>> pendingBatches(String planId) {
        List<PlannedWrite> pending = store.pendingWrites(planId);
        int size = Math.min(config.fields().writeback().batchSize(), SObjectCollections.MAX_RECORDS);
        List<List<PlannedWrite>> batches = new ArrayList<>();
        for (int i = 0; i < pending.size(); i += size) {
            batches.add(pending.subList(i, Math.min(pending.size(), i + size)));
        }
        return batches;
    }

    public static String request(List<PlannedWrite> batch) {
        return SObjectCollections.updateRequest(updates(batch));
    }

    public List<WriteResult> recordResponse(String planId, List<PlannedWrite> batch, String responseBody) {
        List<WriteResult> results = SObjectCollections.parseResults(responseBody, updates(batch));
        store.recordResults(planId, batch, results, clock.instant());
        List<WriteResult> failures = results.stream().filter(r -> !r.success()).toList();
        if (failures.isEmpty()) {
            LOG.info("plan {}: batch of {} written, 0 failed", planId, batch.size());
        } else {
            // an operator scanning the log for warnings sees that records were refused, and why the first was
            WriteResult first = failures.get(0);
            LOG.warn("plan {}: batch of {} written, {} failed (first: {} {}: {}); they are retried on the next run",
                    planId, batch.size(), failures.size(), first.errorCode(), first.recordId(), first.message());
        }
        return results;
    }

    /** The whole call failed (after retries): every record of the batch is failed with that reason. */
    public void recordCallFailure(String planId, List<PlannedWrite> batch, String errorCode, String message) {
        List<WriteResult> results = batch.stream()
                .map(w -> WriteResult.failed(w.recordId(), errorCode, message)).toList();
        store.recordResults(planId, batch, results, clock.instant());
    }

    private static List<SObjectCollections.RecordUpdate> updates(List<PlannedWrite> batch) {
        return batch.stream().map(w -> new SObjectCollections.RecordUpdate(w.sobject(), w.recordId(), w.payload())).toList();
    }
}
