package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceSandboxAuthTest {

    private static SalesforceSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(50));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void clientCredentialsLoginReturnsATokenAndAnIdEndingInOrgAndUserIds() {
        SandboxClient.Reply reply = new SandboxClient(sandbox)
                .token("grant_type=client_credentials&client_id=abc&client_secret=s3cret");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("instance_url").asText()).isEqualTo(sandbox.loginUrl());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("access_token").asText()).matches("00D[A-Za-z0-9]{12}!AQ[A-Za-z0-9._]{96}");
        assertThat(body.path("issued_at").asText()).matches("\\d{13}");
        assertThat(body.path("signature").asText()).isNotBlank();
        // camel-salesforce cuts the 18-character org id out of this URL
        assertThat(body.path("id").asText())
                .matches(sandbox.loginUrl().replace(".", "\\.") + "/id/00D[A-Za-z0-9]{15}/005[A-Za-z0-9]{15}");
    }

    @Test
    void thePasswordGrantIsAcceptedToo() { // and JWT bearer: SandboxJwtBearerTest
        SandboxClient client = new SandboxClient(sandbox);
        assertThat(client.token("grant_type=password&client_id=a&client_secret=b&username=u%40x.example&password=p")
                .status()).isEqualTo(200);
    }

    @Test
    void missingClientIdOrSecretIsRefusedAsInvalidClientId() {
        SandboxClient client = new SandboxClient(sandbox);
        SandboxClient.Reply noId = client.token("grant_type=client_credentials&client_secret=x");
        SandboxClient.Reply noSecret = client.token("grant_type=client_credentials&client_id=x");

        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.json().path("error").asText()).isEqualTo("invalid_client_id");
        assertThat(noId.json().path("error_description").asText()).isEqualTo("client identifier invalid");
        assertThat(noSecret.json().path("error").asText()).isEqualTo("invalid_client_id");
    }

    @Test
    void theSecretWrongIsRefusedAsInvalidClientCredentials() {
        SandboxClient.Reply reply = new SandboxClient(sandbox)
                .token("grant_type=client_credentials&client_id=x&client_secret=wrong");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(reply.json().path("error_description").asText()).isEqualTo("invalid client credentials");
    }

    @Test
    void anUnknownGrantTypeIsRefused() {
        SandboxClient.Reply reply = new SandboxClient(sandbox).token("grant_type=magic&client_id=x");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void dataCallsWithoutATokenAreRefusedWithInvalidSessionId() {
        SandboxClient.Reply reply = new SandboxClient(sandbox).get("/services/data/v62.0/limits");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }

    @Test
    void dataCallsWithATokenThisSandboxNeverIssuedAreRefused() {
        SandboxClient client = new SandboxClient(sandbox);
        SandboxClient.Reply reply = client.send(HttpRequest.newBuilder(
                        URI.create(sandbox.loginUrl() + "/services/data/v62.0/limits"))
                .header("Authorization", "Bearer 00D000000000000!AQnotatoken"));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("INVALID_SESSION_ID");
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        SandboxClient client = new SandboxClient(sandbox).login();
        assertThat(client.get("/services/data/v62.0/limits").status()).isEqualTo(200);

        SandboxClient.Reply revoke = client.send(HttpRequest.newBuilder(URI.create(
                sandbox.loginUrl() + "/services/oauth2/revoke?token=" + SandboxClient.encode(client.accessToken()))));

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.body()).isEmpty();
        assertThat(client.get("/services/data/v62.0/limits").status()).isEqualTo(401);
    }

    @Test
    void theVersionListNeedsNoSessionAsOnARealOrg() {
        SandboxClient.Reply reply = new SandboxClient(sandbox).get("/services/data/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Sforce-Limit-Info")).isNull();
        JsonNode versions = reply.json();
        assertThat(versions.get(0).path("version").asText()).isEqualTo("31.0");
        assertThat(versions.get(0).path("label").asText()).isEqualTo("Summer '14");
        JsonNode newest = versions.get(versions.size() - 1);
        assertThat(newest.path("url").asText()).isEqualTo("/services/data/v66.0");
        assertThat(newest.path("label").asText()).isEqualTo("Spring '26");
    }

    @Test
    void aSessionWithATtlDiesAfterThatManyDataCalls() {
        try (SalesforceSandbox shortLived = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5)
                .withSessionTtlCalls(2))) {
            SandboxClient client = new SandboxClient(shortLived).login();

            assertThat(client.get("/services/data/v62.0/limits").status()).isEqualTo(200);
            assertThat(client.get("/services/data/v62.0/limits").status()).isEqualTo(200);
            assertThat(client.get("/services/data/v62.0/limits").status()).isEqualTo(401);
            assertThat(client.login().get("/services/data/v62.0/limits").status()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathsAnswerNotFoundInTheRestErrorShape() {
        SandboxClient.Reply reply = new SandboxClient(sandbox).login().get("/services/data/v62.0/sobjects/Account/x/y");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo(
                "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
    }
}
