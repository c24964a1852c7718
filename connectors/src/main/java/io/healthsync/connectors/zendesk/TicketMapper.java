package io.healthsync.connectors.zendesk;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One exported ticket (with the page's sideloaded users and metric sets) as its support activities. Each
 * has a stable sourceId ("ticket/123/solved"): the export sends a ticket again on every change, and the
 * same activity read again replaces the stored one instead of adding another.
 *
 * <ul>
 *   <li>ticket_opened at created_at;</li>
 *   <li>ticket_solved at the metric set's solved_at (or updated_at of a solved or closed ticket without
 *       one), with first_reply_hours and resolution_hours from the metric set's calendar minutes;</li>
 *   <li>ticket_reopened at updated_at when the metric set counts reopens, with measure reopens;</li>
 *   <li>ticket_escalated at created_at when the priority is urgent or high: without the ticket's audits the
 *       time it was raised is unknown, and created_at keeps the activity where it is on every re-read;</li>
 *   <li>cancellation_intent at created_at when the subject or description (the first message) holds a
 *       taxonomy.yaml phrase, the phrase as its sourceType;</li>
 *   <li>csat_good or csat_bad for a received satisfaction rating (score good or bad; offered and unoffered say
 *       nothing), under the rating's own sourceId ("csat/456", as the ratings endpoint gives it), dated by the
 *       solve it answers (the metric set's solved_at, else updated_at): the ticket does not say when the answer
 *       came, and the survey goes out once the ticket is solved. Unless sources.yaml reads the ratings endpoint.</li>
 * </ul>
 * A deleted ticket gives nothing: the export only says it is gone, and what it gave before stays stored.
 */
final class TicketMapper {

    static final String SOURCE = "zendesk";
    private static final Set<String> SOLVED = Set.of("solved", "closed");
    private static final Set<String> ESCALATED = Set.of("urgent", "high");
    private static final double MINUTES_PER_HOUR = 60.0;

    private final List<String> keyOrder;
    private final CancellationIntent cancellation;
    private final boolean ratings;

    /** @param ratings whether the ticket's satisfaction rating is one of its activities */
    TicketMapper(List<String> keyOrder, CancellationIntent cancellation, boolean ratings) {
        this.keyOrder = List.copyOf(keyOrder);
        this.cancellation = cancellation;
        this.ratings = ratings;
    }

    /** What the page sideloads: requesters' emails by user id, metric sets by ticket id. */
    record Sideloads(Map<String, String> emailByUser, Map<String, JsonNode> metricsByTicket) {

        static Sideloads of(JsonNode page) {
            Map<String, String> emails = new HashMap<>();
            page.path("users").forEach(u -> {
                String id = ZendeskJson.id(u.path("id"));
                String email = ZendeskJson.text(u.path("email"));
                if (id != null && email != null) {
                    emails.put(id, email);
                }
            });
            Map<String, JsonNode> metrics = new HashMap<>();
            page.path("metric_sets").forEach(m -> {
                String ticket = ZendeskJson.id(m.path("ticket_id"));
                if (ticket != null) {
                    metrics.put(ticket, m);
                }
            });
            return new Sideloads(emails, metrics);
        }
    }

    List<Keyed<Activity>> map(JsonNode ticket, Sideloads sideloads, String where) throws UnmappableRecord {
        String id = ZendeskJson.id(ticket.path("id"));
        if (id == null) {
            throw new UnmappableRecord(where + ".id is missing or not an integer");
        }
        String status = lower(ZendeskJson.text(ticket.path("status")));
        if ("deleted".equals(status)) {
            return List.of();
        }
        String at = "ticket " + id + " (" + where + ")";
        Instant created = ZendeskJson.requiredTime(ticket, "created_at", at);
        Instant updated = ZendeskJson.requiredTime(ticket, "updated_at", at);
        String priority = lower(ZendeskJson.text(ticket.path("priority")));
        String actor = ZendeskJson.id(ticket.path("assignee_id"));
        JsonNode metrics = sideloads.metricsByTicket().get(id);
        String prefix = "ticket/" + id + "/";

        List<Activity> activities = new ArrayList<>();
        activities.add(activity(prefix + "opened", ActivityType.TICKET_OPENED, "ticket opened", priority, created,
                actor, Map.of()));

        Instant solved = metrics == null ? null : ZendeskJson.optionalTime(metrics, "solved_at", at + ".metric_set");
        if (solved == null && SOLVED.contains(status)) {
            solved = updated;
        }
        if (solved != null) {
            Map<String, Double> measures = new HashMap<>();
            hours(metrics, "reply_time_in_minutes").ifPresent(h -> measures.put("first_reply_hours", h));
            hours(metrics, "full_resolution_time_in_minutes").ifPresent(h -> measures.put("resolution_hours", h));
            activities.add(activity(prefix + "solved", ActivityType.TICKET_SOLVED, "ticket solved", status, solved,
                    actor, measures));
        }

        int reopens = metrics == null ? 0 : metrics.path("reopens").asInt(0);
        if (reopens > 0) {
            activities.add(activity(prefix + "reopened", ActivityType.TICKET_REOPENED, "ticket reopened", status,
                    updated, actor, Map.of("reopens", (double) reopens)));
        }

        if (ESCALATED.contains(priority)) {
            activities.add(activity(prefix + "escalated", ActivityType.TICKET_ESCALATED, "ticket escalated", priority,
                    created, actor, Map.of()));
        }

        Optional<String> phrase = cancellation.find(ZendeskJson.text(ticket.path("subject")),
                ZendeskJson.text(ticket.path("description")));
        if (phrase.isPresent()) {
            activities.add(activity(prefix + "cancellation_intent", ActivityType.CANCELLATION_INTENT,
                    "cancellation intent", phrase.get(), created, actor, Map.of()));
        }

        if (ratings) {
            rating(ticket.path("satisfaction_rating"), prefix, solved != null ? solved : updated, actor)
                    .ifPresent(activities::add);
        }

        List<AccountKey> keys = keys(ticket, sideloads);
        return activities.stream().map(a -> new Keyed<>(a.sourceId(), keys, a)).toList();
    }

    /**
     * A received rating (good or bad) as csat_good or csat_bad; nothing for offered or unoffered. Under the rating's
     * id, as the ratings endpoint gives it, or the ticket's when a rating comes without one: one rating a ticket.
     */
    private static Optional<Activity> rating(JsonNode rating, String ticketPrefix, Instant answered, String actor) {
        String score = ZendeskJson.text(rating.path("score"));
        ActivityType type = "good".equals(score) ? ActivityType.CSAT_GOOD
                : "bad".equals(score) ? ActivityType.CSAT_BAD : null;
        if (type == null) {
            return Optional.empty();
        }
        String id = ZendeskJson.id(rating.path("id"));
        String sourceId = id != null ? SatisfactionRatingMapper.sourceId(id) : ticketPrefix + "csat";
        return Optional.of(activity(sourceId, type, "csat " + score, score, answered, actor, Map.of()));
    }

    /** The entity id a ticket is linked under: "ticket/123". */
    static String linkId(String ticketId) {
        return "ticket/" + ticketId;
    }

    /** The ticket as a link with its own keys (organization, requester domain), for what refers to it by id. */
    Optional<io.healthsync.connectors.source.AccountLink> link(JsonNode ticket, Sideloads sideloads) {
        String id = ZendeskJson.id(ticket.path("id"));
        if (id == null || "deleted".equals(ZendeskJson.text(ticket.path("status")))) {
            return Optional.empty();
        }
        return Optional.of(new io.healthsync.connectors.source.AccountLink(linkId(id), null, keys(ticket, sideloads)));
    }

    private List<AccountKey> keys(JsonNode ticket, Sideloads sideloads) {
        List<AccountKey> keys = new ArrayList<>();
        for (String key : keyOrder) {
            switch (key) {
                case "organization" -> {
                    String org = ZendeskJson.id(ticket.path("organization_id"));
                    if (org != null) {
                        keys.add(AccountKey.link(org));
                    }
                }
                case "requester_domain" -> {
                    String requester = ZendeskJson.id(ticket.path("requester_id"));
                    String email = requester == null ? null : sideloads.emailByUser().get(requester);
                    if (email != null) {
                        keys.add(AccountKey.domain(email));
                    }
                }
                default -> throw new IllegalStateException("zendesk: unknown ticket key '" + key
                        + "' in identity.yaml; expected one of organization, requester_domain");
            }
        }
        return keys;
    }

    /** A metric set's {calendar, business} minutes as calendar hours, when it has them. */
    private static Optional<Double> hours(JsonNode metrics, String field) {
        if (metrics == null) {
            return Optional.empty();
        }
        JsonNode calendar = metrics.path(field).path("calendar");
        return calendar.isNumber() ? Optional.of(calendar.asDouble() / MINUTES_PER_HOUR) : Optional.empty();
    }

    private static Activity activity(String sourceId, ActivityType type, String label, String sourceType,
                                     Instant at, String actor, Map<String, Double> measures) {
        return new Activity(SOURCE, sourceId, null, type, label, sourceType, at, actor, null, measures);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
