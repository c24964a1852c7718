package io.healthsync.cli;

import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import io.healthsync.writeback.WritebackPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Pull, score and show what would be written and why, writing nothing to Salesforce. "
                + "The plan is stored: 'healthsync apply' writes exactly it.",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync plan --config my-config --limit 50",
                "  healthsync plan --no-pull --json > plan.json   # from stored data, as JSON",
                ExitCodes.FOOTER})
final class PlanCommand extends OrgCommand {

    @Option(names = "--no-pull", description = "Plan from the data already stored; make no query.")
    boolean noPull;

    @Option(names = "--allow-partial", description = "Plan even when the pull of an object did not complete.")
    boolean allowPartial;

    @Option(names = "--limit", defaultValue = "20", description = "Accounts to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(HealthsyncApp app, JdbcStore store) {
        RunReport report = app.sync(true, noPull, allowPartial);
        if (report.planId == null) {
            if (common.json) {
                ReportPrinter.json(System.out, report);
            } else {
                ReportPrinter.run(System.out, report);
            }
            return ExitCodes.FAILED;
        }
        WritebackPlan plan = store.plan(report.planId).orElseThrow();
        if (common.json) {
            ReportPrinter.json(System.out, plan);
        } else {
            ReportPrinter.plan(System.out, plan, limit);
            System.out.println();
            ReportPrinter.run(System.out, report);
            System.out.println("Apply exactly this plan with: healthsync apply --plan " + plan.id());
        }
        return ExitCodes.of(report);
    }
}
