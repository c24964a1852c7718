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

    @Test
    void the_support_billing_and_analytics_credentials_never_appear_either() throws Exception {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        java.util.Set<String> secrets = new java.util.HashSet<>();
        String reportJson;
        System.setErr(capture);
        System.setOut(capture);
        try (var salesforce = io.healthsync.sandbox.SalesforceSandbox.start(io.healthsync.sandbox.SandboxOptions.defaults()
                     .withAccounts(20).withSeed(3));
             // every 3rd call of a stream answers 429: retries are logged
             var others = io.healthsync.sandbox.SourceSandboxes.start(salesforce,
                     io.healthsync.sandbox.SourceSandboxOptions.defaults().withRateLimitEvery(3));
             JdbcStore store = JdbcStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null)) {
            HealthsyncConfig defaults = ConfigLoader.load(null);
            Map<String, String> env = new java.util.HashMap<>(Map.of("ID", "client", "SECRET", SECRET));
            Map<String, SourcesConfig.HttpSourceConfig> http = new java.util.LinkedHashMap<>();
            for (String name : List.of("zendesk", "stripe", "amplitude")) {
                SourcesConfig.HttpSourceConfig shipped = defaults.sources().http(name).orElseThrow();
                Map<String, SecretRef> refs = new java.util.LinkedHashMap<>();
                for (String key : shipped.auth().keySet()) {
                    String value = others.credentials(name).getOrDefault(key.equals("api_key") && name.equals("stripe")
                            ? "secret_key" : key, "x");
                    // stripe gets a wrong key: its 401 is reported, with the key nowhere in it
                    value = name.equals("stripe") ? "sk_test_wrong" + UUID.randomUUID().toString().replace("-", "") : value;
                    env.put("S_" + name + "_" + key, value);
                    refs.put(key, new SecretRef("S_" + name + "_" + key, null));
                    if (!key.equals("email")) {
                        secrets.add(value);
                    }
                }
                http.put(name, new SourcesConfig.HttpSourceConfig(name, true, shipped.cron(), others.baseUrl(name), refs,
                        shipped.pageSize(), 30, new SourcesConfig.Resilience(2, 0.01, 5, 50, 10, 60, 1000, 1, 5),
                        name.equals("amplitude") ? others.features() : Map.of(), Map.of()));
            }
            SourcesConfig.Salesforce sf = defaults.sources().salesforce();
            HealthsyncConfig config = defaults.withSources(new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(),
                    salesforce.loginUrl(), "60.0", new SourcesConfig.Auth("client_credentials", new SecretRef("ID", null),
                    new SecretRef("SECRET", null), null, null, null), sf.objects(), 2000, 0, 730), http));
            try (HealthsyncApp app = HealthsyncApp.start(config, store, env, Clock.systemUTC(),
                    new HealthsyncApp.RetryPolicy(1, 10))) {
                RunReport report = app.sync(true, false);
                reportJson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report);
                assertThat(report.sources.get("stripe").state()).isEqualTo("failed");
                assertThat(report.sources.get("amplitude").retries()).isPositive(); // five 7-day windows: the 3rd is a 429
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        String everything = captured.toString(StandardCharsets.UTF_8) + reportJson;
        assertThat(everything).contains("HTTP 401").contains("429");
        assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(everything).doesNotContain(secret));
        assertThat(everything).doesNotContain("Authorization: Basic").doesNotContain("Bearer sk_");
    }
}
