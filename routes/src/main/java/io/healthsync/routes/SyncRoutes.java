package io.healthsync.routes;

import io.healthsync.connectors.salesforce.PullReport;
import io.healthsync.connectors.salesforce.SalesforceObject;
import io.healthsync.connectors.salesforce.SalesforcePullRoutes;
import io.healthsync.connectors.source.SourcePullReport;
import io.healthsync.model.HealthScore;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The whole flow, as one route per stage: pull, score, plan and (unless this is a dry run) apply. A run
 * whose pull did not complete for an object the scores read plans and writes nothing (accounts whose
 * activities were not pulled would read as untouched), unless partial data is explicitly allowed.
 * {@code run} adds the Quartz schedule that starts it; each run is counted alone.
 */
public final class SyncRoutes extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncRoutes.class);

    public static final String SYNC = "direct:sync";
    public static final String SCORE = "direct:score-accounts";
    public static final String DRY_RUN = "healthsync.dryRun";
    public static final String SKIP_PULL = "healthsync.skipPull";
    public static final String ALLOW_PARTIAL = "healthsync.allowPartial";
    /** Property placeholder of the scheduled sync's Quartz cron (spaces as '+', as Quartz URIs want them). */
    public static final String CRON_PROPERTY = "healthsync.salesforce.cron";
    /** The objects the scorecard reads: a pull that did not complete for one of them holds the writes. */
    static final List<String> SCORED_OBJECTS = List.of(SalesforceObject.ACCOUNT.apiName(),
            SalesforceObject.TASK.apiName(), SalesforceObject.EVENT.apiName(), SalesforceObject.OPPORTUNITY.apiName());

    static final String SCHEDULED_SYNC = "direct:scheduled-sync";
    /** Set by the CRM's own schedule in run: the other sources are pulled on their own schedules, not here. */
    static final String OTHERS_ON_OWN_SCHEDULES = "healthsync.othersOnOwnSchedules";
    /** The writes of the plan this run just saved, held from planning to apply. */
    private static final String PLANNED_WRITES = "healthsync.plannedWrites";

    /**
     * The long-running mode's schedule: the Quartz cron (from {@link #CRON_PROPERTY}), a run at start if
     * wanted, and who is told each scheduled run's report (or its failure's), for the operator.
     */
    public record Schedule(boolean syncAtStart, Consumer<RunReport> onRun) {
    }

    private final ScoringService scoring;
    private final RunAccounting accounting;
    private final List<String> pulledObjects;
    private final Schedule schedule;
    /** Where each pull of Salesforce is recorded, like every other source's (what status shows). */
    private final Consumer<SourcePullReport> runLog;
    /** One scheduled run at a time: the run at start and the cron's share it. */
    private final Semaphore running = new Semaphore(1);

    /**
     * @param pulledObjects the objects sources.yaml pulls
     * @param schedule      null for one-shot commands (no schedule)
     */
    SyncRoutes(ScoringService scoring, RunAccounting accounting, List<String> pulledObjects, Schedule schedule,
               Consumer<SourcePullReport> runLog) {
        this.runLog = runLog;
        this.scoring = scoring;
        this.accounting = accounting;
        this.pulledObjects = pulledObjects;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        Predicate pull = exchange -> !exchange.getProperty(SKIP_PULL, false, Boolean.class);
        Predicate apply = exchange -> !exchange.getProperty(DRY_RUN, false, Boolean.class);
        Predicate writesHeld = exchange -> report(exchange).writesHeld != null;
        Predicate pullOthers = exchange -> !exchange.getProperty(OTHERS_ON_OWN_SCHEDULES, false, Boolean.class);

        from(SYNC).routeId("sync")
                .process(exchange -> exchange.setProperty(RunReport.class.getName(), accounting.start()))
                .filter(pull)
                    .to(SalesforcePullRoutes.PULL)
                    .process(this::recordPull)
                    .filter(pullOthers)
                        .to(SourceRoutes.PULL_ALL)
                        .process(SyncRoutes::recordSourcePulls)
                    .end()
                .end()
                .process(exchange -> report(exchange).pullMs = report(exchange).lap("pull"))
                .choice()
                    .when(writesHeld)
                        .process(exchange -> LOG.warn("nothing scored, planned or written: {}", report(exchange).writesHeld))
                    .otherwise()
                        .to(SCORE)
                        .process(exchange -> report(exchange).scoreMs = report(exchange).lap("score"))
                        .to(WritebackRoutes.PLAN)
                        .process(SyncRoutes::recordPlan)
                        .process(SyncRoutes::releasePlanned)
                        .process(exchange -> report(exchange).planMs = report(exchange).lap("plan"))
                        .filter(apply)
                            .process(exchange -> exchange.setProperty(WritebackRoutes.PENDING_BATCHES,
                                    accounting.beforeApply(report(exchange), report(exchange).planId,
                                            takePlannedWrites(exchange))))
                            .to(WritebackRoutes.APPLY)
                            .process(exchange -> {
                                report(exchange).writesStopped = exchange.getMessage().getBody(String.class);
                                accounting.afterApply(report(exchange), report(exchange).planId);
                                report(exchange).applyMs = report(exchange).lap("apply");
                            })
                        .end()
                .end()
                .process(exchange -> {
                    exchange.removeProperty(PLANNED_WRITES); // a dry run's
                    RunReport r = report(exchange);
                    r.dryRun = !apply.matches(exchange);
                    accounting.finish(r);
                    exchange.getMessage().setBody(r);
                    LOG.info("sync {}: pulled {} accounts and {} activities, scored {} ({} changed), planned {} records "
                                    + "({} fields), wrote {} ({} failed), {} API calls", r.status, r.accountsPulled,
                            r.activitiesPulled, r.accountsScored, r.scoresChanged, r.recordsPlanned, r.fieldsChanged,
                            r.recordsWritten, r.recordsFailed, r.apiCallsTotal);
                });

        from(SCORE).routeId("score-accounts")
                .process(exchange -> {
                    ScoringService.Result result = scoring.scoreAll();
                    List<HealthScore> scores = result.scores();
                    RunReport report = report(exchange);
                    exchange.setProperty(WritebackRoutes.SCORES, writable(exchange, result));
                    exchange.setProperty(WritebackRoutes.EXPANSION, result.expansion());
                    exchange.setProperty(WritebackRoutes.ACCOUNTS, result.accounts());
                    report.accountsScored = scores.size();
                    report.scoresChanged = result.changed();
                    report.historiesRead = result.historiesRead();
                    report.unknownActivityLabels = result.unknownLabels();
                    report.signalsLeftOut = result.signalsLeftOut();
                    report.scoredBy = result.scoredBy();
                    report.problems.addAll(result.problems());
                    report.bands.clear();
                    for (io.healthsync.model.Band band : io.healthsync.model.Band.values()) {
                        report.bands.put(band.name().toLowerCase(),
                                (int) scores.stream().filter(s -> s.band() == band).count());
                    }
                });

        if (schedule != null) {
            // stateful: a sync that outlasts its interval is not started twice at once
            from("quartz:healthsync/salesforce-sync?stateful=true&cron={{" + CRON_PROPERTY + "}}")
                    .routeId("salesforce-sync-schedule")
                    .setProperty(OTHERS_ON_OWN_SCHEDULES, constant(true))
                    .to(SCHEDULED_SYNC);
            if (schedule.syncAtStart()) {
                from("timer:healthsync-sync-at-start?repeatCount=1&delay=0").routeId("salesforce-sync-at-start")
                        .to(SCHEDULED_SYNC);
            }
            from(SCHEDULED_SYNC).routeId("scheduled-sync")
                    .onException(Exception.class)
                        .handled(true)
                        .process(this::scheduledRunFailed)
                    .end()
                    .filter(this::takeTurn)
                        .to(SYNC)
                        .process(exchange -> schedule.onRun().accept(exchange.getMessage().getBody(RunReport.class)))
                    .end();
        }
    }

    /** True when no other scheduled run is going; the turn is given back when this exchange completes or fails. */
    private boolean takeTurn(Exchange exchange) {
        if (!running.tryAcquire()) {
            LOG.warn("the previous sync is still running; this one is skipped");
            return false;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.release();
            }
        });
        return true;
    }

    /** A run that broke before its report was complete (the store is down, a bug): told, and the next fire retries. */
    private void scheduledRunFailed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RunReport report = report(exchange);
        report.status = "failed";
        report.problems.add("the run failed: " + (error == null ? "unknown error" : error.getMessage()));
        LOG.error("scheduled sync failed; the next schedule tries again", error);
        schedule.onRun().accept(report);
    }

    static RunReport report(Exchange exchange) {
        RunReport report = exchange.getProperty(RunReport.class.getName(), RunReport.class);
        if (report == null) {
            report = new RunReport();
            exchange.setProperty(RunReport.class.getName(), report);
        }
        return report;
    }

    private void recordPull(Exchange exchange) {
        PullReport pull = exchange.getMessage().getBody(PullReport.class);
        RunReport report = report(exchange);
        report.accountsPulled = pull.records("Account");
        int ours = pull.objects().values().stream().mapToInt(o -> o.playbookRecords).sum();
        report.playbookRecordsReadBack = ours;
        report.activitiesPulled = pull.records("Task") + pull.records("Event")
                - (pull.objects().containsKey("Task") ? pull.objects().get("Task").playbookRecords : 0);
        report.opportunitiesPulled = pull.records("Opportunity")
                - (pull.objects().containsKey("Opportunity") ? pull.objects().get("Opportunity").playbookRecords : 0);
        report.usersPulled = pull.records("User");
        report.pagesPulled = pull.objects().values().stream().mapToInt(o -> o.pages).sum();
        report.quarantined = pull.totalQuarantined();
        report.recordsDeleted = pull.objects().values().stream().mapToInt(o -> o.deleted).sum();
        report.accountsEchoed = pull.objects().containsKey("Account") ? pull.objects().get("Account").echoes : 0;
        report.apiLimitReached = pull.apiLimitReached();
        report.sourceDown = pull.sourceDown();
        boolean salesforceFailed = pull.sourceDown() != null || pull.apiLimitReached()
                || pull.objects().values().stream().anyMatch(o -> o.failure != null);
        report.sources.put("salesforce", new RunReport.SourceSummary(report.pagesPulled,
                pull.objects().values().stream().mapToInt(o -> o.records).sum(), pull.retries(), report.quarantined, 0,
                salesforceFailed ? SourcePullReport.FAILED : SourcePullReport.OK,
                pull.sourceDown() != null ? pull.sourceDown() : null));
        SourcePullReport run = new SourcePullReport("salesforce", report.startedAt);
        run.pages = report.pagesPulled;
        run.records = report.sources.get("salesforce").records();
        run.quarantined = report.quarantined;
        run.retries = pull.retries();
        run.state = report.sources.get("salesforce").state();
        run.message = pull.sourceDown() != null ? pull.sourceDown() : pull.objects().entrySet().stream()
                .filter(e -> e.getValue().failure != null).map(e -> e.getKey() + ": " + e.getValue().failure)
                .findFirst().orElse(pull.apiLimitReached() ? "the API budget or limit was reached" : null);
        run.finishedAt = java.time.Instant.now();
        runLog.accept(run);
        if (pull.queryAllRefused()) {
            report.problems.add("the org does not answer queryAll: pulled with query, so records deleted in the CRM "
                    + "stay in the store (and are scored) until it does");
        }
        pull.objects().forEach((object, o) -> {
            if (o.failure != null) {
                report.pullFailures.put(object, o.failure);
            }
            o.skippedFields.forEach(f -> report.problems.add(object + "." + f
                    + " does not exist in the org; pulled without it (check fields.yaml)"));
        });
        List<String> incomplete = pull.incomplete(pulledObjects.stream().filter(SCORED_OBJECTS::contains).toList());
        boolean allowPartial = exchange.getProperty(ALLOW_PARTIAL, false, Boolean.class);
        report.partialAllowed = allowPartial && !incomplete.isEmpty();
        if (!incomplete.isEmpty() && !allowPartial) {
            report.writesHeld = "the pull of " + String.join(", ", incomplete) + " did not complete, so scores would "
                    + "read missing data as no activity; the next run resumes from the stored cursors "
                    + "(--allow-partial writes anyway)";
        }
    }

    /**
     * Scores of accounts that have data from a source whose latest pull did not complete are not written
     * (the failed pull may have changed them), unless partial data is allowed: they wait for the next run.
     */
    private List<HealthScore> writable(Exchange exchange, ScoringService.Result result) {
        RunReport report = report(exchange);
        if (result.heldAccounts().isEmpty()) {
            return result.scores();
        }
        if (exchange.getProperty(ALLOW_PARTIAL, false, Boolean.class)) {
            report.partialAllowed = true;
            return result.scores();
        }
        report.accountsHeld = result.heldAccounts().size();
        report.problems.add(result.heldAccounts().size() + " accounts not written: they have data from "
                + String.join(", ", result.staleSources().keySet()) + ", whose latest pull did not complete; the next "
                + "complete pull writes them (--allow-partial writes them now)");
        return result.scores().stream().filter(s -> !result.heldAccounts().contains(s.accountId())).toList();
    }

    @SuppressWarnings("unchecked")
    private static void recordSourcePulls(Exchange exchange) {
        RunReport report = report(exchange);
        List<SourcePullReport> pulls = exchange.getProperty(SourceRoutes.REPORTS, List.class);
        for (SourcePullReport pull : pulls) {
            report.sources.put(pull.source, RunReport.SourceSummary.of(pull));
            report.quarantined += pull.quarantined;
            if (!pull.complete()) {
                report.problems.add(pull.source + " " + pull.state + ": " + pull.message);
            }
        }
    }

    private static void recordPlan(Exchange exchange) {
        report(exchange).recordPlan(exchange.getMessage().getBody(WritebackPlan.class));
    }

    /**
     * The run's scores and plan let go once the report has its figures (at 100,000 accounts they held some 300 MB of
     * the heap through apply), but for the plan's writes: apply sends them without reading them back from the store
     * when none is written yet ({@link RunAccounting#beforeApply(RunReport, String, List)}).
     */
    private static void releasePlanned(Exchange exchange) {
        exchange.removeProperty(WritebackRoutes.SCORES);
        exchange.removeProperty(WritebackRoutes.EXPANSION);
        exchange.removeProperty(WritebackRoutes.ACCOUNTS);
        WritebackPlan plan = exchange.getMessage().getBody(WritebackPlan.class);
        if (plan != null) {
            exchange.setProperty(PLANNED_WRITES, plan.allWrites());
        }
        exchange.getMessage().setBody(null);
    }

    /** The writes of the plan this run saved (null when there is none), no longer held by the exchange. */
    @SuppressWarnings("unchecked")
    private static List<PlannedWrite> takePlannedWrites(Exchange exchange) {
        return (List<PlannedWrite>) exchange.removeProperty(PLANNED_WRITES);
    }
}
