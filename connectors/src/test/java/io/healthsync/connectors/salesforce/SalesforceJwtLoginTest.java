package io.healthsync.connectors.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWT bearer flow with a PEM key, end to end: camel-salesforce logs in to WireMock with an assertion signed by that key. */
class SalesforceJwtLoginTest {

    private static final WireMockServer SALESFORCE = new WireMockServer(options().dynamicPort());
    private static final KeyPair KEYS = TestKeys.rsa();

    @TempDir
    Path dir;

    @BeforeAll
    static void startSalesforce() {
        SALESFORCE.start();
    }

    @AfterAll
    static void stopSalesforce() {
        SALESFORCE.stop();
    }

    @BeforeEach
    void stubTokenEndpoint() {
        SALESFORCE.resetAll();
        String base = "http://localhost:" + SALESFORCE.port();
        SALESFORCE.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!AQtoken\","
                + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2ln\"}")));
        SALESFORCE.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void logs_in_with_an_assertion_signed_by_a_pkcs8_pem_key() throws Exception {
        Path key = TestKeys.write(dir, "server.key", TestKeys.pkcs8Pem(KEYS));

        Map<String, String> form = login(key);

        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] parts = form.get("assertion").split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verifies(parts)).as("signature verifies with the test's public key").isTrue();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asText()).isEqualTo("RS256");
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("3MVG9consumerkey");
        assertThat(claims.path("sub").asText()).isEqualTo("integration@acme.example");
        assertThat(claims.path("aud").asText()).isEqualTo(loginUrl());
        assertThat(claims.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void logs_in_with_a_pkcs1_pem_key_too() throws Exception {
        Path key = TestKeys.write(dir, "genrsa.key", TestKeys.pkcs1Pem(KEYS));

        Map<String, String> form = login(key);

        assertThat(verifies(form.get("assertion").split("\\."))).isTrue();
    }

    @Test
    void a_certificate_before_the_key_in_the_same_file_is_skipped() throws Exception {
        Path key = TestKeys.write(dir, "bundle.pem", TestKeys.pem("CERTIFICATE", new byte[] {0x30, 0x00})
                + TestKeys.pkcs8Pem(KEYS));

        Map<String, String> form = login(key);

        assertThat(verifies(form.get("assertion").split("\\."))).isTrue();
    }

    private Map<String, String> login(Path keyFile) throws Exception {
        SourcesConfig.Auth auth = new SourcesConfig.Auth("jwt", new SecretRef("SF_CLIENT_ID", null), null,
                new SecretRef("SF_USERNAME", null), null, new SecretRef("SF_JWT_KEY_FILE", null));
        SourcesConfig.Salesforce settings = new SourcesConfig.Salesforce(true, "0 0/15 * * * ?", loginUrl(), "60.0",
                auth, List.of("Account"), 2000, 0, 730);
        Map<String, String> env = Map.of("SF_CLIENT_ID", "3MVG9consumerkey", "SF_USERNAME", "integration@acme.example",
                "SF_JWT_KEY_FILE", keyFile.toString());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("salesforce", SalesforceComponentFactory.create(settings, env));
            camel.start(); // camel-salesforce logs in as it starts
        }
        List<LoggedRequest> tokenRequests = SALESFORCE.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token")));
        assertThat(tokenRequests).hasSize(1);
        return form(tokenRequests.get(0).getBodyAsString());
    }

    private static String loginUrl() {
        return "http://localhost:" + SALESFORCE.port();
    }

    private static boolean verifies(String[] parts) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KEYS.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] nameValue = pair.split("=", 2);
            values.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
