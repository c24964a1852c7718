package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sources.yaml's HTTP sources and identity.yaml: defaults, overrides, and errors that say where and what. */
class SourcesAndIdentityConfigTest {

    @TempDir
    Path dir;

    private List<String> errors() {
        return ConfigLoader.validate(dir).stream().map(ConfigError::toString).toList();
    }

    private String sourcesWith(String replaced, String by) {
        String text = ConfigLoader.defaultText("sources.yaml");
        assertThat(text).contains(replaced);
        return text.replace(replaced, by);
    }

    @Test
    void the_shipped_sources_are_off_with_each_apis_documented_limits_and_one_feature_list() {
        SourcesConfig sources = ConfigLoader.load(null).sources();

        assertThat(sources.http().keySet()).containsExactly("zendesk", "stripe", "amplitude", "mixpanel");
        assertThat(sources.enabledHttpSources()).isEmpty();
        SourcesConfig.HttpSourceConfig zendesk = sources.http("zendesk").orElseThrow();
        assertThat(zendesk.resilience().rateLimitRequests()).isEqualTo(10);
        assertThat(zendesk.resilience().rateLimitSeconds()).isEqualTo(60);
        assertThat(zendesk.resilience().retries()).isEqualTo(5); // left out: the default
        assertThat(zendesk.auth().get("api_token").env()).isEqualTo("ZENDESK_API_TOKEN");
        assertThat(zendesk.pageSize()).isEqualTo(1000);
        assertThat(zendesk.options()).containsEntry("satisfaction_ratings", "tickets");
        // mixpanel shares amplitude's feature list through a YAML alias
        assertThat(sources.http("mixpanel").orElseThrow().features())
                .isEqualTo(sources.http("amplitude").orElseThrow().features())
                .containsKeys("dashboards", "reports", "integrations", "automation", "collaboration");
        assertThat(sources.http("mixpanel").orElseThrow().options()).containsEntry("project_id", "0000000");
    }

    @Test
    void both_analytics_sources_on_is_an_error_on_the_second() throws IOException {
        String text = sourcesWith("amplitude:\n  enabled: false", "amplitude:\n  enabled: true");
        text = text.replace("mixpanel:\n  enabled: false", "mixpanel:\n  enabled: true");
        Files.writeString(dir.resolve("sources.yaml"), text);

        assertThat(errors()).singleElement().asString()
                .contains("mixpanel.enabled").contains("amplitude and mixpanel are both enabled");
    }

    @Test
    void where_zendesk_ratings_are_read_is_tickets_or_endpoint_and_a_zendesk_setting_only() throws IOException {
        String text = sourcesWith("  satisfaction_ratings: tickets", "  satisfaction_ratings: endpoint");
        Files.writeString(dir.resolve("sources.yaml"), text);
        assertThat(errors()).isEmpty();
        assertThat(ConfigLoader.load(dir).sources().http("zendesk").orElseThrow().options())
                .containsEntry("satisfaction_ratings", "endpoint");

        text = sourcesWith("  satisfaction_ratings: tickets", "  satisfaction_ratings: api");
        text = text.replace("  history_days: 730\n", "  history_days: 730\n  satisfaction_ratings: tickets\n");
        Files.writeString(dir.resolve("sources.yaml"), text);
        assertThat(errors()).hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("zendesk.satisfaction_ratings")
                        .contains("expected one of: tickets, endpoint, got \"api\""))
                .anySatisfy(e -> assertThat(e).contains("stripe.satisfaction_ratings").contains("a zendesk setting"));
    }

    @Test
    void a_page_size_over_the_apis_maximum_and_an_unknown_resilience_key_are_named() throws IOException {
        String text = sourcesWith("  page_size: 100                      # objects per list page (1-100)",
                "  page_size: 500");
        text = text.replace("resilience: { rate_limit_requests: 25, rate_limit_seconds: 1 }",
                "resilience: { rate_limit_requests: 25, rate_limit_seconds: 1, retry: 3 }");
        Files.writeString(dir.resolve("sources.yaml"), text);

        assertThat(errors()).hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("stripe.page_size").contains("500"))
                .anySatisfy(e -> assertThat(e).contains("stripe.resilience.retry").contains("expected one of: retries"));
    }

    @Test
    void identity_defaults_and_an_override() throws IOException {
        assertThat(ConfigLoader.load(null).identity()).isEqualTo(IdentityConfig.defaults());
        Files.writeString(dir.resolve("identity.yaml"), """
                stripe:
                  customer: [email_domain]
                analytics:
                  account_property: company_domain
                  value: domain
                """);

        IdentityConfig identity = ConfigLoader.load(dir).identity();

        assertThat(identity.stripeCustomer()).containsExactly("email_domain");
        assertThat(identity.analyticsProperty()).isEqualTo("company_domain");
        assertThat(identity.analyticsValue()).isEqualTo("domain");
        assertThat(identity.zendeskOrganization()).containsExactly("external_id", "domain"); // left out: defaults
    }

    @Test
    void an_unknown_identity_key_names_the_line_and_the_keys_expected() throws IOException {
        Files.writeString(dir.resolve("identity.yaml"), """
                zendesk:
                  organization: [external_id, website]
                analytics:
                  value: email
                """);

        assertThat(errors()).containsExactly(
                "identity.yaml:2:31: zendesk.organization[1]: unknown key \"website\"; expected one of: external_id, domain",
                "identity.yaml:4:10: analytics.value: expected one of: crm_id, domain, got \"email\"");
    }
}
