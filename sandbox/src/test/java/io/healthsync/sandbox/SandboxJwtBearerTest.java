package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's JWT bearer grant: camel-salesforce logs in with a PEM key, and malformed assertions get Salesforce's refusals. */
class SandboxJwtBearerTest {

    private static final String JWT_GRANT = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";

    private static SalesforceSandbox sandbox;
    private static KeyPair keys;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void camelSalesforceLogsInWithAPemKeyFile(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        SourcesConfig.Auth auth = new SourcesConfig.Auth("jwt", new SecretRef("SF_CLIENT_ID", null), null,
                new SecretRef("SF_USERNAME", null), null, new SecretRef("SF_JWT_KEY_FILE", null));
        SourcesConfig.Salesforce settings = new SourcesConfig.Salesforce(true, "0 0/15 * * * ?", sandbox.loginUrl(),
                "62.0", auth, List.of("Account"), 2000, 0, 730);
        Map<String, String> env = Map.of("SF_CLIENT_ID", "3MVG9consumerkey", "SF_USERNAME", "integration@acme.example",
                "SF_JWT_KEY_FILE", key.toString());

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("salesforce", SalesforceComponentFactory.create(settings, env));
            camel.start(); // camel-salesforce logs in as it starts, and fails the start if refused
            String limits = camel.createProducerTemplate().requestBody("salesforce:limits?rawPayload=true", null, String.class);

            assertThat(limits).contains("DailyApiRequests");
        }
    }

    @Test
    void aWellFormedAssertionGetsAToken() {
        assertThat(token(assertion("RS256", claims("3MVG9x", "u@x.example", sandbox.loginUrl(), future()))).status())
                .isEqualTo(200);
        assertThat(token(assertion("RS256", claims("3MVG9x", "u@x.example", "https://test.salesforce.com", future())))
                .status()).isEqualTo(200);
    }

    @Test
    void anAssertionThatIsNotAnRs256JwtIsAnInvalidAssertion() {
        assertRefused(token("aaa.bbb.ccc"), "invalid_grant", "invalid assertion");
        assertRefused(token(assertion("HS256", claims("3MVG9x", "u@x.example", sandbox.loginUrl(), future()))),
                "invalid_grant", "invalid assertion");
        assertRefused(token(assertion("RS256", claims("3MVG9x", "", sandbox.loginUrl(), future()))),
                "invalid_grant", "invalid assertion");
    }

    @Test
    void aMissingIssuerIsAnInvalidClientId() {
        assertRefused(token(assertion("RS256", claims("", "u@x.example", sandbox.loginUrl(), future()))),
                "invalid_client_id", "client identifier invalid");
    }

    @Test
    void anotherAudienceIsRefused() {
        assertRefused(token(assertion("RS256", claims("3MVG9x", "u@x.example", "https://elsewhere.example", future()))),
                "invalid_grant", "audience is invalid");
    }

    @Test
    void anExpiredAssertionIsAnExpiredAuthorizationCode() {
        long past = Instant.now().getEpochSecond() - 10;
        assertRefused(token(assertion("RS256", claims("3MVG9x", "u@x.example", sandbox.loginUrl(), past))),
                "invalid_grant", "expired authorization code");
    }

    private static SandboxClient.Reply token(String assertion) {
        return new SandboxClient(sandbox).token(JWT_GRANT + assertion);
    }

    private static void assertRefused(SandboxClient.Reply reply, String error, String description) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertThat(reply.json().path("error_description").asText()).isEqualTo(description);
    }

    private static long future() {
        return Instant.now().getEpochSecond() + 180;
    }

    private static String claims(String iss, String sub, String aud, long exp) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":\"" + exp + "\"}";
    }

    private static String assertion(String alg, String claims) {
        Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
        String signed = base64Url.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
