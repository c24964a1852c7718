package io.healthsync.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.sandbox.company.AccountHistory;
import io.healthsync.sandbox.company.Invoice;
import io.healthsync.sandbox.company.SeatChange;
import io.healthsync.sandbox.company.SyntheticCompany;
import io.healthsync.sandbox.http.ApiRequest;
import io.healthsync.sandbox.http.ApiResponse;
import io.healthsync.sandbox.http.SourceApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stand-in Stripe account (test mode): list customers, subscriptions (status=all for the canceled ones
 * too), invoices and events (the last 30 days only, as Stripe keeps them), newest first, with limit (1-100),
 * starting_after / ending_before, created[gt|gte|lt|lte] and the usual filters; Bearer (or Basic) auth with
 * the secret key; errors as {"error":{"type","message",...}}.
 */
public final class StripeApi implements SourceApi {

    public static final String SECRET_KEY = "sk_test_healthsyncDemo51Hq8wZ2x";
    public static final String API_VERSION = "2025-03-31.basil";
    static final Set<String> EVENT_TYPES = Set.of("customer.subscription.updated", "customer.subscription.deleted",
            "invoice.paid", "invoice.payment_failed");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A listed object: what sorting and filtering need, and how to draw it. */
    private record Entry(long created, String id, String customer, String status, Supplier<ObjectNode> json) {
    }

    private final StripeObjects objects;
    private final List<Entry> customers = new ArrayList<>();
    private final List<Entry> subscriptions = new ArrayList<>();
    private final List<Entry> invoices = new ArrayList<>();
    private final List<Entry> events = new ArrayList<>();
    /** Each object's place in its list (ids are unique across lists: their prefixes differ). */
    private final Map<String, Integer> positions = new HashMap<>();
    private long requests;

