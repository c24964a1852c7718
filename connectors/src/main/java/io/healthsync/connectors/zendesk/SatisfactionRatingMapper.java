package io.healthsync.connectors.zendesk;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A satisfaction rating as csat_good or csat_bad (sourceId "csat/{id}"); ratings only offered, or never
 * offered, say nothing about the customer and give nothing.
 *
 * <p>A rating is created when the survey is offered and updated when the customer answers, so the answer
 * is dated by updated_at (created_at when a rating has no updated_at).
 *
 * <p>Its keys: a link to its organization when the rating carries organization_id, then a link to its ticket
 * (Zendesk's documented rating has only ticket_id, requester_id, assignee_id, group_id): the tickets stream,
 * pulled before it, links each ticket to its account.
 */
final class SatisfactionRatingMapper {

    /** A rating's activity id, "csat/456", whether the ratings endpoint or its ticket gave it. */
    static String sourceId(String ratingId) {
        return "csat/" + ratingId;
    }

    Optional<Keyed<Activity>> map(JsonNode rating, String where) throws UnmappableRecord {
        String id = ZendeskJson.id(rating.path("id"));
        if (id == null) {
            throw new UnmappableRecord(where + ".id is missing or not an integer");
        }
        String score = ZendeskJson.text(rating.path("score"));
        ActivityType type = "good".equals(score) ? ActivityType.CSAT_GOOD
                : "bad".equals(score) ? ActivityType.CSAT_BAD : null;
        if (type == null) {
            return Optional.empty();
        }
        String at = "satisfaction rating " + id + " (" + where + ")";
        Instant answered = ZendeskJson.optionalTime(rating, "updated_at", at);
        if (answered == null) {
            answered = ZendeskJson.requiredTime(rating, "created_at", at);
        }
        List<AccountKey> keys = new ArrayList<>();
        String org = ZendeskJson.id(rating.path("organization_id"));
        if (org != null) {
            keys.add(AccountKey.link(org));
        }
        String ticket = ZendeskJson.id(rating.path("ticket_id"));
        if (ticket != null) {
            keys.add(AccountKey.link(TicketMapper.linkId(ticket)));
        }
        String sourceId = sourceId(id);
        Activity activity = new Activity(TicketMapper.SOURCE, sourceId, null, type, "csat " + score, score, answered,
                ZendeskJson.id(rating.path("assignee_id")), null, Map.of());
        return Optional.of(new Keyed<>(sourceId, keys, activity));
    }
}
