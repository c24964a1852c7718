package io.healthsync.cli;

import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Pull, score, plan and write back once.")
final class SyncCommand extends OrgCommand {

    @Option(names = "--dry-run", description = "Plan only; write nothing.")
    boolean dryRun;

    @Override
    int run(HealthsyncApp app, JdbcStore store) {
        RunReport report = app.sync(dryRun, false);
        if (common.json) {
            ReportPrinter.json(System.out, report);
        } else {
            System.out.println("healthsync sync");
            ReportPrinter.run(System.out, report);
        }
        return report.pullFailures.isEmpty() && report.recordsFailed == 0 ? 0 : 1;
    }
}
