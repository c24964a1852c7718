package io.healthsync.cli;

import io.healthsync.routes.RunReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One line per scheduled run for the operator: when, ok / partial / failed and why, and what it did. */
final class RunSummary {

    private RunSummary() {
    }

    /** The run's report as one line of JSON. */
    static String jsonLine(RunReport r) {
        try {
            return ReportPrinter.JSON.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(r);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print the run's report as JSON", e);
        }
    }

    static String line(RunReport r) {
        StringBuilder line = new StringBuilder(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .append(" sync ").append(r.status == null ? "failed" : r.status).append(": ");
        line.append(String.format("pulled %,d accounts, %,d activities", r.accountsPulled, r.activitiesPulled));
        if (r.recordsDeleted > 0) {
            line.append(String.format(", %,d deleted", r.recordsDeleted));
        }
        if (r.sourceDown != null) {
            line.append("; nothing written; Salesforce: ").append(r.sourceDown);
        } else if (r.writesHeld != null) {
            line.append("; nothing written: ").append(r.writesHeld);
        } else {
            line.append(String.format("; scored %,d; wrote %,d of %,d planned records in %,d calls", r.accountsScored,
                    r.recordsWritten, r.recordsPlanned, r.writeApiCalls));
            if (r.recordsFailed > 0) {
                line.append(String.format(", %,d failed (retried next run)", r.recordsFailed));
            }
        }
        r.pullFailures.forEach((object, failure) -> line.append("; ").append(object).append(" pull: ").append(failure));
        if (r.writesStopped != null) {
            line.append("; writes stopped: ").append(r.writesStopped);
        }
        if (r.apiLimitReached) {
            line.append("; API limit reached, resuming next run");
        }
        r.problems.stream().filter(p -> p.startsWith("the run failed")).forEach(p -> line.append("; ").append(p));
        line.append(String.format("; %,d API calls%s", r.apiCallsTotal, r.apiUsage == null ? "" : " (org " + r.apiUsage + ")"));
        return line.toString();
    }
}
