package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.source.HttpSource;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.RetryAfter;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.model.QuarantinedRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stripe billing as customer signals: customers (account links), subscriptions (the contract as it
 * stands, churn), invoices (payments, renewals, payment failures) and events (upgrades, downgrades,
 * cancellations and payments of objects created before the last pull).
 *
 * <h2>Incremental reading</h2>
 * Stripe lists page newest first ({@code limit} up to 100, {@code starting_after} the last id read,
 * {@code has_more}) and filter by creation time only. Each pull of a stream is therefore a <em>sweep</em>
 * backwards over a fixed creation window {@code created[gte]=since}, {@code created[lte]=until}, with
 * {@code until} the pull's start: pages go from newest to oldest, the cursor after each page says which
 * sweep and after which id ({@link ListSweep}), so a crash resumes the sweep where it stopped. Objects
 * created while a sweep runs fall after {@code until} and wait for the next sweep. When a page says
 * {@code has_more:false} the sweep is done and the next one starts at {@code until - 5 min}: the overlap
 * re-reads objects created in the sweep's last second and any a list shows a little late, and tolerates
 * that much clock difference with Stripe. Re-reading is harmless: every record's id is stable.
 * <ul>
 *   <li>customers and subscriptions: the first pull reads the whole list, whatever the history window: a
 *       customer of five years, or its still-active subscription, is the account that matters most, and
 *       everything else links to customers. Neither object's later changes reach us through the event
 *       types read (a customer's metadata or email, a subscription's seats, status and period end), so
 *       the first pull of each refresh period ({@code options.full_refresh_hours}, default 24; the
 *       period boundaries are fixed, so the cursor needs no refresh date) reads the whole list again;
 *       the other pulls read only what was created since. Subscriptions with {@code status=all}, so
 *       canceled ones (churn) are listed too.</li>
 *   <li>invoices: the first pull reads those created in the last {@code history_days}; then those
 *       created since.</li>
 *   <li>events: the first pull reads the last {@code history_days}, at most the 30 days Stripe keeps
 *       events; then those created since. A stream left unread for more than 30 days loses the events of
 *       the gap: the whole-list refreshes still bring subscriptions and their churn up to date, but
 *       upgrades and downgrades of that gap are not recoverable.</li>
 * </ul>
 * Events carry the object as it was at the event. Read newest first, an older copy would overwrite a
 * newer one, so events never update a snapshot except the terminal one (a deleted subscription), and
 * give order-independent records otherwise (one activity per event, per invoice or per failed attempt).
 *
 * <h2>What becomes what</h2>
 * Every record is keyed by {@code link(<customer id>)}; amounts are in the currency's major unit (JPY has
 * none below the yen); annual amounts are per-period amounts times the periods in a year.
 * <ul>
 *   <li>customer: an AccountLink, keys in identity.yaml's order (metadata CRM id, email domain).</li>
 *   <li>subscription: a Subscription (status, seats = licensed quantities, annual amount, currency, the
 *       earliest current_period_end of the items or of the subscription, cancel_at_period_end); when
 *       canceled also SUBSCRIPTION_CANCELLED {@code cancelled/<sub>} at canceled_at and CHURNED
 *       {@code churned/<sub>} dated ended_at (else canceled_at).</li>
 *   <li>invoice paid: INVOICE_PAID {@code invoice_paid/<in>} at paid_at (amount); billing_reason
 *       subscription_cycle also SUBSCRIPTION_RENEWED {@code renewed/<in>} and RENEWED
 *       {@code renewal/<in>} for the annualised amount (one per billing period). Open or uncollectible
 *       after attempts: PAYMENT_FAILED {@code payment_failed/<in>/<attempt_count>} (attempts).</li>
 *   <li>event customer.subscription.updated changing items, quantity or plan: SUBSCRIPTION_UPGRADED or
 *       _DOWNGRADED {@code event/<evt>} (annual_change, seats_before, seats_after) and EXPANDED or
 *       CONTRACTED {@code event/<evt>} for the absolute annual change; customer.subscription.deleted,
 *       invoice.paid, invoice.payment_failed: their object mapped as the lists map it, so the same ids.</li>
 * </ul>
 * Details in {@link CustomerMapper}, {@link SubscriptionMapper}, {@link SubscriptionTerms},
 * {@link InvoiceMapper} and {@link EventMapper}; the sourceIds are made in one place, {@link StripeRecords},
 * so a fact seen both in a list and in an event is stored once.
 *
 * <h2>Errors</h2>
 * A reply that is not JSON or has no {@code data} array is a malformed page; an object that cannot be
 * mapped is quarantined with the reason and its JSON, and the page goes on. Stripe's error replies
 * ({@code {"error":{"type":"rate_limit_error",...}}}, 429, 5xx, 4xx) are not answers; Stripe seldom sends
 * Retry-After, so the generic backoff usually decides.
 */
