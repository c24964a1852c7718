package io.healthsync.cli;

import io.healthsync.store.JdbcStore;
import io.healthsync.store.StoredAction;
import io.healthsync.writeback.PlaybookReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What the playbooks did, from the store alone: their uplift against the held-out groups, and the scored opportunities. */
@Command(name = "playbooks", mixinStandardHelpOptions = true,
        description = "What the playbooks did: 'report' measures each one against its held-out accounts; "
                + "'opportunities' exports the scored expansion opportunities. Reads the store only: no API call.",
        subcommands = {PlaybooksCommand.Report.class, PlaybooksCommand.Opportunities.class},
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync playbooks report --data-dir data/demo",
                "  healthsync playbooks report --json",
                "  healthsync playbooks opportunities > scored-opportunities.csv",
                ExitCodes.FOOTER})
final class PlaybooksCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return ExitCodes.USAGE;
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Per playbook: how often it fired, acted on and held out (firings), and the outcomes "
                    + "(score recovered, renewed, churned, expanded) of the accounts that got the action against the "
                    + "held-out ones (each account once, from its first firing), with the uplift's 95%% confidence interval.")
    static final class Report implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.check(Path.of("data"));
            try (JdbcStore store = common.openStore(Path.of("data"))) {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                Map<String, Object> report = PlaybookReport.build(today, store.playbookActions(),
                        store.scoreHistory(LocalDate.of(2000, 1, 1)), store.outcomes());
                if (common.json) {
                    ReportPrinter.json(System.out, report);
                } else {
                    print(System.out, report);
                }
                return ExitCodes.OK;
            }
        }

        @SuppressWarnings("unchecked")
        static void print(PrintStream out, Map<String, Object> report) {
            List<Map<String, Object>> playbooks = (List<Map<String, Object>>) report.get("playbooks");
            if (playbooks.isEmpty()) {
                out.println("No playbook has fired yet: run 'healthsync sync' (or the demo) first.");
                return;
            }
            out.println("Playbooks as of " + report.get("as_of") + " (treated: got the action; held out: recorded, no action)");
            for (Map<String, Object> p : playbooks) {
                out.printf(Locale.ROOT, "%n%s: fired %,d times, %,d acted on, %,d held out%n", p.get("playbook"),
                        p.get("fired"), p.get("acted"), p.get("held_out"));
                for (Map<String, Object> o : (List<Map<String, Object>>) p.get("outcomes")) {
                    out.println("  " + o.get("summary"));
                }
            }
        }
    }

    @Command(name = "opportunities", mixinStandardHelpOptions = true,
            description = "The scored expansion opportunities as CSV (account_id, score, projected_arr, poc, "
                    + "signals_json, created_date, status), held-out ones included (status held_out).")
    static final class Opportunities implements Callable<Integer> {

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.check(Path.of("data"));
            try (JdbcStore store = common.openStore(Path.of("data"))) {
                csv(System.out, store.playbookActions());
                return ExitCodes.OK;
            }
        }

        static void csv(PrintStream out, List<StoredAction> actions) {
            out.print("account_id,score,projected_arr,poc,signals_json,created_date,status\r\n");
            for (StoredAction a : actions) {
                if (a.kind() != io.healthsync.mappings.PlaybooksConfig.ActionKind.OPPORTUNITY
                        || a.status().equals(StoredAction.SUPERSEDED)) {
                    continue;
                }
                Map<String, String> facts = a.action().facts();
                out.print(String.join(",", PlanPrinter.csvField(a.action().accountId()), PlanPrinter.csvField(facts.get("expansion_score")),
                        PlanPrinter.csvField(a.action().amount() == null ? null : String.format(Locale.ROOT, "%.2f", a.action().amount())),
                        PlanPrinter.csvField(facts.get("probability_of_close")), PlanPrinter.csvField(facts.get("signals_json")),
                        PlanPrinter.csvField(a.createdOn().toString()), PlanPrinter.csvField(a.status())) + "\r\n");
            }
        }
    }
}