    public StripeApi(SyntheticCompany company) {
        this.objects = new StripeObjects(company.seed());
        Instant eventsFrom = company.window().todayStart().minus(Duration.ofDays(30));
        for (AccountHistory history : company.accounts()) {
            String customer = objects.customerId(history);
            customers.add(new Entry(history.billing().created().getEpochSecond(), customer, customer, null,
                    () -> objects.customer(history, null)));
            subscriptions.add(new Entry(history.billing().created().getEpochSecond(), objects.subscriptionId(history),
                    customer, history.billing().status(), () -> objects.subscription(history, null)));
            for (Invoice invoice : history.billing().invoices()) {
                invoices.add(new Entry(invoice.created().getEpochSecond(), objects.invoiceId(history, invoice),
                        customer, invoice.status(), () -> objects.invoice(history, invoice, null)));
            }
            addEvents(history, customer, eventsFrom);
        }
        Comparator<Entry> newestFirst = Comparator.comparingLong(Entry::created).thenComparing(Entry::id).reversed();
        customers.sort(newestFirst);
        subscriptions.sort(newestFirst);
        invoices.sort(newestFirst);
        events.sort(newestFirst);
        for (List<Entry> list : List.of(customers, subscriptions, invoices, events)) {
            for (int i = 0; i < list.size(); i++) {
                positions.put(list.get(i).id(), i);
            }
        }
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public ApiResponse refuse(ApiRequest request) {
        String authorization = request.header("Authorization");
        String key = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                key = pair.endsWith(":") ? pair.substring(0, pair.length() - 1) : pair;
            } catch (IllegalArgumentException e) {
                key = "";
            }
        }
        if (SECRET_KEY.equals(key)) {
            return null;
        }
        String message = key == null || key.isEmpty()
                ? "You did not provide an API key. You need to provide your API key in the Authorization header,"
                        + " using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
                : "Invalid API Key provided: " + masked(key);
        return error(401, "invalid_request_error", null, null, message);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET")) {
            return error(404, "invalid_request_error", null, null, "Unrecognized request URL (" + request.method()
                    + ": " + request.path() + ").");
        }
        return switch (request.path()) {
            case "/v1/customers" -> list(request, customers, entry -> true);
            case "/v1/subscriptions" -> list(request, subscriptions, subscriptionFilter(request));
            case "/v1/invoices" -> list(request, invoices, invoiceFilter(request));
            case "/v1/events" -> list(request, events, eventFilter(request));
            default -> error(404, "invalid_request_error", null, null, "Unrecognized request URL (GET: "
                    + request.path() + ").");
        };
    }

    @Override
    public ApiResponse rateLimited(int retryAfterSeconds) {
        ApiResponse response = error(429, "rate_limit_error", "rate_limit", null,
                "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.");
        return retryAfterSeconds > 0 ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
    }

    @Override
    public ApiResponse unavailable() {
        return error(503, "api_error", null, null,
                "Stripe is temporarily unavailable. Please retry your request.");
    }

    @Override
    public synchronized Map<String, String> commonHeaders(ApiRequest request) {
        requests++;
        return Map.of("Request-Id", "req_" + objects.id("", "request" + requests, 14),
                "Stripe-Version", API_VERSION);
    }

    // ---- lists ---------------------------------------------------------------------------------------------

    private ApiResponse list(ApiRequest request, List<Entry> all, Predicate<Entry> filter) {
        int limit = 10;
        String limitParam = request.param("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                return error(400, "invalid_request_error", "parameter_invalid_integer", "limit",
                        "Invalid integer: " + limitParam);
            }
            if (limit < 1 || limit > 100) {
                return error(400, "invalid_request_error", "parameter_invalid_integer", "limit",
                        "This value must be greater than or equal to 1 and less than or equal to 100.");
            }
        }
        Predicate<Entry> created;
        try {
            created = createdFilter(request);
        } catch (NumberFormatException e) {
            return error(400, "invalid_request_error", "parameter_invalid_integer", "created",
                    "Invalid integer for created.");
        }
        Predicate<Entry> wanted = filter.and(created);
        String startingAfter = request.param("starting_after");
        String endingBefore = request.param("ending_before");
        List<Entry> page;
        boolean hasMore;
        if (endingBefore != null) {
            int at = indexOf(all, endingBefore);
            if (at < 0) {
                return missing(request.path(), endingBefore, "ending_before");
            }
            List<Entry> before = all.subList(0, at).stream().filter(wanted).toList();
            page = before.subList(Math.max(0, before.size() - limit), before.size());
            hasMore = before.size() > limit;
        } else {
            int from = 0;
            if (startingAfter != null) {
                int at = indexOf(all, startingAfter);
                if (at < 0) {
                    return missing(request.path(), startingAfter, "starting_after");
                }
                from = at + 1;
            }
            // read on from the cursor only, so paging through a list costs its length, not its length squared
            page = new ArrayList<>(limit);
            int next = from;
            for (; next < all.size() && page.size() < limit; next++) {
                if (wanted.test(all.get(next))) {
                    page.add(all.get(next));
                }
            }
            hasMore = false;
            for (; next < all.size() && !hasMore; next++) {
                hasMore = wanted.test(all.get(next));
            }
        }
        ObjectNode body = JSON.objectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        page.forEach(entry -> data.add(entry.json().get()));
        body.put("has_more", hasMore);
        body.put("url", request.path());
        return ApiResponse.json(200, body);
    }

    /** The object's place in the list, or -1 when the list does not hold it. */
    private int indexOf(List<Entry> all, String id) {
        Integer at = positions.get(id);
        return at != null && at < all.size() && all.get(at).id().equals(id) ? at : -1;
    }

    private static Predicate<Entry> createdFilter(ApiRequest request) {
        Predicate<Entry> filter = entry -> true;
        String exact = request.param("created");
        if (exact != null) {
            long value = Long.parseLong(exact);
            filter = filter.and(entry -> entry.created() == value);
        }
        String gt = request.param("created[gt]");
        if (gt != null) {
            long value = Long.parseLong(gt);
            filter = filter.and(entry -> entry.created() > value);
        }
        String gte = request.param("created[gte]");
        if (gte != null) {
            long value = Long.parseLong(gte);
            filter = filter.and(entry -> entry.created() >= value);
        }
        String lt = request.param("created[lt]");
        if (lt != null) {
            long value = Long.parseLong(lt);
            filter = filter.and(entry -> entry.created() < value);
        }
        String lte = request.param("created[lte]");
        if (lte != null) {
            long value = Long.parseLong(lte);
            filter = filter.and(entry -> entry.created() <= value);
        }
        return filter;
    }

    /** status: one status, "all", or (absent) every status but canceled, as Stripe lists by default. */
    private static Predicate<Entry> subscriptionFilter(ApiRequest request) {
        String status = request.param("status");
        String customer = request.param("customer");
        Predicate<Entry> filter = status == null ? entry -> !entry.status().equals("canceled")
                : status.equals("all") ? entry -> true : entry -> entry.status().equals(status);
        return customer == null ? filter : filter.and(entry -> entry.customer().equals(customer));
    }

    private static Predicate<Entry> invoiceFilter(ApiRequest request) {
        String status = request.param("status");
        String customer = request.param("customer");
        Predicate<Entry> filter = status == null ? entry -> true : entry -> entry.status().equals(status);
        return customer == null ? filter : filter.and(entry -> entry.customer().equals(customer));
    }

    private static Predicate<Entry> eventFilter(ApiRequest request) {
        List<String> types = new ArrayList<>(request.params("types[]"));
        String type = request.param("type");
        if (type != null) {
            types.add(type);
        }
        if (types.isEmpty()) {
            return entry -> true;
        }
        return entry -> types.stream().anyMatch(wanted -> wanted.endsWith(".*")
                ? entry.status().startsWith(wanted.substring(0, wanted.length() - 1)) : entry.status().equals(wanted));
    }

    // ---- events --------------------------------------------------------------------------------------------

    /** The account's billing changes of the last 30 days as events; an event's status field holds its type. */
    private void addEvents(AccountHistory history, String customer, Instant from) {
        for (SeatChange change : history.billing().seatChanges()) {
            if (!change.at().isBefore(from)) {
                event(history, customer, "customer.subscription.updated", change.at(),
                        () -> objects.subscription(history, change.at()), () -> {
                            ObjectNode previous = JSON.objectNode();
                            ObjectNode items = previous.putObject("items");
                            items.put("object", "list");
                            objects.item(items.putArray("data").addObject(), history, change.from(),
                                    history.billing().currentPeriodStart().getEpochSecond(),
                                    history.billing().currentPeriodEnd().getEpochSecond());
                            previous.put("quantity", change.from());
                            return previous;
                        });
            }
        }
        Instant canceledAt = history.billing().canceledAt();
        if (canceledAt != null && !canceledAt.isBefore(from)) {
            event(history, customer, "customer.subscription.updated", canceledAt,
                    () -> objects.subscription(history, canceledAt), () -> {
                        ObjectNode previous = JSON.objectNode();
                        previous.put("cancel_at_period_end", false);
                        previous.putNull("cancel_at");
                        previous.putNull("canceled_at");
                        ObjectNode details = previous.putObject("cancellation_details");
                        details.putNull("feedback");
                        details.putNull("reason");
                        return previous;
                    });
        }
        Instant endedAt = history.billing().endedAt();
        if (endedAt != null && !endedAt.isBefore(from)) {
            event(history, customer, "customer.subscription.deleted", endedAt,
                    () -> objects.subscription(history, endedAt), null);
        }
        for (Invoice invoice : history.billing().invoices()) {
            if (invoice.failedAt() != null && !invoice.failedAt().isBefore(from)) {
                event(history, customer, "invoice.payment_failed", invoice.failedAt(),
                        () -> objects.invoice(history, invoice, invoice.failedAt()), null);
            }
            if (invoice.paidAt() != null && !invoice.paidAt().isBefore(from)) {
                event(history, customer, "invoice.paid", invoice.paidAt(),
                        () -> objects.invoice(history, invoice, invoice.paidAt()), null);
            }
        }
    }

    private void event(AccountHistory history, String customer, String type, Instant at, Supplier<ObjectNode> object,
                       Supplier<ObjectNode> previous) {
        String id = objects.timedId("evt_", at, history.key() + "/" + type + "/" + at.getEpochSecond());
        events.add(new Entry(at.getEpochSecond(), id, customer, type, () -> {
            ObjectNode node = JSON.objectNode();
            node.put("id", id);
            node.put("object", "event");
            node.put("api_version", API_VERSION);
            node.put("created", at.getEpochSecond());
            ObjectNode data = node.putObject("data");
            data.set("object", object.get());
            if (previous != null) {
                data.set("previous_attributes", previous.get());
            }
            node.put("livemode", false);
            node.put("pending_webhooks", 0);
            ObjectNode request = node.putObject("request");
            request.putNull("id");
            request.putNull("idempotency_key");
            node.put("type", type);
            return node;
        }));
    }

    // ---- errors --------------------------------------------------------------------------------------------

    private static ApiResponse missing(String path, String id, String param) {
        String noun = switch (path) {
            case "/v1/customers" -> "customer";
            case "/v1/subscriptions" -> "subscription";
            case "/v1/invoices" -> "invoice";
            default -> "event";
        };
        return error(400, "invalid_request_error", "resource_missing", param, "No such " + noun + ": '" + id + "'");
    }

    static ApiResponse error(int status, String type, String code, String param, String message) {
        ObjectNode body = JSON.objectNode();
        ObjectNode error = body.putObject("error");
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        return ApiResponse.json(status, body);
    }

    /** Stripe shows only a key's prefix and last four characters. */
    private static String masked(String key) {
        if (key.length() <= 12) {
            return "****";
        }
        return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
    }
}
