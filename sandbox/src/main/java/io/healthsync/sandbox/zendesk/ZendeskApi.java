package io.healthsync.sandbox.zendesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.sandbox.company.SyntheticCompany;
import io.healthsync.sandbox.company.Ticket;
import io.healthsync.sandbox.http.ApiRequest;
import io.healthsync.sandbox.http.ApiResponse;
import io.healthsync.sandbox.http.BasicAuth;
import io.healthsync.sandbox.http.SourceApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A stand-in Zendesk Support account: the time-based incremental export of organizations, the cursor-based
 * incremental export of tickets (with the users and metric_sets sideloads) and the satisfaction ratings with
 * cursor pagination, behind API-token Basic auth ({@code email/token:api_token}), with Zendesk's rate-limit
 * headers on every answer. The exports omit nothing recent: everything generated is older than a minute.
 */
public final class ZendeskApi implements SourceApi {

    public static final String EMAIL = "demo-admin@healthsync-demo.example";
    public static final String API_TOKEN = "zd-demo-6f1c2a9e4b7d3058";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_EXPORT_PAGE = 1_000;
    private static final int MAX_RATINGS_PAGE = 100;
    private static final int REQUESTS_PER_MINUTE = 700;
    private static final int EXPORTS_PER_MINUTE = 10;

    private final ZendeskRecords records;
    private final Clock clock;
    private long windowMinute = -1;
    private int usedThisMinute;
    private int exportsThisMinute;

    public ZendeskApi(SyntheticCompany company, Clock clock) {
        this.records = new ZendeskRecords(company);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "zendesk";
    }

