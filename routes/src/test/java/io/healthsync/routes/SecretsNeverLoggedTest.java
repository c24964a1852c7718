package io.healthsync.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.store.JdbcStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The OAuth client secret and the access token appear in no log line, report or error, on success or failure. */
class SecretsNeverLoggedTest {

    private static final String SECRET = "client-secret-" + UUID.randomUUID();
    private static final String TOKEN = "00Dxx0000001gPL!AQ4AQ" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void should_never_print_the_client_secret_or_the_access_token() throws Exception {
        WireMockServer salesforce = new WireMockServer(options().dynamicPort());
        salesforce.start();
        String base = "http://localhost:" + salesforce.port();
        String v = "/services/data/v60.0";
        salesforce.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"" + TOKEN + "\","
                + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2ln\"}")));
        salesforce.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        salesforce.stubFor(get(urlPathMatching(v + "/sobjects/Account/describe/?")).willReturn(okJson(
                "{\"name\":\"Account\",\"fields\":[{\"name\":\"Id\"},{\"name\":\"SystemModstamp\"},{\"name\":\"Name\"}]}")));
        // a failing data call whose error Salesforce words with the session: it must still not leak the token
        salesforce.stubFor(get(urlPathEqualTo(v + "/query/")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));

        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        String reportJson;
        try (JdbcStore store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null)) {
            HealthsyncConfig defaults = ConfigLoader.load(null);
            SourcesConfig.Salesforce sf = defaults.sources().salesforce();
            HealthsyncConfig config = new HealthsyncConfig(null, defaults.taxonomy(), defaults.fields(), defaults.scorecard(),
                    new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), base, "60.0",
                            new SourcesConfig.Auth("client_credentials", new SecretRef("ID", null), new SecretRef("SECRET", null),
                                    null, null, null), List.of("Account"), 2000, 0, 730)));
            try (HealthsyncApp app = HealthsyncApp.start(config, store, Map.of("ID", "client", "SECRET", SECRET),
                    Clock.systemUTC(), new HealthsyncApp.RetryPolicy(1, 10))) {
                RunReport report = app.sync(true, false);
                reportJson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report);
                assertThat(report.pullFailures).containsKey("Account");
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
            salesforce.stop();
        }
        String everything = captured.toString(StandardCharsets.UTF_8) + reportJson;
        assertThat(everything).contains("HTTP 401"); // the failure itself is reported
        assertThat(everything).doesNotContain(SECRET).doesNotContain(TOKEN);
    }
}
