package io.healthsync.connectors.salesforce;

import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental Salesforce pull: each configured object in turn, describe once, query from the
 * stored cursor, then follow nextRecordsUrl page by page. A page and its cursor are stored together,
 * so a crash re-reads at most one page. One object's failure is reported and does not stop the others;
 * REQUEST_LIMIT_EXCEEDED stops the pull cleanly with every cursor where it was.
 */
public final class SalesforcePullRoutes extends RouteBuilder {

    public static final String PULL = "direct:salesforce-pull";
    public static final String PULL_OBJECT = "direct:salesforce-object-pull";

    private static final Logger LOG = LoggerFactory.getLogger(SalesforcePullRoutes.class);

    private final SalesforcePull pull;
    private final int maxRetries;
    private final long retryDelayMs;

    public SalesforcePullRoutes(SalesforcePull pull, int maxRetries, long retryDelayMs) {
        this.pull = pull;
        this.maxRetries = maxRetries;
        this.retryDelayMs = retryDelayMs;
    }

    @Override
    public void configure() {
        Predicate morePages = exchangeProperty(SalesforcePull.MORE_PAGES).isEqualTo(true);
        Predicate needsDescribe = pull::needsDescribe;
        Predicate withinApiLimit = exchange -> !exchange.getProperty(SalesforcePull.REPORT, PullReport.class).apiLimitReached();

        from(PULL).routeId("salesforce-pull")
                .process(exchange -> {
                    exchange.setProperty(SalesforcePull.REPORT, new PullReport());
                    exchange.getMessage().setBody(pull.objectsToPull());
                })
                .split(body())
                    .filter(withinApiLimit)
                        .to(PULL_OBJECT)
                    .end()
                .end()
                .setBody(exchangeProperty(SalesforcePull.REPORT));

        from(PULL_OBJECT).routeId("salesforce-object-pull")
                // transient failures (IO, 5xx, 429) retry the failed call only, with backoff
                .onException(Exception.class)
                    .onWhen(exchange -> SalesforceErrorKind.of(SalesforceErrorKind.caught(exchange)) == SalesforceErrorKind.TRANSIENT)
                    .maximumRedeliveries(maxRetries).redeliveryDelay(retryDelayMs).useExponentialBackOff()
                    .handled(true)
                    .process(this::recordFailure)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(this::recordFailure)
                .end()
                .setProperty(SalesforcePull.OBJECT, body())
                .process(exchange -> exchange.getMessage().setHeader("sObjectName",
                        exchange.getProperty(SalesforcePull.OBJECT, SalesforceObject.class).apiName()))
                .filter(needsDescribe)
                    .to("salesforce:getDescription?rawPayload=true")
                    .process(pull::rememberDescribe)
                .end()
                .process(pull::prepareFirstQuery)
                .to("salesforce:query?rawPayload=true")
                .process(pull::storePage)
                .loopDoWhile(morePages)
                    .to("salesforce:queryMore?rawPayload=true")
                    .process(pull::storePage)
                .end();
    }

    private void recordFailure(org.apache.camel.Exchange exchange) {
        Throwable error = SalesforceErrorKind.caught(exchange);
        SalesforceObject object = exchange.getProperty(SalesforcePull.OBJECT, SalesforceObject.class);
        PullReport report = exchange.getProperty(SalesforcePull.REPORT, PullReport.class);
        String what = object == null ? "salesforce" : object.apiName();
        String description = SalesforceErrorKind.describe(error);
        SalesforceErrorKind kind = SalesforceErrorKind.of(error);
        report.object(what).failure = kind + ": " + description;
        if (kind == SalesforceErrorKind.CONFIGURATION && object != null) {
            pull.forgetDescribe(object);
        }
        if (kind == SalesforceErrorKind.API_LIMIT) {
            report.markApiLimitReached();
            LOG.warn("{}: {}; stopping the pull, cursors kept, the next run resumes", what, description);
        } else {
            LOG.error("{}: pull stopped ({}); stored pages and their cursor are kept: {}", what, kind, description);
        }
    }

}
