package io.healthsync.connectors.salesforce;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error handler of every route that calls Salesforce. A failure is classified once
 * ({@link SalesforceErrorKind}); only transient ones are retried, up to {@code maxRetries} times with
 * exponential backoff, or after the wait the server asked for with Retry-After (capped). Then the failure
 * is handled by the {@link FailureHandler} the route put on the exchange, which decides what the run does.
 */
public final class SalesforceErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "salesforce-errors";
    /** Exchange property: the route's {@link FailureHandler}. */
    public static final String HANDLER = "healthsync.failureHandler";
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceErrorHandling.class);

    /** What a route does with a call that failed for good (after any retries). */
    @FunctionalInterface
    public interface FailureHandler {
        void handle(Exchange exchange, SalesforceErrorKind kind, String description, Throwable error);
    }

    private final int maxRetries;
    private final long retryDelayMs;
    private final RetryAfterHint retryAfter;

    public SalesforceErrorHandling(int maxRetries, long retryDelayMs, RetryAfterHint retryAfter) {
        this.maxRetries = maxRetries;
        this.retryDelayMs = retryDelayMs;
        this.retryAfter = retryAfter;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .retryWhile(this::retry)
                    .redeliveryDelay(retryDelayMs).useExponentialBackOff().maximumRedeliveryDelay(MAX_RETRY_AFTER.toMillis())
                    .logRetryAttempted(false).logExhausted(false).logStackTrace(false)
                    .handled(true)
                    .process(SalesforceErrorHandling::handOver)
                .end();
    }

    /** Decides, before Camel computes the delay, whether to retry, and sets the delay Retry-After asked for. */
    private boolean retry(Exchange exchange) {
        Throwable error = SalesforceErrorKind.caught(exchange);
        var wait = retryAfter.takeRetryAfter();
        // Camel counts the redelivery it is about to make (1 for the first retry) before asking
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        SalesforceErrorKind kind = SalesforceErrorKind.of(error);
        if (!kind.retryable() || attempt > maxRetries) {
            return false;
        }
        if (wait.isPresent()) {
            long ms = Math.min(wait.get().toMillis(), MAX_RETRY_AFTER.toMillis());
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, ms);
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
        PullReport pull = exchange.getProperty(SalesforcePull.REPORT, PullReport.class);
        if (pull != null) {
            pull.countRetry(); // for the run report's sources.salesforce.retries
        }
        LOG.warn("retrying ({} of {}{}): {}", attempt, maxRetries,
                wait.map(w -> ", after Retry-After " + w.toSeconds() + " s").orElse(""), SalesforceErrorKind.describe(error));
        return true;
    }

    private static void handOver(Exchange exchange) {
        exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        Throwable error = SalesforceErrorKind.caught(exchange);
        FailureHandler handler = exchange.getProperty(HANDLER, FailureHandler.class);
        SalesforceErrorKind kind = SalesforceErrorKind.of(error);
        String description = SalesforceErrorKind.describe(error);
        if (handler == null) {
            throw new IllegalStateException("no failure handler on the exchange for: " + description, error);
        }
        handler.handle(exchange, kind, description, error);
    }
}
