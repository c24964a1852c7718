package io.healthsync.sandbox.zendesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.sandbox.company.AccountHistory;
import io.healthsync.sandbox.company.SyntheticCompany;
import io.healthsync.sandbox.company.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The company as a Zendesk account holds it: one organization per customer (with the CRM id as external_id,
 * except the domain-only and stray ones), a few end users per organization, the tickets with their metric
 * sets, and the satisfaction ratings. JSON in Zendesk's shapes; ids in Zendesk's style.
 */
final class ZendeskRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final long ORG_BASE = 360_000_000_000L;
    private static final long USER_BASE = 370_000_000_000L;
    private static final long AGENT_ID = 380_000_000_001L;
    private static final long GROUP_ID = 390_000_000_001L;
    /** What the one malformed ticket carries as created_at. */
    static final String MALFORMED_CREATED_AT = "2026-02-30 25:61 (imported)";

    /** An organization and when it last changed. */
    record Org(long id, AccountHistory history, Instant createdAt, Instant updatedAt) {
    }

    private final List<Org> orgs = new ArrayList<>();
    private final Map<String, Org> orgByAccount = new HashMap<>();
    private final List<Ticket> ticketsByUpdate;
    private final List<Ticket> ratedById;

    ZendeskRecords(SyntheticCompany company) {
        int index = 0;
        for (AccountHistory history : company.accounts()) {
            // the organizations that existed when Zendesk was set up came in one bulk import, a few seconds apart
            Instant created = history.since().plusSeconds(3L * index);
            Instant updated = index % 7 == 3 ? created.plus(Duration.ofDays(30 + index % 200)) : created;
            if (!updated.isBefore(company.window().todayStart())) {
                updated = created;
            }
            Org org = new Org(ORG_BASE + 1_000 + 17L * index, history, created, updated);
            orgs.add(org);
            orgByAccount.put(history.key(), org);
            index++;
        }
        orgs.sort(Comparator.comparing(Org::updatedAt).thenComparingLong(Org::id));
        ticketsByUpdate = company.tickets().stream()
                .sorted(Comparator.comparing(Ticket::updatedAt).thenComparingLong(Ticket::id)).toList();
        ratedById = company.tickets().stream().filter(t -> t.rating() != null)
                .sorted(Comparator.comparingLong(t -> t.rating().id())).toList();
    }

    List<Org> orgsByUpdate() {
        return orgs;
    }

    List<Ticket> ticketsByUpdate() {
        return ticketsByUpdate;
    }

    /** Rated tickets in rating id order. */
    List<Ticket> ratedById() {
        return ratedById;
    }

    Org orgOf(Ticket ticket) {
        return orgByAccount.get(ticket.accountKey());
    }

    long requesterId(Ticket ticket) {
        return userId(orgOf(ticket), ticket.requester());
    }

    ObjectNode organization(Org org, String base) {
        ObjectNode node = JSON.objectNode();
        node.put("url", base + "/api/v2/organizations/" + org.id() + ".json");
        node.put("id", org.id());
        node.put("name", org.history().account().name());
        node.put("shared_tickets", false);
        node.put("shared_comments", false);
        if (org.history().zendeskExternalId()) {
            node.put("external_id", org.history().account().crmId());
        } else {
            node.putNull("external_id");
        }
        node.put("created_at", org.createdAt().toString());
        node.put("updated_at", org.updatedAt().toString());
        node.putArray("domain_names").add(org.history().account().domain());
        node.putNull("details");
        node.putNull("notes");
        node.putNull("group_id");
        node.putArray("tags").add(org.history().account().segment().toLowerCase().replace('-', '_'));
        node.putObject("organization_fields");
        node.putNull("deleted_at");
        return node;
    }

    ObjectNode ticket(Ticket ticket, String base) {
        Org org = orgOf(ticket);
        ObjectNode node = JSON.objectNode();
        node.put("url", base + "/api/v2/tickets/" + ticket.id() + ".json");
        node.put("id", ticket.id());
        node.putNull("external_id");
        ObjectNode via = node.putObject("via");
        via.put("channel", ticket.id() % 3 == 0 ? "web" : "email");
        ObjectNode source = via.putObject("source");
        source.putObject("from");
        source.putObject("to");
        source.putNull("rel");
        node.put("created_at", ticket.malformed() ? MALFORMED_CREATED_AT : ticket.createdAt().toString());
        node.put("updated_at", ticket.updatedAt().toString());
        node.put("generated_timestamp", ticket.updatedAt().getEpochSecond());
        node.put("type", ticket.type());
        node.put("subject", ticket.subject());
        node.put("raw_subject", ticket.subject());
        node.put("description", ticket.description());
        node.put("priority", ticket.priority());
        node.put("status", ticket.status());
        node.putNull("recipient");
        long requester = userId(org, ticket.requester());
        node.put("requester_id", requester);
        node.put("submitter_id", requester);
        if (ticket.status().equals("new")) {
            node.putNull("assignee_id");
        } else {
            node.put("assignee_id", AGENT_ID + ticket.id() % 12);
        }
        node.put("organization_id", org.id());
        node.put("group_id", GROUP_ID);
        node.putArray("collaborator_ids");
        node.putArray("follower_ids");
        node.putArray("email_cc_ids");
        node.putNull("forum_topic_id");
        node.putNull("problem_id");
        node.put("has_incidents", false);
        node.put("is_public", true);
        node.putNull("due_at");
        node.putArray("tags");
        node.putArray("custom_fields");
        node.set("satisfaction_rating", ticketRating(ticket));
        node.putArray("sharing_agreement_ids");
        node.putArray("fields");
        node.putArray("followup_ids");
        node.put("ticket_form_id", 400_000_000_001L);
        node.put("brand_id", 410_000_000_001L);
        node.put("allow_channelback", false);
        node.put("allow_attachments", true);
        node.put("from_messaging_channel", false);
        return node;
    }

    private static ObjectNode ticketRating(Ticket ticket) {
        ObjectNode rating = JSON.objectNode();
        if (ticket.rating() != null) {
            rating.put("score", ticket.rating().score());
            rating.put("id", ticket.rating().id());
            rating.put("comment", ticket.rating().comment());
        } else {
            rating.put("score", ticket.solvedAt() != null ? "offered" : "unoffered");
        }
        return rating;
    }

    ObjectNode user(Org org, int requester, String base) {
        long id = userId(org, requester);
        String name = org.history().requesters().get(requester);
        ObjectNode node = JSON.objectNode();
        node.put("id", id);
        node.put("url", base + "/api/v2/users/" + id + ".json");
        node.put("name", displayName(name));
        node.put("email", name + "@" + org.history().account().domain());
        node.put("created_at", org.createdAt().toString());
        node.put("updated_at", org.createdAt().toString());
        node.put("time_zone", "Eastern Time (US & Canada)");
        node.put("iana_time_zone", "America/New_York");
        node.putNull("phone");
        node.put("locale", "en-US");
        node.put("organization_id", org.id());
        node.put("role", "end-user");
        node.put("verified", true);
        node.putNull("external_id");
        node.putArray("tags");
        node.put("active", true);
        node.put("suspended", false);
        return node;
    }

    ObjectNode metricSet(Ticket ticket, String base) {
        ObjectNode node = JSON.objectNode();
        long id = 420_000_000_000L + ticket.id();
        node.put("url", base + "/api/v2/ticket_metrics/" + id + ".json");
        node.put("id", id);
        node.put("ticket_id", ticket.id());
        node.put("created_at", ticket.createdAt().toString());
        node.put("updated_at", ticket.updatedAt().toString());
        node.put("group_stations", 1);
        node.put("assignee_stations", ticket.status().equals("new") ? 0 : 1);
        node.put("reopens", 0);
        boolean replied = !ticket.status().equals("new");
        node.put("replies", replied ? 1 + (int) (ticket.id() % 3) : 0);
        Instant firstReply = ticket.createdAt().plus(Duration.ofMinutes(ticket.firstReplyMinutes()));
        node.put("assignee_updated_at", replied ? firstReply.toString() : null);
        node.put("requester_updated_at", ticket.createdAt().toString());
        node.put("status_updated_at", ticket.updatedAt().toString());
        node.put("initially_assigned_at", replied ? ticket.createdAt().plusSeconds(120).toString() : null);
        node.put("assigned_at", replied ? ticket.createdAt().plusSeconds(120).toString() : null);
        node.put("solved_at", ticket.solvedAt() == null ? null : ticket.solvedAt().toString());
        node.put("latest_comment_added_at", (replied ? firstReply : ticket.createdAt()).toString());
        minutes(node, "reply_time_in_minutes", replied ? ticket.firstReplyMinutes() : null);
        minutes(node, "first_resolution_time_in_minutes", ticket.resolutionMinutes());
        minutes(node, "full_resolution_time_in_minutes", ticket.resolutionMinutes());
        minutes(node, "agent_wait_time_in_minutes", ticket.resolutionMinutes() == null ? null : 0);
        minutes(node, "requester_wait_time_in_minutes", ticket.resolutionMinutes());
        minutes(node, "on_hold_time_in_minutes", 0);
        ObjectNode seconds = node.putObject("reply_time_in_seconds");
        if (replied) {
            seconds.put("calendar", ticket.firstReplyMinutes() * 60L);
        } else {
            seconds.putNull("calendar");
        }
        return node;
    }

    ObjectNode satisfactionRating(Ticket ticket, String base) {
        Ticket.Rating rating = ticket.rating();
        ObjectNode node = JSON.objectNode();
        node.put("url", base + "/api/v2/satisfaction_ratings/" + rating.id() + ".json");
        node.put("id", rating.id());
        node.put("assignee_id", AGENT_ID + ticket.id() % 12);
        node.put("group_id", GROUP_ID);
        node.put("requester_id", requesterId(ticket));
        node.put("ticket_id", ticket.id()); // as Zendesk documents it: no organization_id, the ticket names it
        node.put("score", rating.score());
        node.put("comment", rating.comment());
        node.putNull("reason");
        node.put("reason_code", 0);
        node.put("created_at", rating.createdAt().toString());
        node.put("updated_at", rating.createdAt().toString());
        return node;
    }

    ArrayNode array() {
        return JSON.arrayNode();
    }

    private static void minutes(ObjectNode node, String field, Integer calendar) {
        ObjectNode value = node.putObject(field);
        if (calendar == null) {
            value.putNull("calendar");
            value.putNull("business");
        } else {
            value.put("calendar", calendar);
            value.put("business", Math.round(calendar * 0.6));
        }
    }

    private static long userId(Org org, int requester) {
        return USER_BASE + (org.id() - ORG_BASE) * 10 + requester;
    }

    private static String displayName(String handle) {
        String[] parts = handle.replaceAll("\\d+$", "").split("\\.");
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(name.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0)))
                    .append(part.substring(1));
        }
        return name.toString();
    }
}
