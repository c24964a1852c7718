package io.healthsync.connectors.zendesk;

import static io.healthsync.connectors.zendesk.ZendeskFixtures.NOW;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.body;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.ok;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.reply;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskSatisfactionRatingsTest {

    private static final String PAGE = "satisfaction_ratings.page_not_last.json";
    /** now less 30 days = 2026-02-08T12:00:00Z = 1770552000. */
    private static final String FIRST_URL = "https://acme-support.zendesk.com/api/v2/satisfaction_ratings.json"
            + "?score=received&start_time=1770552000&page%5Bsize%5D=100";

    private final ZendeskSource source = ZendeskFixtures.source();

    @Test
    void the_first_pull_ever_reads_received_ratings_from_history_days_ago() {
        assertThat(source.firstRequest("satisfaction_ratings", null, NOW).url()).isEqualTo(FIRST_URL);
    }

    @Test
    void a_later_pull_reads_again_the_14_days_before_the_last_pull_for_late_answers() {
        // 1773144000 = 2026-03-10T12:00:00Z; less 14 days = 2026-02-24T12:00:00Z = 1771934400
        assertThat(source.firstRequest("satisfaction_ratings", "{\"start_time\":1773144000}", NOW).url()).isEqualTo(
                "https://acme-support.zendesk.com/api/v2/satisfaction_ratings.json"
                        + "?score=received&start_time=1771934400&page%5Bsize%5D=100");
    }

    @Test
    void good_and_bad_ratings_are_csat_activities_dated_when_answered_offered_ones_give_nothing() throws Exception {
        SourcePage page = source.map("satisfaction_ratings", request(FIRST_URL), reply(PAGE), NOW);

        assertThat(page.activities()).extracting(Keyed::record).containsExactly(
                new Activity("zendesk", "csat/8801", null, ActivityType.CSAT_GOOD, "csat good", "good",
                        Instant.parse("2026-03-05T08:12:00Z"), "7001", null, Map.of()),
                new Activity("zendesk", "csat/8802", null, ActivityType.CSAT_BAD, "csat bad", "bad",
                        Instant.parse("2026-03-01T10:00:00Z"), "7002", null, Map.of()));
        assertThat(page.activities()).extracting(Keyed::recordId).containsExactly("csat/8801", "csat/8802");
        assertThat(page.records()).isEqualTo(4);
    }

    @Test
    void a_rating_is_keyed_by_its_ticket_and_first_by_its_organization_when_it_carries_one() throws Exception {
        SourcePage page = source.map("satisfaction_ratings", request(FIRST_URL), reply(PAGE), NOW);

        assertThat(page.activities().get(0).keys()).as("Zendesk's documented rating has no organization_id")
                .extracting(AccountKey::value).singleElement().asString().startsWith("ticket/");
        assertThat(page.activities().get(1).keys()).first().isEqualTo(AccountKey.link("360002"));
        assertThat(page.activities().get(1).keys()).hasSize(2).last().extracting(AccountKey::value).asString()
                .startsWith("ticket/");
    }

    @Test
    void a_rating_without_a_readable_time_is_quarantined() throws Exception {
        SourcePage page = source.map("satisfaction_ratings", request(FIRST_URL), reply(PAGE), NOW);

        assertThat(page.quarantined()).extracting(QuarantinedRecord::objectName, QuarantinedRecord::recordId,
                        QuarantinedRecord::modstamp, QuarantinedRecord::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("satisfaction_ratings", "8804", null,
                        "satisfaction rating 8804 (satisfaction_ratings[3]).created_at 'not a time' is not an ISO-8601 time"));
    }

    @Test
    void in_the_middle_of_the_stream_the_cursor_stays_and_links_next_is_followed() throws Exception {
        SourcePage page = source.map("satisfaction_ratings", request(FIRST_URL), reply(PAGE), NOW);

        assertThat(page.cursor()).isNull();
        assertThat(page.next().url()).isEqualTo("https://acme-support.zendesk.com/api/v2/satisfaction_ratings.json"
                + "?page%5Bafter%5D=eyJvIjoiaWQiLCJ2IjoiYVFPNEFBQUFBQUFBIn0%3D&page%5Bsize%5D=100&score=received"
                + "&start_time=1770552000");
    }

    @Test
    void without_links_next_the_next_page_is_built_from_meta_after_cursor_and_the_same_start() throws Exception {
        ObjectNode body = (ObjectNode) body(PAGE);
        body.remove("links");

        SourcePage page = source.map("satisfaction_ratings", request(FIRST_URL), ok(body), NOW);

        assertThat(page.next().url()).isEqualTo(FIRST_URL
                + "&page%5Bafter%5D=eyJvIjoiaWQiLCJ2IjoiYVFPNEFBQUFBQUFBIn0%3D");
    }

    @Test
    void at_the_end_of_the_stream_the_cursor_is_the_pulls_time() throws Exception {
        ObjectNode body = (ObjectNode) body(PAGE);
        ((ObjectNode) body.get("meta")).put("has_more", false);

        SourcePage page = source.map("satisfaction_ratings", request(FIRST_URL), ok(body), NOW);

        assertThat(page.next()).isNull();
        assertThat(page.cursor()).isEqualTo("{\"start_time\":1773144000}");
    }
}
