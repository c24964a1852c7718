package io.healthsync.connectors.stripe;

import java.util.List;
import java.util.Map;

/**
 * The four lists this source reads, in pull order (customers first: the others link to them), each with
 * its fixed query parameters. {@code refreshes}: the stream's objects change after creation in ways no
 * requested event type reports (customer metadata and email, a subscription's seats, status and period
 * end), so it is read whole again once per refresh period; between refreshes only newly created objects.
 */
enum StripeStream {
    CUSTOMERS("customers", "/v1/customers", List.of(), true),
    // status=all: canceled subscriptions too, the churn history; without it Stripe lists only live ones
    SUBSCRIPTIONS("subscriptions", "/v1/subscriptions", List.of(Map.entry("status", "all")), true),
    INVOICES("invoices", "/v1/invoices", List.of(), false),
    EVENTS("events", "/v1/events", EventMapper.TYPES.stream().map(t -> Map.entry("types[]", t)).toList(), false);

    private final String key;
    private final String path;
    private final List<Map.Entry<String, String>> fixedParams;
    private final boolean refreshes;

    StripeStream(String key, String path, List<Map.Entry<String, String>> fixedParams, boolean refreshes) {
        this.key = key;
        this.path = path;
        this.fixedParams = fixedParams;
        this.refreshes = refreshes;
    }

    String key() {
        return key;
    }

    String path() {
        return path;
    }

    List<Map.Entry<String, String>> fixedParams() {
        return fixedParams;
    }

    boolean refreshes() {
        return refreshes;
    }

    static StripeStream of(String key) {
        for (StripeStream stream : values()) {
            if (stream.key.equals(key)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("stripe has no stream '" + key + "'; its streams are customers, "
                + "subscriptions, invoices, events");
    }

    static List<String> keys() {
        return java.util.Arrays.stream(values()).map(StripeStream::key).toList();
    }
}
