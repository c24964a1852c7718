package io.healthsync.sandbox.mixpanel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.sandbox.company.SyntheticCompany;
import io.healthsync.sandbox.company.UsageEvent;
import io.healthsync.sandbox.company.UsageEventCache;
import io.healthsync.sandbox.http.ApiRequest;
import io.healthsync.sandbox.http.ApiResponse;
import io.healthsync.sandbox.http.BasicAuth;
import io.healthsync.sandbox.http.SourceApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A stand-in Mixpanel project's raw Event Export API: {@code GET /api/2.0/export?project_id=&from_date=
 * &to_date=} (dates inclusive, yyyy-mm-dd) answers JSON lines, one event a line; optional {@code event}
 * (a JSON array of names) and {@code limit}. Basic auth with a service account; project_id required.
 * At most {@code queriesPerSecond} queries in any second (0: no limit), as Mixpanel's 3 a second; more
 * answer 429 with Retry-After.
 */
public final class MixpanelApi implements SourceApi {

    public static final String SERVICE_ACCOUNT = "healthsync-demo.3c1f9a.mp-service-account";
    public static final String SECRET = "mp-demo-secret-2c7f81d4";
    public static final String PROJECT_ID = "3141592";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SyntheticCompany company;
    private final UsageEventCache events;
    private final Clock clock;
    private final int queriesPerSecond;
    private final Deque<Long> recentQueries = new ArrayDeque<>();

    public MixpanelApi(SyntheticCompany company, UsageEventCache events, Clock clock, int queriesPerSecond) {
        this.company = company;
        this.events = events;
        this.clock = clock;
        this.queriesPerSecond = queriesPerSecond;
    }

    @Override
    public String name() {
        return "mixpanel";
    }

    @Override
    public ApiResponse refuse(ApiRequest request) {
        if (BasicAuth.matches(request.header("Authorization"), SERVICE_ACCOUNT, SECRET)) {
            return null;
        }
        return ApiResponse.text(401, "text/plain; charset=utf-8", "Unable to authenticate request\n");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.path().equals("/api/2.0/export") || !request.method().equals("GET")) {
            return ApiResponse.text(404, "text/plain; charset=utf-8", "Not found\n");
        }
        if (!admit()) {
            return rateLimited(1);
        }
        String project = request.param("project_id");
        if (project == null || project.isEmpty()) {
            return error(request, 400, "project_id is required when authenticating with a service account");
        }
        if (!project.equals(PROJECT_ID)) {
            return error(request, 403, "service account does not have access to project " + project);
        }
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(request.param("from_date"));
            to = LocalDate.parse(request.param("to_date"));
        } catch (DateTimeParseException | NullPointerException e) {
            return error(request, 400, "'from_date' and 'to_date' must be dates in the form yyyy-mm-dd");
        }
        if (to.isBefore(from)) {
            return error(request, 400, "'to_date' must not be before 'from_date'");
        }
        Set<String> names = null;
        String eventParam = request.param("event");
        if (eventParam != null && !eventParam.isEmpty()) {
            try {
                names = new HashSet<>();
                for (JsonNode name : ApiResponse.JSON.readTree(eventParam)) {
                    names.add(name.asText());
                }
            } catch (IOException e) {
                return error(request, 400, "'event' must be a JSON array of event names");
            }
        }
        long limit = request.param("limit") == null ? Long.MAX_VALUE : parseLimit(request.param("limit"));
        if (limit <= 0) {
            return error(request, 400, "'limit' must be a positive integer");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long written = 0;
        try {
            for (LocalDate day = from; !day.isAfter(to) && written < limit; day = day.plusDays(1)) {
                for (UsageEvent event : events.ofDay(company.window().index(day))) {
                    if (names != null && !names.contains(event.eventType())) {
                        continue;
                    }
                    body.write(ApiResponse.JSON.writeValueAsBytes(line(event)));
                    body.write('\n');
                    if (++written >= limit) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ApiResponse.bytes(200, "text/plain; charset=utf-8", body.toByteArray());
    }

    @Override
    public ApiResponse rateLimited(int retryAfterSeconds) {
        ObjectNode body = JSON.objectNode();
        body.put("error", "Query rate limit exceeded: at most 3 queries per second, 60 per hour");
        body.put("status", "error");
        ApiResponse response = ApiResponse.json(429, body);
        return retryAfterSeconds > 0 ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
    }

    @Override
    public ApiResponse unavailable() {
        return ApiResponse.text(503, "text/plain; charset=utf-8", "Service Unavailable\n");
    }

    /** Whether this query fits in the per-second allowance (a sliding second), counting it when it does. */
    private synchronized boolean admit() {
        if (queriesPerSecond <= 0) {
            return true;
        }
        long now = clock.millis();
        while (!recentQueries.isEmpty() && recentQueries.peekFirst() <= now - 1_000) {
            recentQueries.pollFirst();
        }
        if (recentQueries.size() >= queriesPerSecond) {
            return false;
        }
        recentQueries.addLast(now);
        return true;
    }

    private static long parseLimit(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiResponse error(ApiRequest request, int status, String message) {
        ObjectNode body = JSON.objectNode();
        body.put("request", request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        body.put("error", message);
        return ApiResponse.json(status, body);
    }

    private static ObjectNode line(UsageEvent event) {
        ObjectNode node = JSON.objectNode();
        node.put("event", event.eventType());
        ObjectNode properties = node.putObject("properties");
        properties.put("time", event.time().getEpochSecond());
        properties.put("distinct_id", event.userId());
        properties.put("$insert_id", event.insertId());
        properties.put("$device_id", event.deviceId());
        properties.put("$user_id", event.userId());
        if (event.accountId() != null) {
            properties.put("account_id", event.accountId());
        }
        properties.put("session_id", String.valueOf(event.sessionId()));
        properties.put("feature", event.feature());
        properties.put("plan", event.plan());
        properties.put("mp_lib", "web");
        properties.put("mp_processing_time_ms", event.time().toEpochMilli() + 850);
        return node;
    }
}