public final class StripeSource implements HttpSource {

    static final long OVERLAP_SECONDS = 300;
    /** Stripe deletes events after 30 days. */
    static final int EVENT_RETENTION_DAYS = 30;
    static final int MAX_LIMIT = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final int limit;
    private final int historyDays;
    private final long refreshSeconds;
    private final Map<String, String> headers;
    private final CustomerMapper customers;

    /**
     * @param config      sources.yaml's stripe section: base_url, page_size (capped to Stripe's 100),
     *                    history_days, options {@code full_refresh_hours} (default 24) and
     *                    {@code api_version} (sent as Stripe-Version when set)
     * @param credentials resolved credentials: {@code api_key} (a secret or restricted key with read access)
     */
    public StripeSource(SourcesConfig.HttpSourceConfig config, IdentityConfig identity, Map<String, String> credentials) {
        String apiKey = credentials == null ? null : credentials.get("api_key");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("stripe: credential 'api_key' is missing or empty (sources.yaml: "
                    + "stripe.auth.api_key names where it comes from)");
        }
        if (config.baseUrl() == null || config.baseUrl().isBlank()) {
            throw new IllegalArgumentException("stripe: base_url is missing (e.g. https://api.stripe.com)");
        }
        this.baseUrl = config.baseUrl().replaceAll("/+$", "");
        this.limit = config.pageSize() <= 0 ? MAX_LIMIT : Math.min(config.pageSize(), MAX_LIMIT);
        this.historyDays = Math.max(0, config.historyDays());
        this.refreshSeconds = Duration.ofHours(refreshHours(config.options())).toSeconds();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + apiKey);
        String version = config.options().get("api_version");
        if (version != null && !version.isBlank()) {
            h.put("Stripe-Version", version.trim());
        }
        this.headers = Map.copyOf(h);
        this.customers = new CustomerMapper(identity);
    }

    private static long refreshHours(Map<String, String> options) {
        String value = options.get("full_refresh_hours");
        try {
            return value == null || value.isBlank() ? 24 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stripe: options.full_refresh_hours must be a whole number of hours, "
                    + "not '" + value + "'");
        }
    }

    @Override
    public String name() {
        return StripeRecords.SOURCE;
    }

    @Override
    public List<String> streams() {
        return StripeStream.keys();
    }

    @Override
    public SourceRequest firstRequest(String stream, String cursor, Instant now) {
        StripeStream s = StripeStream.of(stream);
        long nowSeconds = now.getEpochSecond();
        ListSweep.Cursor stored = cursor == null || cursor.isBlank() ? null : ListSweep.Cursor.parse(cursor);
        ListSweep sweep;
        if (stored != null && stored.midSweep()) {
            sweep = new ListSweep(stored.since(), stored.until(), stored.after());
        } else if (stored == null || stored.since() == null) {
            sweep = new ListSweep(firstSince(s, nowSeconds), nowSeconds, null);
        } else if (s.refreshes() && refreshDue(stored.since() + OVERLAP_SECONDS, nowSeconds)) {
            sweep = new ListSweep(null, nowSeconds, null);
        } else {
            sweep = new ListSweep(stored.since(), nowSeconds, null);
        }
        return request(s, sweep);
    }

    private Long firstSince(StripeStream stream, long now) {
        return switch (stream) {
            case CUSTOMERS, SUBSCRIPTIONS -> null;
            case INVOICES -> now - Duration.ofDays(historyDays).toSeconds();
            case EVENTS -> now - Duration.ofDays(Math.min(historyDays, EVENT_RETENTION_DAYS)).toSeconds();
        };
    }

    /** True when a refresh-period boundary lies between the last sweep's end and now. */
    private boolean refreshDue(long lastUntil, long now) {
        return refreshSeconds <= 0 || Math.floorDiv(lastUntil, refreshSeconds) != Math.floorDiv(now, refreshSeconds);
    }

    private SourceRequest request(StripeStream stream, ListSweep sweep) {
        return new SourceRequest(sweep.url(baseUrl, stream, limit), headers);
    }

    @Override
    public SourcePage map(String stream, SourceRequest request, SourceReply reply, Instant now)
            throws MalformedPageException {
        StripeStream s = StripeStream.of(stream);
        JsonNode list = list(s, reply);
        JsonNode data = list.get("data");
        SourcePage page = new SourcePage().countRecords(data.size());
        String lastId = null;
        for (JsonNode record : data) {
            String id = StripeJson.text(record, "id");
            lastId = id != null ? id : lastId;
            mapRecord(s, record, page);
        }
        ListSweep sweep = ListSweep.of(request);
        if (list.path("has_more").asBoolean(false)) {
            if (lastId == null) {
                throw new MalformedPageException("stripe " + s.key() + ": the reply says has_more but none of its "
                        + data.size() + " objects has an id to continue after");
            }
            ListSweep next = sweep.after(lastId);
            return page.next(request(s, next)).cursor(next.cursor());
        }
        return page.cursor(sweep.finished(OVERLAP_SECONDS));
    }

    /** The reply as a Stripe list object: {"object":"list","data":[...],"has_more":...}. */
    private JsonNode list(StripeStream stream, SourceReply reply) throws MalformedPageException {
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new MalformedPageException("stripe " + stream.key() + ": the reply is not JSON (HTTP "
                    + reply.status() + ", " + reply.body().length + " bytes, content-type "
                    + reply.header("Content-Type") + ")");
        }
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            JsonNode error = body == null ? null : body.get("error");
            throw new MalformedPageException("stripe " + stream.key() + ": the reply has no data array"
                    + (error != null && error.isObject() ? " but a Stripe error of type " + StripeJson.text(error, "type")
                    + ": " + StripeJson.text(error, "message") : ""));
        }
        return body;
    }

    /** One object into the page, whole or not at all: a bad one is quarantined and the page goes on. */
    private void mapRecord(StripeStream stream, JsonNode record, SourcePage page) {
        SourcePage own = new SourcePage();
        try {
            switch (stream) {
                case CUSTOMERS -> customers.map(record, own);
                case SUBSCRIPTIONS -> SubscriptionMapper.map(record, own);
                case INVOICES -> InvoiceMapper.map(record, own, null);
                case EVENTS -> EventMapper.map(record, own);
            }
        } catch (UnmappableRecord | RuntimeException e) {
            String reason = e instanceof UnmappableRecord ? e.getMessage()
                    : "cannot be mapped (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            page.quarantined().add(new QuarantinedRecord(StripeRecords.SOURCE, stream.key(),
                    StripeJson.text(record, "id"), null, stream.key() + ": " + reason, record.toString()));
            return;
        }
        page.links().addAll(own.links());
        page.activities().addAll(own.activities());
        page.subscriptions().addAll(own.subscriptions());
        page.outcomes().addAll(own.outcomes());
    }

    /** Stripe seldom sends Retry-After (its 429s say only "rate_limit_error"); -1 lets the generic backoff decide. */
    @Override
    public long retryAfterMillis(SourceReply reply) {
        return RetryAfter.millis(reply);
    }

    @Override
    public String toString() {
        return "StripeSource[" + baseUrl + ", limit " + limit + ", history " + historyDays + " days]";
    }
}
