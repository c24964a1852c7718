package io.healthsync.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.healthsync.routes.RunReport;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import java.io.PrintStream;
import java.util.stream.Collectors;

/** Prints run reports and plans for people (short, aligned) or machines (JSON). */
final class ReportPrinter {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportPrinter() {
    }

    static void json(PrintStream out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    static void run(PrintStream out, RunReport r) {
        if (r.store != null) {
            out.printf("  store       %s%s%n", r.store, r.storeWasEmpty ? " (empty at start: everything is pulled from scratch)" : "");
        }
        if (r.accountsPulled + r.activitiesPulled + r.pagesPulled > 0 || !r.pullFailures.isEmpty()) {
            out.printf("  pulled      %,d accounts%s, %,d activities, %,d opportunities, %,d users (%,d pages%s)%n",
                    r.accountsPulled, r.accountsEchoed == 0 ? "" : String.format(" (%,d only our own writes read back)",
                            r.accountsEchoed), r.activitiesPulled, r.opportunitiesPulled, r.usersPulled, r.pagesPulled,
                    (r.recordsDeleted == 0 ? "" : String.format("; %,d deleted in the CRM", r.recordsDeleted))
                            + (r.playbookRecordsReadBack == 0 ? "" : String.format("; %,d playbook Tasks and Opportunities "
                            + "read back, not counted", r.playbookRecordsReadBack)));
        }
        r.sources.forEach((name, source) -> {
            if (!name.equals("salesforce")) {
                out.printf("  %-11s %s: %,d records (%,d pages), %,d retries, %,d quarantined, %,d unmatched%s%n", name,
                        source.state(), source.records(), source.pages(), source.retries(), source.quarantined(),
                        source.unmatched(), source.message() == null || "ok".equals(source.state()) ? ""
                                : "\n              " + source.message());
            }
        });
        if (r.signalsLeftOut != null) {
            out.println("  left out    " + r.signalsLeftOut);
        }
        if (r.sourceDown != null) {
            out.println("  SALESFORCE  down or refusing us, nothing more pulled this run: " + r.sourceDown);
        }
        r.pullFailures.forEach((object, failure) -> out.printf("  PULL FAILED %s: %s%n", object, failure));
        if (r.apiLimitReached) {
            out.println("  API LIMIT   reached: the pull stopped cleanly; the next run resumes from the stored cursors");
        }
        if (r.writesHeld != null) {
            out.println("  NOT WRITTEN " + r.writesHeld);
        }
        if (r.partialAllowed) {
            out.println("  PARTIAL     written from an incomplete pull (--allow-partial)");
        }
        if (r.accountsScored > 0) {
            out.printf("  scored      %,d accounts (%,d changed)%s: %s%n", r.accountsScored, r.scoresChanged,
                    r.scoredBy == null || r.scoredBy.startsWith("scorecard") ? "" : " by model " + r.scoredBy, r.bands.entrySet().stream()
                    .map(e -> String.format("%,d %s", e.getValue(), e.getKey())).collect(Collectors.joining(", ")));
        }
        if (r.planId != null) {
            out.printf("  planned     %,d records, %,d fields changed (plan %s)%n", r.recordsPlanned, r.fieldsChanged, r.planId);
        }
        if (r.dryRun && r.recordsPlanned > 0) {
            out.println("  written     nothing (dry run): 'healthsync apply' writes exactly this plan");
        } else if (r.dryRun) {
            out.println("  written     nothing (dry run), and nothing to write");
        } else if (r.planId != null) {
            int playbookRecords = r.tasksCreated + r.opportunitiesCreated + r.duplicatesAvoided;
            out.printf("  written     %,d records%s in %,d calls (minimum %,d), %,d failed%n", r.recordsWritten,
                    playbookRecords == 0 ? "" : String.format(" and %,d Tasks/Opportunities", playbookRecords),
                    r.writeApiCalls, r.writeApiCallsMinimum, r.recordsFailed + r.playbookWriteFailures.size());
        }
        if (r.planId != null) {
            out.println("  playbooks   " + playbooks(r));
        }
        if (r.writesStopped != null) {
            out.println("  STOPPED     writing stopped, the rest stays planned for the next run: " + r.writesStopped);
        }
        r.writeFailures.entrySet().stream().limit(10)
                .forEach(e -> out.printf("  WRITE FAILED %s: %s%n", e.getKey(), e.getValue()));
        r.playbookWriteFailures.entrySet().stream().limit(10)
                .forEach(e -> out.printf("  PLAYBOOK RECORD FAILED %s: %s%n", e.getKey(), e.getValue()));
        if (r.writeFailures.size() > 10) {
            out.printf("  ... and %,d more failed writes (retried on the next run)%n", r.writeFailures.size() - 10);
        }
        out.printf("  API calls   %,d this run%s%n", r.apiCallsTotal, r.apiUsage == null ? "" : " (org " + r.apiUsage + ")");
        out.printf("  quarantined %,d this run, %,d in total%n", r.quarantined, r.quarantinedTotal);
        if (!r.unknownActivityLabels.isEmpty()) {
            out.printf("  unmapped    activity labels counted as 'other' (add them to taxonomy.yaml): %s%n",
                    r.unknownActivityLabels.entrySet().stream().limit(5)
                            .map(e -> "\"" + e.getKey() + "\" " + e.getValue()).collect(Collectors.joining(", ")));
        }
        r.problems.forEach(p -> out.println("  PROBLEM     " + p));
        out.printf("  done in %.1f s%n", r.elapsedMs / 1000.0);
    }

    /**
     * e.g. "90 Tasks and 4 Opportunities created (0 already there, not doubled); 146 held out, 1,149 light touches
     * logged, 0 suppressed (open or cooling down)".
     */
    static String playbooks(RunReport r) {
        String records = r.dryRun
                ? String.format("%,d Task%s and %,d Opportunit%s to create", r.tasksPlanned, r.tasksPlanned == 1 ? "" : "s",
                        r.opportunitiesPlanned, r.opportunitiesPlanned == 1 ? "y" : "ies")
                : String.format("%,d Task%s and %,d Opportunit%s created (%,d already there, not doubled)", r.tasksCreated,
                        r.tasksCreated == 1 ? "" : "s", r.opportunitiesCreated, r.opportunitiesCreated == 1 ? "y" : "ies",
                        r.duplicatesAvoided);
        return records + String.format("; %,d held out, %,d light touches logged, %,d suppressed (open or cooling down)%s",
                r.heldOut, r.actionsLogged, r.actionsSuppressed,
                r.bulkJobs > 0 ? String.format("; %,d Bulk API jobs", r.bulkJobs) : "");
    }

    static void plan(PrintStream out, WritebackPlan plan, int limit) {
        out.printf("Plan %s (as of %s): %,d of %,d accounts change, %,d fields%n", plan.id(), plan.asOf(),
                plan.writes().size(), plan.accountsConsidered(), plan.fieldsChanged());
        plan.problems().forEach(p -> out.println("  PROBLEM " + p));
        int shown = 0;
        for (PlannedWrite write : plan.writes()) {
            if (shown++ == limit) {
                out.printf("... and %,d more (--limit N to see more, --json for all)%n", plan.writes().size() - limit);
                break;
            }
            out.printf("%n%s %s%s: %s%n", write.sobject(), write.recordId(),
                    write.recordName() == null ? "" : " (" + write.recordName() + ")", write.reason());
            for (FieldChange change : write.changes()) {
                out.printf("    %-22s %s -> %s%n", change.field(), change.oldValue() == null ? "(empty)" : change.oldValue(),
                        change.newValue());
            }
            if (!write.drivers().isEmpty()) {
                out.println("    why: " + String.join("; ", write.drivers()));
            }
        }
    }

}
