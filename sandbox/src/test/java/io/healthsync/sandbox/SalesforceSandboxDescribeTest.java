package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceSandboxDescribeTest {

    private static SalesforceSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5));
        client = new SandboxClient(sandbox).login();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void accountDescribeListsTheHealthFieldsWithTheirTypesAndWritability() {
        JsonNode describe = client.get("/services/data/v62.0/sobjects/account/describe").json();

        assertThat(describe.path("name").asText()).isEqualTo("Account");
        assertThat(describe.path("keyPrefix").asText()).isEqualTo("001");
        assertThat(describe.path("queryable").asBoolean()).isTrue();
        Map<String, JsonNode> fields = new HashMap<>();
        describe.path("fields").forEach(f -> fields.put(f.path("name").asText(), f));

        JsonNode id = fields.get("Id");
        assertThat(id.path("label").asText()).isEqualTo("Account ID");
        assertThat(id.path("type").asText()).isEqualTo("id");
        assertThat(id.path("updateable").asBoolean()).isFalse();
        assertThat(id.path("length").asInt()).isEqualTo(18);

        JsonNode score = fields.get("Health_Score__c");
        assertThat(score.path("type").asText()).isEqualTo("double");
        assertThat(score.path("precision").asInt()).isEqualTo(3);
        assertThat(score.path("scale").asInt()).isZero();
        assertThat(score.path("custom").asBoolean()).isTrue();
        assertThat(score.path("updateable").asBoolean()).isTrue();

        JsonNode band = fields.get("Health_Band__c");
        assertThat(band.path("type").asText()).isEqualTo("picklist");
        assertThat(band.path("restrictedPicklist").asBoolean()).isTrue();
        assertThat(band.path("picklistValues")).extracting(v -> v.path("value").asText())
                .containsExactly("Red", "Yellow", "Green");

        assertThat(fields.get("Health_Drivers__c").path("length").asInt()).isEqualTo(255);
        assertThat(fields.get("Health_Updated__c").path("type").asText()).isEqualTo("datetime");
        assertThat(fields.get("SystemModstamp").path("updateable").asBoolean()).isFalse();
        assertThat(fields.get("OwnerId").path("referenceTo").get(0).asText()).isEqualTo("User");
    }

    @Test
    void theGlobalDescribeListsEveryObject() {
        JsonNode global = client.get("/services/data/v62.0/sobjects").json();

        assertThat(global.path("sobjects")).extracting(s -> s.path("name").asText())
                .containsExactly("User", "Account", "Task", "Event", "Opportunity");
    }

    @Test
    void describingAnUnknownObjectIsNotFound() {
        SandboxClient.Reply reply = client.get("/services/data/v62.0/sobjects/Whizbang/describe");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aWrongMethodOnAKnownResourceIsMethodNotAllowed() {
        SandboxClient.Reply reply = client.send(client.authorized("/services/data/v62.0/limits")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    }
}
