package io.healthsync.cli;

import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Pull, score, plan and write back once (what 'run' does on its schedule).",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync sync --config my-config",
                "  healthsync sync --dry-run --json      # plan only; the summary as JSON",
                ExitCodes.FOOTER})
final class SyncCommand extends OrgCommand {

    @Option(names = "--dry-run", description = "Plan only; write nothing.")
    boolean dryRun;

    @Option(names = "--allow-partial", description = "Plan and write even when the pull of an object did not "
            + "complete (scores then read missing activity as no activity).")
    boolean allowPartial;

    @Override
    int run(HealthsyncApp app, JdbcStore store) {
        RunReport report = app.sync(dryRun, false, allowPartial);
        if (common.json) {
            ReportPrinter.json(System.out, report);
        } else {
            System.out.println("healthsync sync");
            ReportPrinter.run(System.out, report);
        }
        return ExitCodes.of(report);
    }
}
