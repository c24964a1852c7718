package io.healthsync.connectors.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.util.List;

/**
 * A minimal paged API for testing the seam: GET {base}/feed?after=CURSOR answers
 * {"items":[{"id","account","at"}], "next": "CURSOR" | null}; each item is an activity of account "account".
 */
class FeedSource implements HttpSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final String baseUrl;
    /** The after-cursor of the page that follows a page asked for with this one, told before mapping; null: never. */
    java.util.function.UnaryOperator<String> foresee;

    FeedSource(String name, String baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> streams() {
        return List.of("feed");
    }

    @Override
    public SourceRequest firstRequest(String stream, String cursor, Instant now) {
        return request(cursor == null ? "0" : cursor);
    }

    private SourceRequest request(String after) {
        return new SourceRequest(baseUrl + "/feed?after=" + after, java.util.Map.of("Authorization", "Bearer secret-token"));
    }

    @Override
    public SourceRequest nextBeforeMapping(String stream, SourceRequest request, SourceReply reply, Instant now) {
        String next = foresee == null ? null : foresee.apply(request.parameter("after"));
        return next == null ? null : request(next);
    }

    @Override
    public SourcePage map(String stream, SourceRequest request, SourceReply reply, Instant now) throws MalformedPageException {
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            throw new MalformedPageException("not JSON", e);
        }
        if (body == null || !body.path("items").isArray()) {
            throw new MalformedPageException("no items array");
        }
        SourcePage page = new SourcePage();
        for (JsonNode item : body.get("items")) {
            page.countRecords(1);
            String id = item.path("id").asText(null);
            try {
                Activity activity = new Activity(name, id, null, ActivityType.TICKET_OPENED, "ticket opened", null,
                        Instant.parse(item.path("at").asText()), null, null);
                page.activities().add(new Keyed<>(id, List.of(AccountKey.crmId(item.path("account").asText(null))), activity));
            } catch (RuntimeException e) {
                page.quarantined().add(new QuarantinedRecord(name, stream, id, null, "bad item: " + e.getMessage(), item.toString()));
            }
        }
        String next = body.path("next").asText(null);
        String last = body.path("cursor").asText(null);
        page.cursor(last);
        page.next(next == null ? null : request(next));
        return page;
    }
}
