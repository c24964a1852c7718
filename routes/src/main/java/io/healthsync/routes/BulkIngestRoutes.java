package io.healthsync.routes;

import io.healthsync.connectors.salesforce.ApiBudgetCheck;
import io.healthsync.connectors.salesforce.BulkCsvWriter;
import io.healthsync.connectors.salesforce.BulkIngestJob;
import io.healthsync.connectors.salesforce.BulkIngestOutcome;
import io.healthsync.connectors.salesforce.BulkIngestRun;
import io.healthsync.connectors.salesforce.BulkPolling;
import io.healthsync.connectors.salesforce.SalesforceErrorHandling;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;

/**
 * Writes a large plan through Bulk API 2.0 ingest: {@value #INGEST} takes a {@link BulkIngestJob} and answers a
 * {@link BulkIngestOutcome} with one result per row, in a handful of calls however many rows (create, upload,
 * close per 100 MB of CSV, a few polls, three results files). Every call goes through camel-salesforce's
 * {@code raw} operation, so login and session refresh stay the component's, after {@link ApiBudgetCheck}; the
 * calls themselves ({@link BulkIngestRun}) and the results matching live in connectors.
 *
 * <p>A call that fails is retried by {@link SalesforceErrorHandling} when transient; one that fails for good
 * goes to the {@link SalesforceErrorHandling.FailureHandler} the caller put on the exchange (as for collections
 * writes), which can take the ingest as far as it got from {@link #outcomeAfterFailure}; whatever body that
 * handler leaves is the answer.
 */
public final class BulkIngestRoutes extends RouteBuilder {

    public static final String INGEST = "direct:bulk-ingest";
    /** Exchange property: the {@link BulkIngestRun} under way. */
    public static final String RUN = "healthsync.bulkIngestRun";
    static final String CALL = "direct:bulk-ingest-call";
    static final String WAIT_MS = "healthsync.bulkIngestWaitMs";
    /** The headers the raw operation sends as given (its default is JSON for both). */
    private static final String RAW_CALL = "salesforce:raw?rawHttpHeaders=Content-Type,Accept";

    private final ApiBudgetCheck budget;
    private final BulkPolling polling;
    private final BulkCsvWriter csv;

    /** Polls each job after {@code initialPoll}, doubling up to {@code maxPollInterval}, for {@code maxWait} in all. */
    public BulkIngestRoutes(ApiBudgetCheck budget, Duration initialPoll, Duration maxPollInterval, Duration maxWait) {
        this(budget, new BulkPolling(initialPoll, maxPollInterval, maxWait), new BulkCsvWriter());
    }

    public BulkIngestRoutes(ApiBudgetCheck budget, BulkPolling polling, BulkCsvWriter csv) {
        this.budget = budget;
        this.polling = polling;
        this.csv = csv;
    }

    @Override
    public void configure() {
        Predicate callsRemain = exchange -> run(exchange).nextCall().isPresent();

        from(INGEST).routeId("bulk-ingest").routeConfigurationId(SalesforceErrorHandling.ID)
                .process(this::begin)
                .loopDoWhile(callsRemain)
                    .process(exchange -> exchange.setProperty(WAIT_MS, run(exchange).nextCall().orElseThrow().waitBefore().toMillis()))
                    .delay(exchangeProperty(WAIT_MS)).syncDelayed().end() // delay is a block: end it, or what follows is inside it
                    .to(CALL)
                    .process(exchange -> run(exchange).answer(exchange.getMessage().getBody(String.class)))
                .end()
                .process(exchange -> exchange.getMessage().setBody(run(exchange).outcome()));

        // SalesforceErrorHandling retries the ".to(CALL)" above, so each attempt re-runs this route: it passes the
        // budget check, is counted, and its request is built afresh from the run
        from(CALL).routeId("bulk-ingest-call").errorHandler(noErrorHandler())
                .process(this::prepareCall)
                .to(RAW_CALL);
    }

    private void begin(Exchange exchange) throws Exception {
        BulkIngestJob job = exchange.getMessage().getMandatoryBody(BulkIngestJob.class);
        String apiVersion = exchange.getContext().resolvePropertyPlaceholders("{{" + WritebackRoutes.API_VERSION_PROPERTY + "}}");
        exchange.setProperty(RUN, new BulkIngestRun(job, csv, polling, apiVersion));
    }

    private void prepareCall(Exchange exchange) {
        budget.check();
        BulkIngestRun run = run(exchange);
        BulkIngestRun.Call call = run.nextCall().orElseThrow();
        Message message = exchange.getMessage();
        // the previous answer's headers (Sforce-Limit-Info, Content-Type, ...) must not go out with this call
        message.removeHeaders("*", "Camel*");
        message.setHeader("rawMethod", call.method());
        message.setHeader("rawPath", call.path());
        message.setHeader("Content-Type", call.contentType());
        message.setHeader("Accept", call.accept());
        message.setBody(call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8));
        run.countCall();
    }

    /**
     * For a caller's failure handler: the ingest as far as it got (jobs created, calls made, rows already
     * answered), its other rows failed with {@code errorCode} and {@code message}. Null if it never started.
     */
    public static BulkIngestOutcome outcomeAfterFailure(Exchange exchange, String errorCode, String message) {
        BulkIngestRun run = exchange.getProperty(RUN, BulkIngestRun.class);
        return run == null ? null : run.outcomeAfterFailure(errorCode, message);
    }

    private static BulkIngestRun run(Exchange exchange) {
        return exchange.getProperty(RUN, BulkIngestRun.class);
    }
}
