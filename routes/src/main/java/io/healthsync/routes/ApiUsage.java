package io.healthsync.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Counts every Salesforce API call the routes make (each send to a salesforce: endpoint, retries
 * included; OAuth token calls do not count against the org's limit and are not here) and keeps the
 * last Sforce-Limit-Info the org reported.
 */
public final class ApiUsage extends EventNotifierSupport {

    public static final String WRITE_OPERATION = "raw";

    private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
    private volatile String lastLimitInfo;

    public ApiUsage() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            String uri = sent.getEndpoint().getEndpointUri();
            if (uri.startsWith("salesforce:")) {
                String operation = uri.substring("salesforce:".length()).replaceFirst("^//", "").replaceFirst("\\?.*", "");
                byOperation.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
                Exchange exchange = sent.getExchange();
                String limitInfo = exchange.getMessage().getHeader("Sforce-Limit-Info", String.class);
                if (limitInfo != null) {
                    lastLimitInfo = limitInfo;
                }
            }
        }
    }

    public int total() {
        return byOperation.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int writes() {
        AtomicInteger writes = byOperation.get(WRITE_OPERATION);
        return writes == null ? 0 : writes.get();
    }

    public Map<String, Integer> byOperation() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        byOperation.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** e.g. "api-usage=27/15000", or null before the first call. */
    public String lastLimitInfo() {
        return lastLimitInfo;
    }

    public void reset() {
        byOperation.clear();
    }
}
