package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.healthsync.connectors.progress.Progress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a first pull through a Bulk API 2.0 query job, which {@link SalesforcePullRoutes} strings
 * together: start the job's {@link BulkQueryRun}, make each of its calls, and store each results page as
 * a REST page is stored. The results come in no particular order, so no page but the last carries a cursor:
 * the last one carries the greatest (SystemModstamp, Id) of the whole job, the cursor the REST path would
 * have left. A crash or a failed job part-way leaves no cursor, and the next run pulls the object from the
 * start again (re-reading is harmless upserts); once the cursor is stored, later runs are incremental on REST.
 */
final class BulkQueryBackfill {

    static final String RUN = "healthsync.bulkQueryRun";
    private static final String MAX_CURSOR = "healthsync.bulkQueryMaxCursor";
    private static final Logger LOG = LoggerFactory.getLogger(BulkQueryBackfill.class);

    private final BulkQueryOptions options;
    private final String apiVersion;
    private final SalesforceRecordMapper mapper;
    private final SalesforcePageSink sink;
    private final ApiBudgetCheck budget;

    BulkQueryBackfill(BulkQueryOptions options, String apiVersion, SalesforceRecordMapper mapper,
                      SalesforcePageSink sink, ApiBudgetCheck budget) {
        this.options = options;
        this.apiVersion = apiVersion;
        this.mapper = mapper;
        this.sink = sink;
        this.budget = budget;
    }

    BulkQueryOptions options() {
        return options;
    }

    void start(Exchange exchange, SalesforceObject object, String soql, boolean queryAll) {
        exchange.setProperty(RUN, new BulkQueryRun(object.apiName(), soql, queryAll, options, apiVersion));
        exchange.removeProperty(MAX_CURSOR);
    }

    /** This object's pull goes through a bulk query job. */
    static boolean running(Exchange exchange) {
        return exchange.getProperty(RUN) != null;
    }

    boolean callsRemain(Exchange exchange) {
        return run(exchange).nextCall().isPresent();
    }

    long waitMs(Exchange exchange) {
        return run(exchange).nextCall().orElseThrow().waitBefore().toMillis();
    }

    /** Builds the next call for camel-salesforce's raw operation; each attempt (a retry too) passes the budget. */
    void prepareCall(Exchange exchange) {
        budget.check();
        BulkQueryRun run = run(exchange);
        BulkQueryRun.Call call = run.nextCall().orElseThrow();
        Message message = exchange.getMessage();
        // the previous answer's headers (Sforce-Locator, Sforce-Limit-Info, ...) must not go out with this call
        message.removeHeaders("*", "Camel*");
        message.setHeader("rawMethod", call.method());
        message.setHeader("rawPath", call.path());
        message.setHeader("Content-Type", "application/json");
        message.setHeader("Accept", call.step() == BulkQueryRun.Step.RESULTS ? "text/csv" : "application/json");
        message.setBody(call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8));
        run.countCall();
    }

    /**
     * Hands the call's answer to the run; a results page is read and mapped here, then stored (in one transaction
     * with its records) on the store's thread while the next page is fetched.
     */
    void answer(Exchange exchange) {
        BulkQueryRun run = run(exchange);
        Message message = exchange.getMessage();
        boolean created = run.jobId() == null;
        run.answer(message.getBody(String.class), message.getHeader("Sforce-Locator", String.class))
                .ifPresent(page -> store(exchange, run, page));
        if (created && run.jobId() != null) {
            SalesforcePull.report(exchange).object(run.object()).bulkQueryJob = run.jobId();
            LOG.info("{}: Bulk API query job {} created", run.object(), run.jobId());
        }
    }

    private void store(Exchange exchange, BulkQueryRun run, BulkQueryRun.ResultsPage results) {
        SalesforceObject object = SalesforceObject.fromApiName(run.object()).orElseThrow();
        ArrayNode records = BulkQueryRecords.parse(results.csv(),
                object.apiName() + ", Bulk API query job " + run.jobId() + ", results page " + results.number());
        PulledPage page = mapper.map(object, records);
        SalesforceCursor greatest = greatest(exchange.getProperty(MAX_CURSOR, SalesforceCursor.class), records);
        exchange.setProperty(MAX_CURSOR, greatest);
        PullReport.ObjectPull report = SalesforcePull.report(exchange).object(object.apiName());
        int own = page.records();
        report.countPage(page, 0);
        page.advanceCursor(results.last() ? greatest : null);
        if (results.last()) {
            page.coverEarlierRecords(report.records - own);
        }
        Progress progress = SalesforcePull.progress(exchange);
        long soFar = report.records;
        long processed = run.recordsProcessed();
        PagesStoredBehind.of(exchange, object).store(() -> {
            PageEchoes echoes = sink.echoes(page); // a first pull: none unless something was written before it
            sink.store(page, echoes);
            synchronized (report) {
                report.echoes += echoes.count();
            }
            if (progress != null) {
                progress.advance(own, processed);
            }
            LOG.info("{}: bulk results page {} stored, {} records ({} quarantined), {} of {} so far", object.apiName(),
                    results.number(), own, page.quarantined().size(), soFar, processed);
        });
    }

    /** The greater of {@code sofar} and every readable (SystemModstamp, Id) of the records. */
    static SalesforceCursor greatest(SalesforceCursor sofar, ArrayNode records) {
        SalesforceCursor max = sofar;
        for (JsonNode record : records) {
            String id = SalesforceValues.text(record, "Id");
            Instant modstamp;
            try {
                modstamp = SalesforceValues.datetime(record, "SystemModstamp");
            } catch (SalesforceValues.BadValueException e) {
                continue; // quarantined by the mapper; it carries no position
            }
            if (id == null || id.isBlank() || modstamp == null) {
                continue;
            }
            if (max == null || modstamp.isAfter(max.modstamp())
                    || modstamp.equals(max.modstamp()) && id.compareTo(max.lastId()) > 0) {
                max = new SalesforceCursor(modstamp, id);
            }
        }
        return max;
    }

    /** The job is done with: a job that ended without results fails the object's pull, its cursor untouched. */
    void finish(Exchange exchange) {
        BulkQueryRun run = run(exchange);
        exchange.removeProperty(RUN);
        PagesStoredBehind.finish(exchange); // the last page and its cursor are stored before the pull completes
        run.failure().ifPresent(failure -> {
            SalesforcePull.report(exchange).object(run.object()).failure = "BULK_QUERY_FAILED: " + failure;
            LOG.error("{}: pull stopped: {}; the pages stored so far are kept, the cursor is not moved, and the next "
                    + "run pulls {} again from the start", run.object(), failure, run.object());
        });
        if (run.failure().isEmpty()) {
            LOG.info("{}: Bulk API query job {} read in {} calls", run.object(), run.jobId(), run.calls());
        }
    }

    private static BulkQueryRun run(Exchange exchange) {
        return exchange.getProperty(RUN, BulkQueryRun.class);
    }
}
