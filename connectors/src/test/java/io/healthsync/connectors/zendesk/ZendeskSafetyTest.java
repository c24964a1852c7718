package io.healthsync.connectors.zendesk;

import static io.healthsync.connectors.zendesk.ZendeskFixtures.EMAIL;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.NOW;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.TOKEN;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.ok;
import static io.healthsync.connectors.zendesk.ZendeskFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.mappings.IdentityConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits honoured from Zendesk's own headers; credentials never in a message. */
class ZendeskSafetyTest {

    private final ZendeskSource source = ZendeskFixtures.source();

    private static SourceReply reply429(Map<String, String> headers) {
        return new SourceReply(429, headers, "Number of allowed API requests per minute exceeded".getBytes());
    }

    @Test
    void retry_after_decides_first() {
        assertThat(source.retryAfterMillis(reply("rate_limited.429.json"))).isEqualTo(7_000);
    }

    @Test
    void without_retry_after_the_exhausted_zendesk_limit_says_when_it_resets() {
        assertThat(source.retryAfterMillis(reply429(Map.of(
                "zendesk-ratelimit-incremental-exports", "total=10; remaining=0; resets=42",
                "zendesk-ratelimit-tickets-index", "total=100; remaining=80; resets=5",
                "ratelimit-reset", "13")))).isEqualTo(42_000);
    }

    @Test
    void then_the_account_wide_reset_in_seconds_then_as_an_epoch_second() {
        assertThat(source.retryAfterMillis(reply429(Map.of(
                "zendesk-ratelimit-incremental-exports", "total=10; remaining=3; resets=42",
                "ratelimit-reset", "13")))).isEqualTo(13_000);
        // NOW is epoch 1773144000; the limit resets 25 s later
        assertThat(source.retryAfterMillis(reply429(Map.of("X-RateLimit-Reset", "1773144025")))).isEqualTo(25_000);
    }

    @Test
    void a_reply_that_says_nothing_gives_minus_one_and_reset_headers_do_not_explain_a_503() {
        assertThat(source.retryAfterMillis(reply429(Map.of()))).isEqualTo(-1);
        assertThat(source.retryAfterMillis(new SourceReply(503, Map.of("ratelimit-reset", "13"), new byte[0])))
                .isEqualTo(-1);
    }

    @Test
    void the_source_never_shows_its_credentials() {
        assertThat(source.toString()).isEqualTo("ZendeskSource[https://acme-support.zendesk.com]")
                .doesNotContain(TOKEN).doesNotContain(EMAIL);
    }

    @Test
    void a_malformed_page_message_names_the_endpoint_not_the_credentials_or_the_query() {
        var request = source.firstRequest("tickets", "{\"after_cursor\":\"c2VjcmV0\"}", NOW);

        assertThatThrownBy(() -> source.map("tickets", request, ok("not json"), NOW))
                .isInstanceOf(MalformedPageException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(EMAIL)
                        .doesNotContain("Basic").doesNotContain("c2VjcmV0"));
    }

    @Test
    void missing_credentials_are_named_with_where_they_come_from_never_with_a_value() {
        assertThatThrownBy(() -> new ZendeskSource(ZendeskFixtures.config(100, 30), IdentityConfig.defaults(),
                List.of(), Map.of("email", EMAIL, "api_token", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zendesk: missing credentials: api_token (environment variable ZENDESK_API_TOKEN); expected "
                        + "the agent's email and an API token (Admin Center > Apps and integrations > Zendesk API)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(EMAIL));

        assertThatThrownBy(() -> new ZendeskSource(ZendeskFixtures.config(100, 30), IdentityConfig.defaults(),
                List.of(), Map.of()))
                .hasMessageStartingWith("zendesk: missing credentials: email (environment variable ZENDESK_EMAIL), "
                        + "api_token (environment variable ZENDESK_API_TOKEN);");
    }

    @Test
    void the_authorization_is_basic_with_email_slash_token_and_the_api_token() {
        assertThat(ZendeskCredentials.of(ZendeskFixtures.credentials(), Map.of()).authorizationHeader())
                .isEqualTo(ZendeskFixtures.AUTHORIZATION);
        assertThat(ZendeskCredentials.of(ZendeskFixtures.credentials(), Map.of()).toString()).doesNotContain(TOKEN);
    }
}
