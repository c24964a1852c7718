package io.healthsync.cli;

import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Write a stored plan to Salesforce: exactly its records not written yet (re-running is a no-op).",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync apply --config my-config    # the latest plan",
                "  healthsync apply --plan ID --json     # that plan; the summary as JSON",
                ExitCodes.FOOTER})
final class ApplyCommand extends OrgCommand {

    @Option(names = "--plan", paramLabel = "ID", description = "Plan to apply (default: the latest).")
    String planId;

    @Override
    int run(HealthsyncApp app, JdbcStore store) {
        RunReport report = app.apply(planId);
        if (common.json) {
            ReportPrinter.json(System.out, report);
        } else {
            System.out.println("healthsync apply: plan " + report.planId);
            ReportPrinter.run(System.out, report);
        }
        return ExitCodes.of(report);
    }
}
