package io.healthsync.connectors.salesforce;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental Salesforce pull: each configured object in turn, describe when needed, query from the
 * stored cursor (queryAll for objects whose deletions matter), then follow nextRecordsUrl page by page.
 * A page and its cursor are stored together, so a crash re-reads at most one page. An expired query
 * locator is answered by querying again from the stored cursor; one object's failure is reported and does
 * not stop the others; REQUEST_LIMIT_EXCEEDED or the API budget stops the pull with every cursor kept. A first
 * pull above the bulk query threshold reads the object through one Bulk API 2.0 query job instead
 * ({@link BulkQueryBackfill}).
 * Errors go through {@link SalesforceErrorHandling}.
 */
public final class SalesforcePullRoutes extends RouteBuilder {

    public static final String PULL = "direct:salesforce-pull";
    public static final String PULL_OBJECT = "direct:salesforce-object-pull";
    static final String BULK_QUERY = "direct:salesforce-bulk-query";
    static final String BULK_QUERY_CALL = "direct:salesforce-bulk-query-call";
    static final String BULK_WAIT_MS = "healthsync.bulkQueryWaitMs";
    /** The headers the raw operation sends as given (its default is JSON for both). */
    private static final String RAW_CALL = "salesforce:raw?rawHttpHeaders=Content-Type,Accept";

    private static final Logger LOG = LoggerFactory.getLogger(SalesforcePullRoutes.class);

    private final SalesforcePull pull;

    public SalesforcePullRoutes(SalesforcePull pull) {
        this.pull = pull;
    }

    @Override
    public void configure() {
        Predicate morePages = exchangeProperty(SalesforcePull.MORE_PAGES).isEqualTo(true);
        Predicate needsDescribe = pull::needsDescribe;
        Predicate inBulk = BulkQueryBackfill::running;

        from(PULL).routeId("salesforce-pull")
                .process(exchange -> {
                    PullReport report = new PullReport();
                    exchange.setProperty(SalesforcePull.REPORT, report);
                    exchange.getMessage().setBody(new ObjectsToPull(pull.objectsToPull(), report));
                })
                .doTry()
                    // streaming: the objects are read one at a time, after the previous one's pull reported
                    .split(body()).streaming()
                        .filter(body().isInstanceOf(SalesforceObject.class))
                            .to(PULL_OBJECT)
                        .end()
                    .end()
                .endDoTry()
                .doFinally()
                    .process(exchange -> pull.backfillsDone())
                .end()
                .setBody(exchangeProperty(SalesforcePull.REPORT));

        from(PULL_OBJECT).routeId("salesforce-object-pull").routeConfigurationId(SalesforceErrorHandling.ID)
                .setProperty(SalesforceErrorHandling.HANDLER, constant((SalesforceErrorHandling.FailureHandler) this::pullFailed))
                .setProperty(SalesforcePull.OBJECT, body())
                .process(exchange -> exchange.getMessage().setHeader("sObjectName",
                        exchange.getProperty(SalesforcePull.OBJECT, SalesforceObject.class).apiName()))
                .filter(needsDescribe)
                    .to("salesforce:getDescription?rawPayload=true")
                    .process(pull::rememberDescribe)
                .end()
                .process(pull::prepareFirstQuery)
                .choice()
                    .when(SalesforcePull::queriesAll).to("salesforce:queryAll?rawPayload=true")
                    .otherwise().to("salesforce:query?rawPayload=true")
                .end()
                .process(pull::storeFirstPage)
                .loopDoWhile(morePages)
                    .to("salesforce:queryMore?rawPayload=true")
                    .process(pull::storePage)
                .end()
                .filter(inBulk)
                    .to(BULK_QUERY)
                .end()
                .process(pull::finishObject);

        BulkQueryBackfill bulk = pull.bulk();
        Predicate bulkCallsRemain = bulk::callsRemain;
        from(BULK_QUERY).routeId("salesforce-bulk-query").routeConfigurationId(SalesforceErrorHandling.ID)
                .loopDoWhile(bulkCallsRemain)
                    .process(exchange -> exchange.setProperty(BULK_WAIT_MS, bulk.waitMs(exchange)))
                    .delay(exchangeProperty(BULK_WAIT_MS)).syncDelayed().end() // a delay holds what follows: end it here
                    .to(BULK_QUERY_CALL)
                    .process(bulk::answer)
                .end()
                .process(bulk::finish);

        // SalesforceErrorHandling retries the ".to(BULK_QUERY_CALL)" above, so each attempt re-runs this route: it
        // passes the budget check, is counted, and its request is built afresh from the run
        from(BULK_QUERY_CALL).routeId("salesforce-bulk-query-call").errorHandler(noErrorHandler())
                .process(bulk::prepareCall)
                .to(RAW_CALL);
    }

    private static boolean isLoginFailure(Throwable error, String description) {
        if (description.toLowerCase(java.util.Locale.ROOT).contains("login error")) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private void pullFailed(Exchange exchange, SalesforceErrorKind kind, String description, Throwable error) {
        SalesforceObject object = exchange.getProperty(SalesforcePull.OBJECT, SalesforceObject.class);
        PullReport report = exchange.getProperty(SalesforcePull.REPORT, PullReport.class);
        String what = object == null ? "salesforce" : object.apiName();
        PagesStoredBehind.abandon(exchange);
        if (kind == SalesforceErrorKind.QUERY_LOCATOR_EXPIRED && object != null) {
            pull.requeryAfterExpiredLocator(exchange);
            return;
        }
        if (kind == SalesforceErrorKind.CONFIGURATION && object != null && pull.fallBackFromQueryAll(exchange, description)) {
            return;
        }
        report.object(what).failure = kind + ": " + description;
        if (kind == SalesforceErrorKind.CONFIGURATION && object != null) {
            pull.forgetDescribe(object);
        }
        if (kind == SalesforceErrorKind.TRANSIENT || isLoginFailure(error, description)) {
            // still failing after the retries, or not letting us in: the next object would fare no better
            report.markSourceDown(pull.explainSourceDown(kind, description));
        }
        if (kind == SalesforceErrorKind.API_LIMIT) {
            report.markApiLimitReached();
            LOG.warn("{}: {}; stopping the pull, cursors kept, the next run resumes", what, description);
        } else if (kind == SalesforceErrorKind.INTERNAL) {
            LOG.error("{}: pull stopped by an internal error; stored pages and their cursor are kept: {}", what,
                    description, error);
        } else {
            LOG.error("{}: pull stopped ({}); stored pages and their cursor are kept: {}", what, kind, description);
        }
    }
}
