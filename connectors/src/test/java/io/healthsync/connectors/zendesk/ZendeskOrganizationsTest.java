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
import io.healthsync.connectors.source.AccountLink;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.model.AccountKey;
import io.healthsync.model.QuarantinedRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZendeskOrganizationsTest {

    private static final String FIRST_URL =
            "https://acme-support.zendesk.com/api/v2/incremental/organizations.json?start_time=0&per_page=500";

    private final ZendeskSource source = ZendeskFixtures.source();

    @Test
    void streams_are_pulled_organizations_first_so_tickets_find_them() {
        assertThat(source.name()).isEqualTo("zendesk");
        assertThat(source.streams()).containsExactly("organizations", "tickets");
    }

    @Test
    void the_first_pull_ever_reads_every_organization_whatever_the_history_window() {
        SourceRequest first = source.firstRequest("organizations", null, NOW);

        assertThat(first.url()).isEqualTo(FIRST_URL);
        assertThat(first.headers()).containsEntry("Authorization", AUTHORIZATION)
                .containsEntry("Accept", "application/json");
    }

    @Test
    void a_later_pull_starts_at_the_stored_end_time() {
        assertThat(source.firstRequest("organizations", "{\"start_time\":1767225600}", NOW).url()).isEqualTo(
                "https://acme-support.zendesk.com/api/v2/incremental/organizations.json?start_time=1767225600&per_page=500");
    }

    @Test
    void organizations_become_links_with_their_keys_in_the_configured_order() throws Exception {
        SourcePage page = source.map("organizations", request(FIRST_URL), reply("incremental_organizations.last_page.json"), NOW);

        assertThat(page.links()).containsExactly(
                new AccountLink("360001", "Acme Corp", List.of(AccountKey.crmId("001A000001"),
                        AccountKey.domain("acme.com"), AccountKey.domain("acme.io"))),
                new AccountLink("360002", "Globex", List.of(AccountKey.domain("globex.example"))));
        assertThat(page.links().get(0).keys()).extracting(AccountKey::value)
                .containsExactly("001A000001", "acme.com", "acme.io");
        assertThat(page.records()).isEqualTo(3);
        assertThat(page.cursor()).isEqualTo("{\"start_time\":1767225600}");
        assertThat(page.next()).as("end_of_stream: nothing more for now").isNull();
    }

    @Test
    void domains_first_when_identity_yaml_lists_them_first() throws Exception {
        IdentityConfig domainFirst = new IdentityConfig(List.of("domain", "external_id"), List.of("organization"),
                IdentityConfig.STRIPE_CUSTOMER_KEYS, "salesforce_account_id", "account_id", "crm_id");

        SourcePage page = ZendeskFixtures.source(domainFirst)
                .map("organizations", request(FIRST_URL), reply("incremental_organizations.last_page.json"), NOW);

        assertThat(page.links().get(0).keys()).containsExactly(AccountKey.domain("acme.com"),
                AccountKey.domain("acme.io"), AccountKey.crmId("001A000001"));
    }

    @Test
    void an_organization_without_a_readable_id_is_quarantined_and_the_others_map() throws Exception {
        SourcePage page = source.map("organizations", request(FIRST_URL), reply("incremental_organizations.last_page.json"), NOW);

        assertThat(page.quarantined()).hasSize(1);
        QuarantinedRecord bad = page.quarantined().get(0);
        assertThat(bad.source()).isEqualTo("zendesk");
        assertThat(bad.objectName()).isEqualTo("organizations");
        assertThat(bad.recordId()).isNull();
        assertThat(bad.modstamp()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
        assertThat(bad.reason()).isEqualTo("organizations[2].id is missing or not an integer");
        assertThat(bad.payload()).contains("\"name\":\"Broken export row\"");
        assertThat(page.links()).hasSize(2);
    }

    @Test
    void a_page_that_is_not_the_last_follows_next_page() throws Exception {
        ObjectNode body = (ObjectNode) body("incremental_organizations.last_page.json");
        body.put("end_of_stream", false);

        SourcePage page = source.map("organizations", request(FIRST_URL), ok(body), NOW);

        assertThat(page.next().url()).isEqualTo(
                "https://acme-support.zendesk.com/api/v2/incremental/organizations.json?per_page=1000&start_time=1767225600");
        assertThat(page.next().headers()).containsEntry("Authorization", AUTHORIZATION);
        assertThat(page.cursor()).isEqualTo("{\"start_time\":1767225600}");
    }

    @Test
    void a_next_page_on_another_host_is_not_followed_the_request_is_built_from_end_time() throws Exception {
        ObjectNode body = (ObjectNode) body("incremental_organizations.last_page.json");
        body.put("end_of_stream", false);
        body.put("next_page", "https://elsewhere.example/api/v2/incremental/organizations.json?start_time=1767225600");

        SourcePage page = source.map("organizations", request(FIRST_URL), ok(body), NOW);

        assertThat(page.next().url()).isEqualTo(
                "https://acme-support.zendesk.com/api/v2/incremental/organizations.json?start_time=1767225600&per_page=500");
    }

    @Test
    void more_pages_without_a_way_to_them_is_a_malformed_page() {
        ObjectNode body = (ObjectNode) body("incremental_organizations.last_page.json");
        body.put("end_of_stream", false);
        body.remove("next_page");
        body.remove("end_time");

        assertThatThrownBy(() -> source.map("organizations", request(FIRST_URL), ok(body), NOW))
                .isInstanceOf(MalformedPageException.class)
                .hasMessage("zendesk organizations: the reply from "
                        + "https://acme-support.zendesk.com/api/v2/incremental/organizations.json says more pages "
                        + "follow (end_of_stream false) but gives neither next_page nor end_time");
    }
}
