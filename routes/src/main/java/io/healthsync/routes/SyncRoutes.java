package io.healthsync.routes;

import io.healthsync.connectors.salesforce.PullReport;
import io.healthsync.connectors.salesforce.SalesforcePullRoutes;
import io.healthsync.model.HealthScore;
import io.healthsync.writeback.WritebackPlan;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;

/**
 * The whole flow, as one route per stage: pull, score, plan, and (unless this is a dry run) apply.
 * {@code run} adds the Quartz schedule that starts it.
 */
public final class SyncRoutes extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncRoutes.class);

    public static final String SYNC = "direct:sync";
    public static final String SCORE = "direct:score-accounts";
    public static final String DRY_RUN = "healthsync.dryRun";
    public static final String SKIP_PULL = "healthsync.skipPull";

    private final ScoringService scoring;
    private final String cron;

    /** @param cron Quartz cron of the scheduled sync, or null for one-shot commands */
    public SyncRoutes(ScoringService scoring, String cron) {
        this.scoring = scoring;
        this.cron = cron;
    }

    @Override
    public void configure() {
        Predicate pull = exchange -> !exchange.getProperty(SKIP_PULL, false, Boolean.class);
        Predicate apply = exchange -> !exchange.getProperty(DRY_RUN, false, Boolean.class);

        from(SYNC).routeId("sync")
                .process(exchange -> exchange.setProperty(RunReport.class.getName(), report(exchange)))
                .filter(pull)
                    .to(SalesforcePullRoutes.PULL)
                    .process(SyncRoutes::recordPull)
                .end()
                .to(SCORE)
                .to(WritebackRoutes.PLAN)
                .process(SyncRoutes::recordPlan)
                .filter(apply)
                    .to(WritebackRoutes.APPLY)
                .end()
                .setBody(exchangeProperty(RunReport.class.getName()))
                .process(exchange -> {
                    RunReport r = report(exchange);
                    LOG.info("sync done: pulled {} accounts and {} activities, scored {}, planned {} records ({} fields)",
                            r.accountsPulled, r.activitiesPulled, r.accountsScored, r.recordsPlanned, r.fieldsChanged);
                });

        from(SCORE).routeId("score-accounts")
                .process(exchange -> {
                    List<HealthScore> scores = scoring.scoreAll();
                    exchange.setProperty(WritebackRoutes.SCORES, scores);
                    RunReport report = report(exchange);
                    report.accountsScored = scores.size();
                    report.bands.clear();
                    for (io.healthsync.model.Band band : io.healthsync.model.Band.values()) {
                        report.bands.put(band.name().toLowerCase(),
                                (int) scores.stream().filter(s -> s.band() == band).count());
                    }
                });

        if (cron != null) {
            // stateful: a sync that outlasts its interval is not started twice at once
            from("quartz:healthsync/salesforce-sync?stateful=true&cron=" + cron.replace(' ', '+'))
                    .routeId("salesforce-sync-schedule")
                    .to(SYNC);
        }
    }

    static RunReport report(Exchange exchange) {
        RunReport report = exchange.getProperty(RunReport.class.getName(), RunReport.class);
        if (report == null) {
            report = new RunReport();
            exchange.setProperty(RunReport.class.getName(), report);
        }
        return report;
    }

    private static void recordPull(Exchange exchange) {
        PullReport pull = exchange.getMessage().getBody(PullReport.class);
        RunReport report = report(exchange);
        report.accountsPulled = pull.records("Account");
        report.activitiesPulled = pull.records("Task") + pull.records("Event");
        report.opportunitiesPulled = pull.records("Opportunity");
        report.usersPulled = pull.records("User");
        report.pagesPulled = pull.objects().values().stream().mapToInt(o -> o.pages).sum();
        report.quarantined = pull.totalQuarantined();
        report.apiLimitReached = pull.apiLimitReached();
        pull.objects().forEach((object, o) -> {
            if (o.failure != null) {
                report.pullFailures.put(object, o.failure);
            }
            o.skippedFields.forEach(f -> report.problems.add(object + "." + f
                    + " does not exist in the org; pulled without it (check fields.yaml)"));
        });
    }

    private static void recordPlan(Exchange exchange) {
        WritebackPlan plan = exchange.getMessage().getBody(WritebackPlan.class);
        RunReport report = report(exchange);
        report.planId = plan.id();
        report.recordsPlanned = plan.writes().size();
        report.fieldsChanged = plan.fieldsChanged();
        report.problems.addAll(plan.problems());
    }
}
