package io.healthsync.connectors.zendesk;

import static io.healthsync.connectors.zendesk.ZendeskFixtures.AUTHORIZATION;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.NOW;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.body;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.ok;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.reply;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskTicketsTest {

    private static final String PAGE = "incremental_tickets_cursor.page_not_last.json";
    /** 2026-03-10T12:00:00Z less 30 days of history = 2026-02-08T12:00:00Z = epoch 1770552000. */
    private static final String FIRST_URL = "https://acme-support.zendesk.com/api/v2/incremental/tickets/cursor.json"
            + "?start_time=1770552000&per_page=500&include=users,metric_sets";

    private final ZendeskSource source = ZendeskFixtures.source();

    private static Activity activity(String sourceId, ActivityType type, String label, String sourceType, String at,
                                     String actor, Map<String, Double> measures) {
        return new Activity("zendesk", sourceId, null, type, label, sourceType, Instant.parse(at), actor, null, measures);
    }

    private SourcePage page() throws MalformedPageException {
        return source.map("tickets", request(FIRST_URL), reply(PAGE), NOW);
    }

    @Test
    void the_first_pull_ever_starts_history_days_before_now_with_users_and_metric_sets_sideloaded() {
        var first = source.firstRequest("tickets", null, NOW);

        assertThat(first.url()).isEqualTo(FIRST_URL);
        assertThat(first.headers()).containsEntry("Authorization", AUTHORIZATION);
    }

    @Test
    void the_exports_share_the_sources_rate_limit_and_ratings_have_the_general_allowance() {
        assertThat(source.ownRateLimit("tickets")).isEmpty();
        assertThat(source.ownRateLimit("organizations")).isEmpty();
        assertThat(source.ownRateLimit("satisfaction_ratings")).hasValueSatisfying(limit ->
                assertThat(limit).containsExactly(200, 60));
    }

    @Test
    void reading_the_ratings_off_the_tickets_no_ticket_is_stored_as_a_link() throws Exception {
        assertThat(page().activities()).isNotEmpty();
        assertThat(page().links()).as("nothing refers to a ticket by its id").isEmpty();
    }

    @Test
    void reading_the_ratings_endpoint_each_ticket_is_also_a_link_with_its_keys_so_that_its_ratings_find_the_account()
            throws Exception {
        SourcePage page = ZendeskFixtures.ratingsEndpointSource().map("tickets", request(FIRST_URL), reply(PAGE), NOW);

        var first = page.activities().get(0);
        String ticketId = first.record().sourceId().split("/")[1];
        assertThat(page.links()).anySatisfy(link -> {
            assertThat(link.entityId()).isEqualTo("ticket/" + ticketId);
            assertThat(link.keys()).isEqualTo(first.keys());
        });
        assertThat(page.cursor()).isEqualTo("{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8\",\"tickets_linked\":true}");
    }

    @Test
    void switched_to_the_ratings_endpoint_a_cursor_of_unlinked_tickets_reads_the_history_window_again() {
        ZendeskSource endpoint = ZendeskFixtures.ratingsEndpointSource();
        String resumeUrl = "https://acme-support.zendesk.com/api/v2/incremental/tickets/cursor.json"
                + "?cursor=MTc3Mjc5NDgwMC4wfHwxMDV8&per_page=500&include=users,metric_sets";

        assertThat(endpoint.firstRequest("tickets", "{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8\"}", NOW).url())
                .as("the tickets read before were not stored as links").isEqualTo(FIRST_URL);
        assertThat(endpoint.firstRequest("tickets",
                "{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8\",\"tickets_linked\":true}", NOW).url())
                .isEqualTo(resumeUrl);
        assertThat(source.firstRequest("tickets",
                "{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8\",\"tickets_linked\":true}", NOW).url())
                .as("switched back, the links do no harm").isEqualTo(resumeUrl);
    }

    @Test
    void the_page_size_is_capped_at_the_exports_1000() {
        ZendeskSource large = new ZendeskSource(ZendeskFixtures.config(5000, 1), IdentityConfig.defaults(),
                List.of(), ZendeskFixtures.credentials());

        assertThat(large.firstRequest("tickets", null, NOW).url()).isEqualTo(
                "https://acme-support.zendesk.com/api/v2/incremental/tickets/cursor.json"
                        + "?start_time=1773057600&per_page=1000&include=users,metric_sets"); // 2026-03-09T12:00:00Z
    }

    @Test
    void a_later_pull_resumes_at_the_stored_after_cursor() {
        var first = source.firstRequest("tickets", "{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8+/=\"}", NOW);

        assertThat(first.url()).isEqualTo("https://acme-support.zendesk.com/api/v2/incremental/tickets/cursor.json"
                + "?cursor=MTc3Mjc5NDgwMC4wfHwxMDV8%2B%2F%3D&per_page=500&include=users,metric_sets");
    }

    @Test
    void each_ticket_gives_its_support_activities_with_hand_computed_measures() throws Exception {
        List<Keyed<Activity>> keyed = page().activities();

        assertThat(keyed).extracting(Keyed::record).containsExactly(
                activity("ticket/101/opened", ActivityType.TICKET_OPENED, "ticket opened", "high",
                        "2026-03-02T09:00:00Z", "7001", Map.of()),
                // 90 calendar minutes to the first reply = 1.5 h; 3240 minutes to resolution = 54 h
                // (2026-03-02T09:00 to 2026-03-04T15:00)
                activity("ticket/101/solved", ActivityType.TICKET_SOLVED, "ticket solved", "solved",
                        "2026-03-04T15:00:00Z", "7001", Map.of("first_reply_hours", 1.5, "resolution_hours", 54.0)),
                activity("ticket/101/escalated", ActivityType.TICKET_ESCALATED, "ticket escalated", "high",
                        "2026-03-02T09:00:00Z", "7001", Map.of()),
                activity("ticket/102/opened", ActivityType.TICKET_OPENED, "ticket opened", "normal",
                        "2026-03-03T14:00:00Z", null, Map.of()),
                activity("ticket/102/reopened", ActivityType.TICKET_REOPENED, "ticket reopened", "open",
                        "2026-03-06T10:00:00Z", null, Map.of("reopens", 2.0)),
                activity("ticket/102/cancellation_intent", ActivityType.CANCELLATION_INTENT, "cancellation intent",
                        "cancel our subscription", "2026-03-03T14:00:00Z", null, Map.of()),
                activity("ticket/103/opened", ActivityType.TICKET_OPENED, "ticket opened", "low",
                        "2026-02-20T08:00:00Z", "7002", Map.of()),
                // closed, no metric set on the page: solved when last updated, no measures to give
                activity("ticket/103/solved", ActivityType.TICKET_SOLVED, "ticket solved", "closed",
                        "2026-02-27T08:00:00Z", "7002", Map.of()));
        assertThat(keyed).extracting(Keyed::recordId).startsWith("ticket/101/opened", "ticket/101/solved");
    }

    @Test
    void a_received_rating_is_read_off_its_ticket_under_the_ratings_id_dated_by_the_solve_it_answers() throws Exception {
        ObjectNode body = (ObjectNode) body(PAGE);
        ObjectNode solved = (ObjectNode) body.get("tickets").get(0); // 101, solved 2026-03-04T15:00:00Z by its metric set
        solved.putObject("satisfaction_rating").put("score", "bad").put("id", 9001).put("comment", "Too slow");
        ObjectNode closed = (ObjectNode) body.get("tickets").get(2); // 103, closed, no metric set: dated by updated_at
        closed.putObject("satisfaction_rating").put("score", "good"); // no id: the ticket's own
        ObjectNode open = (ObjectNode) body.get("tickets").get(1);
        open.putObject("satisfaction_rating").put("score", "offered").put("id", 9003); // offered: says nothing

        List<Keyed<Activity>> csat = source.map("tickets", request(FIRST_URL), ok(body.toString()), NOW).activities()
                .stream().filter(k -> k.record().type().key().startsWith("csat")).toList();

        assertThat(csat).extracting(Keyed::record).containsExactly(
                activity("csat/9001", ActivityType.CSAT_BAD, "csat bad", "bad", "2026-03-04T15:00:00Z", "7001", Map.of()),
                activity("ticket/103/csat", ActivityType.CSAT_GOOD, "csat good", "good", "2026-02-27T08:00:00Z", "7002",
                        Map.of()));
        assertThat(csat.get(0).keys()).as("the ticket's keys").isEqualTo(page().activities().get(0).keys());

        // reading the ratings endpoint instead, the tickets give none and the ratings are a stream of their own
        ZendeskSource endpoint = ZendeskFixtures.ratingsEndpointSource();
        assertThat(endpoint.streams()).containsExactly("organizations", "tickets", "satisfaction_ratings");
        assertThat(endpoint.map("tickets", request(FIRST_URL), ok(body.toString()), NOW).activities())
                .noneMatch(k -> k.record().type().key().startsWith("csat"));
        assertThat(source.streams()).containsExactly("organizations", "tickets");
    }

    @Test
    void a_deleted_ticket_gives_nothing_new() throws Exception {
        assertThat(page().activities()).extracting(k -> k.record().sourceId()).noneMatch(id -> id.startsWith("ticket/104/"));
        assertThat(page().quarantined()).extracting(QuarantinedRecord::recordId).doesNotContain("104");
    }

    @Test
    void keys_are_the_organization_then_the_requesters_email_domain_from_the_sideloaded_users() throws Exception {
        List<Keyed<Activity>> keyed = page().activities();

        assertThat(keyed.get(0).keys()).containsExactly(AccountKey.link("360001"), AccountKey.domain("acme.com"));
        assertThat(keyed.get(3).keys()).as("no organization").containsExactly(AccountKey.domain("globex.example"));
    }

    @Test
    void keys_follow_identity_yaml_order() throws Exception {
        IdentityConfig domainFirst = new IdentityConfig(IdentityConfig.ZENDESK_ORGANIZATION_KEYS,
                List.of("requester_domain", "organization"), IdentityConfig.STRIPE_CUSTOMER_KEYS,
                "salesforce_account_id", "account_id", "crm_id");

        SourcePage page = ZendeskFixtures.source(domainFirst).map("tickets", request(FIRST_URL), reply(PAGE), NOW);

        assertThat(page.activities().get(0).keys()).containsExactly(AccountKey.domain("acme.com"), AccountKey.link("360001"));
    }

    @Test
    void the_cursor_is_the_after_cursor_and_the_next_request_follows_after_url_with_the_sideloads() throws Exception {
        SourcePage page = page();

        assertThat(page.cursor()).isEqualTo("{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8\"}");
        assertThat(page.next().url()).isEqualTo("https://acme-support.zendesk.com/api/v2/incremental/tickets/cursor.json"
                + "?cursor=MTc3Mjc5NDgwMC4wfHwxMDV8&per_page=500&include=users,metric_sets");
        assertThat(page.next().headers()).containsEntry("Authorization", AUTHORIZATION);
        assertThat(page.records()).isEqualTo(6);
    }

    @Test
    void at_the_end_of_the_stream_there_is_no_next_request_and_the_cursor_resumes_there_next_pull() throws Exception {
        ObjectNode body = (ObjectNode) body(PAGE);
        body.put("end_of_stream", true);

        SourcePage page = source.map("tickets", request(FIRST_URL), ok(body), NOW);

        assertThat(page.next()).isNull();
        assertThat(page.cursor()).isEqualTo("{\"after_cursor\":\"MTc3Mjc5NDgwMC4wfHwxMDV8\"}");
        assertThat(source.firstRequest("tickets", page.cursor(), NOW).url()).isEqualTo(page().next().url());
    }

    @Test
    void a_last_page_without_after_cursor_keeps_the_stored_cursor() throws Exception {
        SourcePage page = source.map("tickets", request(FIRST_URL), ok("""
                {"tickets":[],"after_url":null,"after_cursor":null,"before_url":null,"before_cursor":null,
                 "end_of_stream":true}"""), NOW);

        assertThat(page.cursor()).as("null keeps the previous cursor").isNull();
        assertThat(page.next()).isNull();
        assertThat(page.records()).isZero();
    }

    @Test
    void an_after_url_on_another_host_is_not_followed_the_request_is_built_from_after_cursor() throws Exception {
        ObjectNode body = (ObjectNode) body(PAGE);
        body.put("after_url", "http://attacker.example/api/v2/incremental/tickets/cursor.json?cursor=x");

        SourcePage page = source.map("tickets", request(FIRST_URL), ok(body), NOW);

        assertThat(page.next().url()).isEqualTo("https://acme-support.zendesk.com/api/v2/incremental/tickets/cursor.json"
                + "?cursor=MTc3Mjc5NDgwMC4wfHwxMDV8&per_page=500&include=users,metric_sets");
    }

    @Test
    void an_unreadable_ticket_is_quarantined_with_what_and_where_and_the_rest_of_the_page_maps() throws Exception {
        SourcePage page = page();

        assertThat(page.quarantined()).containsExactly(
                new QuarantinedRecord("zendesk", "tickets", "105", Instant.parse("2026-03-06T11:00:00Z"),
                        "ticket 105 (tickets[4]).created_at 'last tuesday' is not an ISO-8601 time",
                        body(PAGE).get("tickets").get(4).toString()),
                new QuarantinedRecord("zendesk", "tickets", null, Instant.parse("2026-03-06T12:00:00Z"),
                        "tickets[5].id is missing or not an integer", body(PAGE).get("tickets").get(5).toString()));
        assertThat(page.activities()).hasSize(8);
    }

    @Test
    void a_body_that_is_not_json_is_a_malformed_page() {
        assertThatThrownBy(() -> source.map("tickets", request(FIRST_URL), ok("<html>Service Unavailable</html>"), NOW))
                .isInstanceOf(MalformedPageException.class)
                .hasMessage("zendesk tickets: the reply from https://acme-support.zendesk.com/api/v2/incremental/"
                        + "tickets/cursor.json is not JSON (at line 1, column 1); expected an object with a 'tickets' list");
    }

    @Test
    void a_body_without_tickets_is_a_malformed_page() {
        assertThatThrownBy(() -> source.map("tickets", request(FIRST_URL), ok("{\"error\":\"InvalidPagination\"}"), NOW))
                .isInstanceOf(MalformedPageException.class)
                .hasMessage("zendesk tickets: the reply from https://acme-support.zendesk.com/api/v2/incremental/"
                        + "tickets/cursor.json lacks the 'tickets' list; got an object with keys [error]");
    }

    @Test
    void more_pages_without_a_way_to_them_is_a_malformed_page() {
        assertThatThrownBy(() -> source.map("tickets", request(FIRST_URL),
                ok("{\"tickets\":[],\"after_url\":null,\"after_cursor\":null,\"end_of_stream\":false}"), NOW))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("says more pages follow (end_of_stream false) but gives neither after_url nor after_cursor");
    }

    @Test
    void a_stored_cursor_that_is_not_this_sources_json_is_refused_with_what_to_do() {
        assertThatThrownBy(() -> source.firstRequest("tickets", "{\"start_time\":5}", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zendesk tickets: the stored cursor {\"start_time\":5} is not {\"after_cursor\": ...}; "
                        + "delete it to pull the stream again from its start");
    }
}
