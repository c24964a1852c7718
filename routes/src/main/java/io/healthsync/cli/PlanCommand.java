package io.healthsync.cli;

import io.healthsync.model.Band;
import io.healthsync.routes.HealthsyncApp;
import io.healthsync.routes.RunReport;
import io.healthsync.store.JdbcStore;
import io.healthsync.writeback.WritebackPlan;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Pull, score and show what would be written and why, writing nothing to Salesforce. "
                + "The plan is stored: 'healthsync apply' writes exactly it.",
        footerHeading = "%nExamples:%n",
        footer = {"  healthsync plan --config my-config --limit 50",
                "  healthsync plan --no-pull --json > plan.json   # from stored data, as JSON",
                ExitCodes.FOOTER})
final class PlanCommand extends OrgCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-pull", description = "Plan from the data already stored; make no query.")
    boolean noPull;

    @Option(names = "--allow-partial", description = "Plan even when the pull of an object did not complete.")
    boolean allowPartial;

    @Option(names = "--limit", defaultValue = "20", description = "Accounts to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--sort", defaultValue = "change", converter = PlanPrinter.SortConverter.class,
            description = "change (biggest score move first, then first writes), score (lowest first) or arr; ties by ARR, then name (default: ${DEFAULT-VALUE}).")
    PlanPrinter.Sort sort;

    @Option(names = "--band", split = ",", paramLabel = "BAND", converter = PlanPrinter.BandConverter.class,
            description = "Show only accounts whose new band is red, yellow or green; repeatable or a comma list (default: all).")
    List<Band> bands = new ArrayList<>();

    @Option(names = "--owner", paramLabel = "ID_OR_NAME",
            description = "Show only the accounts of this owner: user id or name, case-insensitive (default: all).")
    String owner;

    @Option(names = "--actions", description = "With --output csv: the playbooks' Tasks and Opportunities (held-out "
            + "and log-only ones included) instead of the accounts: kind, account_id, account, playbook, owner, due, "
            + "priority, subject, amount, held_out, key, reason.")
    boolean actions;

    @Option(names = "--output", paramLabel = "FORMAT", converter = PlanPrinter.OutputConverter.class,
            description = "table, json or csv (default: table; --json is --output json).")
    PlanPrinter.Output output;

    @Override
    int run(HealthsyncApp app, JdbcStore store) {
        PlanPrinter.Output format = format();
        RunReport report = app.sync(true, noPull, allowPartial);
        if (report.planId == null) {
            switch (format) {
                case JSON -> ReportPrinter.json(System.out, report);
                case TABLE -> ReportPrinter.run(System.out, report);
                case CSV -> {
                    System.out.print(PlanPrinter.CSV_HEADER + "\r\n");
                    ReportPrinter.run(System.err, report);
                }
            }
            return ExitCodes.FAILED;
        }
        WritebackPlan plan = store.plan(report.planId).orElseThrow();
        PlanPrinter printer = new PlanPrinter(config.fields(), store.accounts(), store.userNames());
        PlanPrinter.View view = printer.view(plan, sort, bands.isEmpty() ? Set.of() : EnumSet.copyOf(bands), owner);
        switch (format) {
            case JSON -> printer.json(System.out, view);
            case TABLE -> {
                printer.table(System.out, view, limit);
                System.out.println();
                ReportPrinter.run(System.out, report);
                PlanPrinter.footer(System.out, view);
            }
            case CSV -> {
                // stdout is the file; what a person reads goes to stderr
                if (actions) {
                    printer.actionsCsv(System.out, plan);
                } else {
                    printer.csv(System.out, view);
                }
                PrintStream err = System.err;
                ReportPrinter.run(err, report);
                PlanPrinter.footer(err, view);
            }
        }
        return ExitCodes.of(report);
    }

    /** --json is the documented alias of --output json; asking for both json and another format is a mistake. */
    private PlanPrinter.Output format() {
        if (common.json && output != null && output != PlanPrinter.Output.JSON) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--json asks for --output json, but --output " + output.name().toLowerCase(java.util.Locale.ROOT) + " was given: choose one");
        }
        if (common.json) {
            return PlanPrinter.Output.JSON;
        }
        return output == null ? PlanPrinter.Output.TABLE : output;
    }
}
