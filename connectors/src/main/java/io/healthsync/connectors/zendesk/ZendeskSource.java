package io.healthsync.connectors.zendesk;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.AccountLink;
import io.healthsync.connectors.source.HttpSource;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.mappings.SourcesConfig.HttpSourceConfig;
import io.healthsync.model.Activity;
import io.healthsync.model.QuarantinedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Zendesk Support as an {@link HttpSource}. Streams, in pull order:
 * <ol>
 *   <li>{@code organizations}: the time-based incremental organization export, from the beginning on the
 *       first pull (a ticket of the history window may belong to an organization unchanged for years);
 *       each organization is an {@link AccountLink}. Cursor {@code {"start_time": end_time}}.</li>
 *   <li>{@code tickets}: the cursor-based incremental ticket export with users and metric sets sideloaded,
 *       from history_days ago on the first pull; each ticket gives its support activities
 *       ({@link TicketMapper}), and its satisfaction rating as csat_good / csat_bad. Cursor
 *       {@code {"after_cursor": "..."}}: at the end of the stream it still holds the last after_cursor, and the
 *       next pull resumes there and gets what changed since (a rating answered updates its ticket).</li>
 *   <li>{@code satisfaction_ratings}, only with {@code satisfaction_ratings: endpoint} in sources.yaml: the
 *       received ratings with each answer's own time, with cursor pagination, instead of the tickets' ratings.
 *       A rating names only its ticket, so in this mode each ticket is also stored as a link ("ticket/123") and
 *       the tickets' cursor says so ({@code "tickets_linked": true}); a cursor without it (the mode switched on
 *       after tickets were read) reads the history window's tickets again.
 *       Cursor {@code {"start_time": the pull's time}}, written once the stream is read to its end.</li>
 * </ol>
 * The tickets' ratings are the default: the ratings endpoint gives 100 a request within the account's general
 * allowance (200 requests a minute on the smallest plan), so a year of 370,000 ratings (100,000 accounts) took 19
 * minutes to backfill, against nothing more than the ticket export already read. What that costs is the answer's
 * time: a ticket carries its rating's id and score but not when it was given, so it is dated by the ticket's solve.
 */
public final class ZendeskSource implements HttpSource {

    public static final String NAME = "zendesk";
    public static final String ORGANIZATIONS = "organizations";
    public static final String TICKETS = "tickets";
    public static final String SATISFACTION_RATINGS = "satisfaction_ratings";
    /** sources.yaml's zendesk option: where the ratings are read, {@code tickets} (default) or {@code endpoint}. */
    public static final String RATINGS_FROM = "satisfaction_ratings";

    /** The incremental exports return at most 1000 records a page. */
    static final int MAX_EXPORT_PAGE = 1000;
    /** Satisfaction ratings: the most cursor pagination gives a page. */
    static final int RATINGS_PAGE = 100;
    static final String TICKET_SIDELOADS = "users,metric_sets";
    /**
     * Ratings are filtered by created_at (when the survey was offered) but answered later: each pull reads
     * again the ratings created this long before the last one, so an answer given within this time of the
     * offer is not missed. Re-reading is harmless (same sourceId).
     */
    static final Duration RATINGS_LOOKBACK = Duration.ofDays(14);

    private final ZendeskUrls urls;
    private final Map<String, String> headers;
    private final int pageSize;
    private final int historyDays;
    private final OrganizationMapper organizations;
    private final TicketMapper tickets;
    private final SatisfactionRatingMapper ratings = new SatisfactionRatingMapper();
    /** {@code satisfaction_ratings: endpoint}: the ratings endpoint's stream instead of the tickets' ratings. */
    private final boolean ratingsEndpoint;
    private final ZendeskRetryAfter retryAfter;

    /**
     * @param config              sources.yaml's zendesk section (base_url, page_size, history_days)
     * @param identity            identity.yaml: the organizations' and tickets' keys, in order
     * @param cancellationPhrases taxonomy.yaml's cancellation_intent phrases
     * @param credentials         the resolved values of zendesk.auth: {@code email} and {@code api_token}
     * @throws IllegalArgumentException when base_url or a credential is missing (naming where it comes from)
     */
    public ZendeskSource(HttpSourceConfig config, IdentityConfig identity, List<String> cancellationPhrases,
                         Map<String, String> credentials) {
        this(config, identity, cancellationPhrases, credentials, Clock.systemUTC());
    }

    ZendeskSource(HttpSourceConfig config, IdentityConfig identity, List<String> cancellationPhrases,
                  Map<String, String> credentials, Clock clock) {
        this.urls = new ZendeskUrls(config.baseUrl());
        this.headers = Map.of(
                "Authorization", ZendeskCredentials.of(credentials, config.auth()).authorizationHeader(),
                "Accept", "application/json");
        this.pageSize = Math.max(1, Math.min(config.pageSize(), MAX_EXPORT_PAGE));
        this.historyDays = Math.max(0, config.historyDays());
        this.organizations = new OrganizationMapper(identity.zendeskOrganization());
        this.ratingsEndpoint = "endpoint".equals(config.options().get(RATINGS_FROM));
        this.tickets = new TicketMapper(identity.zendeskTicket(), new CancellationIntent(cancellationPhrases),
                !ratingsEndpoint);
        this.retryAfter = new ZendeskRetryAfter(clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> streams() {
        return ratingsEndpoint ? List.of(ORGANIZATIONS, TICKETS, SATISFACTION_RATINGS) : List.of(ORGANIZATIONS, TICKETS);
    }

    @Override
    public SourceRequest firstRequest(String stream, String cursor, Instant now) {
        return switch (stream) {
            case ORGANIZATIONS -> {
                Long start = ZendeskCursor.readStartTime(stream, cursor);
                yield organizationsFrom(start == null ? 0 : start);
            }
            case TICKETS -> {
                String after = ZendeskCursor.readAfterCursor(stream, cursor);
                // Switched to the ratings endpoint after tickets were read without their links: read the history
                // window's tickets again so that the ratings, which name only their ticket, find their accounts.
                if (after != null && ratingsEndpoint && !ZendeskCursor.ticketsLinked(stream, cursor)) {
                    after = null;
                }
                yield after != null ? ticketsAfter(after)
                        : request(urls.url("/api/v2/incremental/tickets/cursor.json", "start_time="
                                + historyStart(now) + "&per_page=" + pageSize + "&include=" + TICKET_SIDELOADS));
            }
            case SATISFACTION_RATINGS -> {
                Long start = ZendeskCursor.readStartTime(stream, cursor);
                long from = start == null ? historyStart(now) : Math.max(0, start - RATINGS_LOOKBACK.toSeconds());
                yield request(ratingsUrl(from, null));
            }
            default -> throw unknown(stream);
        };
    }

    @Override
    public SourcePage map(String stream, SourceRequest request, SourceReply reply, Instant now)
            throws MalformedPageException {
        return switch (stream) {
            case ORGANIZATIONS -> mapOrganizations(request, reply);
            case TICKETS -> mapTickets(request, reply);
            case SATISFACTION_RATINGS -> mapRatings(request, reply, now);
            default -> throw unknown(stream);
        };
    }

    /**
     * The incremental exports (organizations, tickets) share the source's limit, 10 requests a minute by
     * default; satisfaction ratings are a plain endpoint, under the account's general allowance: 200 a
     * minute on the smallest plan.
     */
    @Override
    public java.util.Optional<int[]> ownRateLimit(String stream) {
        return SATISFACTION_RATINGS.equals(stream) ? java.util.Optional.of(new int[] {200, 60}) : java.util.Optional.empty();
    }

    @Override
    public long retryAfterMillis(SourceReply reply) {
        return retryAfter.millis(reply);
    }

    private SourcePage mapOrganizations(SourceRequest request, SourceReply reply) throws MalformedPageException {
        JsonNode body = ZendeskJson.page(ORGANIZATIONS, request, reply, "organizations");
        SourcePage page = new SourcePage();
        JsonNode orgs = body.get("organizations");
        page.countRecords(orgs.size());
        for (int i = 0; i < orgs.size(); i++) {
            JsonNode org = orgs.get(i);
            try {
                page.links().add(organizations.map(org, "organizations[" + i + "]"));
            } catch (UnmappableRecord e) {
                page.quarantined().add(quarantine(ORGANIZATIONS, org, e));
            }
        }
        JsonNode endTime = body.path("end_time");
        if (endTime.isIntegralNumber()) {
            page.cursor(ZendeskCursor.startTime(endTime.asLong()));
        }
        if (body.path("end_of_stream").asBoolean(false)) {
            return page;
        }
        String nextPage = ZendeskJson.text(body.path("next_page"));
        if (urls.isOnAccount(nextPage)) {
            return page.next(request(nextPage));
        }
        if (endTime.isIntegralNumber()) {
            return page.next(organizationsFrom(endTime.asLong()));
        }
        throw new MalformedPageException("zendesk organizations: the reply from " + request.describe()
                + " says more pages follow (end_of_stream false) but gives neither next_page nor end_time");
    }

    private SourcePage mapTickets(SourceRequest request, SourceReply reply) throws MalformedPageException {
        JsonNode body = ZendeskJson.page(TICKETS, request, reply, "tickets");
        TicketMapper.Sideloads sideloads = TicketMapper.Sideloads.of(body);
        SourcePage page = new SourcePage();
        JsonNode list = body.get("tickets");
        page.countRecords(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode ticket = list.get(i);
            try {
                page.activities().addAll(tickets.map(ticket, sideloads, "tickets[" + i + "]"));
                if (ratingsEndpoint) {
                    // the endpoint's ratings name only their ticket: the ticket is a link they find their account
                    // by. Not otherwise: a link a ticket (some 850,000 at 100,000 accounts) is a row to write on
                    // the first pull and to read into the account index on every later one.
                    tickets.link(ticket, sideloads).ifPresent(page.links()::add);
                }
            } catch (UnmappableRecord e) {
                page.quarantined().add(quarantine(TICKETS, ticket, e));
            }
        }
        // The last page of a pull may come without after_cursor: the stored one stays and resumes the next pull.
        String afterCursor = ZendeskJson.text(body.path("after_cursor"));
        if (afterCursor != null) {
            page.cursor(ZendeskCursor.afterCursor(afterCursor, ratingsEndpoint));
        }
        if (body.path("end_of_stream").asBoolean(false)) {
            return page;
        }
        String afterUrl = ZendeskJson.text(body.path("after_url"));
        if (urls.isOnAccount(afterUrl)) {
            return page.next(request(withTicketParameters(afterUrl)));
        }
        if (afterCursor != null) {
            return page.next(ticketsAfter(afterCursor));
        }
        throw new MalformedPageException("zendesk tickets: the reply from " + request.describe()
                + " says more pages follow (end_of_stream false) but gives neither after_url nor after_cursor");
    }

    private SourcePage mapRatings(SourceRequest request, SourceReply reply, Instant now) throws MalformedPageException {
        JsonNode body = ZendeskJson.page(SATISFACTION_RATINGS, request, reply, "satisfaction_ratings");
        SourcePage page = new SourcePage();
        JsonNode list = body.get("satisfaction_ratings");
        page.countRecords(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode rating = list.get(i);
            try {
                Optional<Keyed<Activity>> csat = ratings.map(rating, "satisfaction_ratings[" + i + "]");
                csat.ifPresent(page.activities()::add);
            } catch (UnmappableRecord e) {
                page.quarantined().add(quarantine(SATISFACTION_RATINGS, rating, e));
            }
        }
        if (!body.path("meta").path("has_more").asBoolean(false)) {
            // Read to its end: the next pull starts from now (less the lookback). In the middle of the
            // stream the stored cursor stays, since the pages' order by time is not documented.
            return page.cursor(ZendeskCursor.startTime(now.getEpochSecond()));
        }
        String next = ZendeskJson.text(body.path("links").path("next"));
        if (urls.isOnAccount(next)) {
            return page.next(request(next));
        }
        String afterCursor = ZendeskJson.text(body.path("meta").path("after_cursor"));
        String startTime = request.parameter("start_time");
        if (afterCursor != null && startTime != null && startTime.matches("\\d+")) {
            return page.next(request(ratingsUrl(Long.parseLong(startTime), afterCursor)));
        }
        throw new MalformedPageException("zendesk satisfaction_ratings: the reply from " + request.describe()
                + " says more pages follow (meta.has_more true) but gives neither links.next nor meta.after_cursor");
    }

    private SourceRequest organizationsFrom(long startTime) {
        return request(urls.url("/api/v2/incremental/organizations.json",
                "start_time=" + startTime + "&per_page=" + pageSize));
    }

    private SourceRequest ticketsAfter(String afterCursor) {
        return request(urls.url("/api/v2/incremental/tickets/cursor.json", "cursor=" + ZendeskUrls.encode(afterCursor)
                + "&per_page=" + pageSize + "&include=" + TICKET_SIDELOADS));
    }

    private String ratingsUrl(long startTime, String afterCursor) {
        return urls.url("/api/v2/satisfaction_ratings.json", "score=received&start_time=" + startTime
                + "&page%5Bsize%5D=" + RATINGS_PAGE
                + (afterCursor == null ? "" : "&page%5Bafter%5D=" + ZendeskUrls.encode(afterCursor)));
    }

    /** after_url as Zendesk gives it may leave out the page size and sideloads; the mapping needs the sideloads. */
    private String withTicketParameters(String afterUrl) {
        String url = afterUrl;
        String separator = url.contains("?") ? "&" : "?";
        if (!ZendeskUrls.hasParameter(url, "per_page")) {
            url += separator + "per_page=" + pageSize;
            separator = "&";
        }
        if (!ZendeskUrls.hasParameter(url, "include")) {
            url += separator + "include=" + TICKET_SIDELOADS;
        }
        return url;
    }

    private long historyStart(Instant now) {
        return now.minus(Duration.ofDays(historyDays)).getEpochSecond();
    }

    private SourceRequest request(String url) {
        return new SourceRequest(url, headers);
    }

    private static QuarantinedRecord quarantine(String stream, JsonNode record, UnmappableRecord reason) {
        return new QuarantinedRecord(NAME, stream, ZendeskJson.id(record.path("id")),
                ZendeskJson.timeOrNull(record, "updated_at"), reason.getMessage(), record.toString());
    }

    private static IllegalArgumentException unknown(String stream) {
        return new IllegalArgumentException("zendesk: unknown stream '" + stream + "'; expected one of: "
                + String.join(", ", List.of(ORGANIZATIONS, TICKETS, SATISFACTION_RATINGS)));
    }

    @Override
    public String toString() {
        return "ZendeskSource[" + urls.base() + "]";
    }
}