    @Override
    public ApiResponse refuse(ApiRequest request) {
        if (BasicAuth.matches(request.header("Authorization"), EMAIL + "/token", API_TOKEN)) {
            return null;
        }
        ObjectNode body = JSON.objectNode();
        body.put("error", "Couldn't authenticate you");
        return ApiResponse.json(401, body);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET")) {
            return error(404, "InvalidEndpoint", "Not found");
        }
        return switch (request.path()) {
            case "/api/v2/incremental/organizations.json", "/api/v2/incremental/organizations" -> organizations(request);
            case "/api/v2/incremental/tickets/cursor.json", "/api/v2/incremental/tickets/cursor" -> tickets(request);
            case "/api/v2/satisfaction_ratings.json", "/api/v2/satisfaction_ratings" -> ratings(request);
            default -> error(404, "InvalidEndpoint", "Not found");
        };
    }

    @Override
    public ApiResponse rateLimited(int retryAfterSeconds) {
        ApiResponse response = ApiResponse.text(429, "text/plain", "Number of allowed API requests per minute exceeded");
        return retryAfterSeconds > 0 ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
    }

    @Override
    public ApiResponse unavailable() {
        return ApiResponse.text(503, "text/plain", "Service Unavailable: Zendesk is temporarily unavailable");
    }

    /**
     * x-rate-limit and ratelimit-* on every answer; zendesk-ratelimit-incremental-exports on the exports.
     * Counted per clock minute; reported, not enforced (the client's own limiter keeps to them).
     */
    @Override
    public synchronized Map<String, String> commonHeaders(ApiRequest request) {
        long now = clock.millis();
        long minute = now / 60_000;
        if (minute != windowMinute) {
            windowMinute = minute;
            usedThisMinute = 0;
            exportsThisMinute = 0;
        }
        usedThisMinute++;
        boolean export = request.path().startsWith("/api/v2/incremental/");
        if (export) {
            exportsThisMinute++;
        }
        long resets = 60 - (now / 1_000) % 60;
        Map<String, String> headers = new LinkedHashMap<>();
        int remaining = Math.max(0, REQUESTS_PER_MINUTE - usedThisMinute);
        headers.put("x-rate-limit", String.valueOf(REQUESTS_PER_MINUTE));
        headers.put("x-rate-limit-remaining", String.valueOf(remaining));
        headers.put("ratelimit-limit", String.valueOf(REQUESTS_PER_MINUTE));
        headers.put("ratelimit-remaining", String.valueOf(remaining));
        headers.put("ratelimit-reset", String.valueOf(resets));
        headers.put("x-zendesk-api-version", "v2");
        if (export) {
            headers.put("zendesk-ratelimit-incremental-exports", "total=" + EXPORTS_PER_MINUTE + "; remaining="
                    + Math.max(0, EXPORTS_PER_MINUTE - exportsThisMinute) + "; resets=" + resets);
        }
        return headers;
    }

    // ---- GET /api/v2/incremental/organizations.json?start_time= -------------------------------------------

    private ApiResponse organizations(ApiRequest request) {
        Long start = startTime(request);
        if (start == null) {
            return startTimeError(request);
        }
        if (start > clock.instant().getEpochSecond() - 60) {
            return tooRecent();
        }
        int perPage = pageSize(request.param("per_page"), MAX_EXPORT_PAGE, MAX_EXPORT_PAGE);
        List<ZendeskRecords.Org> orgs = records.orgsByUpdate();
        int from = firstNot(orgs, org -> org.updatedAt().getEpochSecond() < start);
        int to = Math.min(orgs.size(), from + perPage);
        String base = base(request);
        ObjectNode body = JSON.objectNode();
        ArrayNode page = body.putArray("organizations");
        for (int i = from; i < to; i++) {
            page.add(records.organization(orgs.get(i), base));
        }
        long endTime = to > from ? orgs.get(to - 1).updatedAt().getEpochSecond() : start;
        body.put("next_page", base + "/api/v2/incremental/organizations.json?per_page=" + perPage + "&start_time="
                + endTime);
        body.put("count", to - from);
        body.put("end_of_stream", to - from < perPage);
        body.put("end_time", endTime);
        return ApiResponse.json(200, body);
    }

    // ---- GET /api/v2/incremental/tickets/cursor.json?start_time=|cursor= ---------------------------------

    private ApiResponse tickets(ApiRequest request) {
        List<Ticket> tickets = records.ticketsByUpdate();
        int from;
        String cursor = request.param("cursor");
        if (cursor != null) {
            long[] position = TicketCursor.decode(cursor);
            if (position == null) {
                return error(400, "InvalidPaginationParameter", "cursor is invalid");
            }
            // every ticket updated before the cursor's second is not after it: read on from the first that is not
            from = firstNot(tickets, ticket -> ticket.updatedAt().getEpochSecond() < position[0]);
            while (from < tickets.size() && !TicketCursor.after(tickets.get(from), position)) {
                from++;
            }
        } else {
            Long start = startTime(request);
            if (start == null) {
                return startTimeError(request);
            }
            if (start > clock.instant().getEpochSecond() - 60) {
                return tooRecent();
            }
            from = firstNot(tickets, ticket -> ticket.updatedAt().getEpochSecond() < start);
        }
        int perPage = pageSize(request.param("per_page"), MAX_EXPORT_PAGE, MAX_EXPORT_PAGE);
        int to = Math.min(tickets.size(), from + perPage);
        Set<String> include = new LinkedHashSet<>();
        String includeParam = request.param("include");
        if (includeParam != null) {
            for (String part : includeParam.split(",")) {
                include.add(part.trim());
            }
        }
        String base = base(request);
        ObjectNode body = JSON.objectNode();
        ArrayNode page = body.putArray("tickets");
        ArrayNode users = include.contains("users") ? body.putArray("users") : null;
        ArrayNode metricSets = include.contains("metric_sets") ? body.putArray("metric_sets") : null;
        Set<Long> usersSeen = new LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            Ticket ticket = tickets.get(i);
            page.add(records.ticket(ticket, base));
            if (users != null && usersSeen.add(records.requesterId(ticket))) {
                users.add(records.user(records.orgOf(ticket), ticket.requester(), base));
            }
            if (metricSets != null) {
                metricSets.add(records.metricSet(ticket, base));
            }
        }
        String afterCursor = to > from ? TicketCursor.encode(tickets.get(to - 1))
                : cursor != null ? cursor : TicketCursor.encodeStart(startTime(request));
        String query = "&per_page=" + perPage + (includeParam == null ? "" : "&include=" + encode(includeParam));
        body.put("after_url", base + "/api/v2/incremental/tickets/cursor.json?cursor=" + encode(afterCursor) + query);
        body.put("after_cursor", afterCursor);
        if (to > from) {
            String beforeCursor = TicketCursor.encode(tickets.get(from));
            body.put("before_url", base + "/api/v2/incremental/tickets/cursor.json?cursor=" + encode(beforeCursor)
                    + query);
            body.put("before_cursor", beforeCursor);
        } else {
            body.putNull("before_url");
            body.putNull("before_cursor");
        }
        body.put("end_of_stream", to >= tickets.size());
        return ApiResponse.json(200, body);
    }

    /** Zendesk's score filter: a score itself, or "received" for any answer (good or bad). */
    static boolean scoreMatches(String filter, String score) {
        return filter.equals(score) || (filter.startsWith("received") && ("good".equals(score) || "bad".equals(score)));
    }

    // ---- GET /api/v2/satisfaction_ratings.json?start_time=&page[size]=&page[after]= ------------------------

    private ApiResponse ratings(ApiRequest request) {
        List<Ticket> rated = records.ratedById();
        Long start = parseLong(request.param("start_time"));
        Long end = parseLong(request.param("end_time"));
        String score = request.param("score");
        int size = pageSize(request.param("page[size]"), MAX_RATINGS_PAGE, MAX_RATINGS_PAGE);
        long afterId = Long.MIN_VALUE;
        String after = request.param("page[after]");
        if (after != null) {
            Long decoded = RatingCursor.decode(after);
            if (decoded == null) {
                return error(400, "InvalidPaginationParameter", "page[after] is invalid");
            }
            afterId = decoded;
        }
        String base = base(request);
        ObjectNode body = JSON.objectNode();
        ArrayNode page = body.putArray("satisfaction_ratings");
        long firstId = -1;
        long lastId = -1;
        boolean more = false;
        // ratedById is in rating id order: start right after the cursor, so paging costs the list's length once
        long cursorId = afterId;
        int from = firstNot(rated, t -> t.rating().id() <= cursorId);
        for (Ticket ticket : rated.subList(from, rated.size())) {
            Ticket.Rating rating = ticket.rating();
            long created = rating.createdAt().getEpochSecond();
            if (rating.id() <= afterId || (start != null && created < start) || (end != null && created >= end)
                    || (score != null && !scoreMatches(score, rating.score()))) {
                continue;
            }
            if (page.size() == size) {
                more = true;
                break;
            }
            page.add(records.satisfactionRating(ticket, base));
            firstId = firstId < 0 ? rating.id() : firstId;
            lastId = rating.id();
        }
        ObjectNode meta = body.putObject("meta");
        meta.put("has_more", more);
        ObjectNode links = body.putObject("links");
        String filters = (start == null ? "" : "&start_time=" + start) + (end == null ? "" : "&end_time=" + end)
                + (score == null ? "" : "&score=" + encode(score));
        if (lastId >= 0) {
            meta.put("after_cursor", RatingCursor.encode(lastId));
            meta.put("before_cursor", RatingCursor.encode(firstId));
            links.put("next", base + "/api/v2/satisfaction_ratings.json?page%5Bafter%5D="
                    + encode(RatingCursor.encode(lastId)) + "&page%5Bsize%5D=" + size + filters);
            links.putNull("prev");
        } else {
            meta.putNull("after_cursor");
            meta.putNull("before_cursor");
            links.putNull("next");
            links.putNull("prev");
        }
        return ApiResponse.json(200, body);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /**
     * The index of the first element of {@code sorted} that is not {@code before} (the list's size when none), by
     * binary search: {@code before} must hold for a prefix of the list and for nothing after it. An export's pages
     * then cost the list's length once, not each.
     */
    private static <T> int firstNot(List<T> sorted, Predicate<T> before) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (before.test(sorted.get(mid))) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private Long startTime(ApiRequest request) {
        return parseLong(request.param("start_time"));
    }

    private ApiResponse startTimeError(ApiRequest request) {
        String given = request.param("start_time");
        return error(400, "InvalidValue", given == null ? "start_time is required"
                : "start_time must be a Unix epoch time in seconds");
    }

    private ApiResponse tooRecent() {
        return error(400, "InvalidValue", "Too recent start_time. Use a start_time older than 1 minute");
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int pageSize(String value, int fallback, int max) {
        Long parsed = parseLong(value);
        return parsed == null || parsed < 1 ? fallback : (int) Math.min(max, parsed);
    }

    private static ApiResponse error(int status, String error, String description) {
        ObjectNode body = JSON.objectNode();
        body.put("error", error);
        body.put("description", description);
        return ApiResponse.json(status, body);
    }

    private static String base(ApiRequest request) {
        return request.baseUrl();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The export's cursor: base64 of "UPDATED_EPOCH.0||TICKET_ID|", the shape Zendesk's cursors decode to. */
    static final class TicketCursor {

        static String encode(Ticket ticket) {
            return encode(ticket.updatedAt().getEpochSecond(), ticket.id());
        }

        /** A cursor that stands before every ticket updated at start or later. */
        static String encodeStart(Long start) {
            return encode(start == null ? 0 : start - 1, Long.MAX_VALUE);
        }

        private static String encode(long updated, long id) {
            return Base64.getEncoder().encodeToString((updated + ".0||" + id + "|").getBytes(StandardCharsets.UTF_8));
        }

        static long[] decode(String cursor) {
            try {
                String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = text.split("\\|");
                return new long[] {(long) Double.parseDouble(parts[0]), Long.parseLong(parts[2])};
            } catch (RuntimeException e) {
                return null;
            }
        }

        static boolean after(Ticket ticket, long[] position) {
            long updated = ticket.updatedAt().getEpochSecond();
            return updated > position[0] || (updated == position[0] && ticket.id() > position[1]);
        }
    }

    /** The ratings' opaque cursor: base64 of {"o":"id","v":ID}. */
    static final class RatingCursor {

        static String encode(long id) {
            return Base64.getEncoder().encodeToString(("{\"o\":\"id\",\"v\":" + id + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Long decode(String cursor) {
            try {
                String text = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
                return Long.parseLong(text.replaceAll("[^0-9]", ""));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
