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
 * not stop the others; REQUEST_LIMIT_EXCEEDED or the API budget stops the pull with every cursor kept.
 * Errors go through {@link SalesforceErrorHandling}.
 */
public final class SalesforcePullRoutes extends RouteBuilder {

    public static final String PULL = "direct:salesforce-pull";
    public static final String PULL_OBJECT = "direct:salesforce-object-pull";

    private static final Logger LOG = LoggerFactory.getLogger(SalesforcePullRoutes.class);

    private final SalesforcePull pull;

    public SalesforcePullRoutes(SalesforcePull pull) {
        this.pull = pull;
    }

    @Override
    public void configure() {
        Predicate morePages = exchangeProperty(SalesforcePull.MORE_PAGES).isEqualTo(true);
        Predicate needsDescribe = pull::needsDescribe;

        from(PULL).routeId("salesforce-pull")
                .process(exchange -> {
                    PullReport report = new PullReport();
                    exchange.setProperty(SalesforcePull.REPORT, report);
                    exchange.getMessage().setBody(new ObjectsToPull(pull.objectsToPull(), report));
                })
                // streaming: the objects are read one at a time, after the previous one's pull reported
                .split(body()).streaming()
                    .filter(body().isInstanceOf(SalesforceObject.class))
                        .to(PULL_OBJECT)
                    .end()
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
                .process(pull::storePage)
                .loopDoWhile(morePages)
                    .to("salesforce:queryMore?rawPayload=true")
                    .process(pull::storePage)
                .end()
                .process(pull::finishObject);
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
