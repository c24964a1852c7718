package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;
import org.apache.camel.component.salesforce.api.dto.AbstractSObjectBase;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client healthsync uses, camel-salesforce 4.18, talks to the sandbox as it would to an org. */
class CamelSalesforceAgainstSandboxTest {

    private static SalesforceSandbox sandbox;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(150));
        camel = camelFor(sandbox);
        template = camel.createProducerTemplate();
    }

    private static CamelContext camelFor(SalesforceSandbox org) throws Exception {
        CamelContext context = new DefaultCamelContext();
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(org.loginUrl());
        salesforce.setClientId("healthsync-demo");
        salesforce.setClientSecret("demo-secret");
        salesforce.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        salesforce.setPackages(TaskRow.class.getPackageName());
        context.addComponent("salesforce", salesforce);
        context.start();
        return context;
    }

    @AfterAll
    static void stop() throws Exception {
        camel.stop();
        sandbox.close();
    }

    @Test
    void loginAndARawQueryWork() throws Exception {
        String json = template.requestBody("salesforce:query?rawPayload=true&apiVersion=62.0"
                + "&sObjectQuery=SELECT Id, Name FROM Account WHERE Customer_Segment__c = 'SMB'", null, String.class);

        JsonNode body = SandboxClient.JSON.readTree(json);
        long smb = sandbox.records("Account").stream().filter(a -> "SMB".equals(a.get("Customer_Segment__c"))).count();
        assertThat(body.path("totalSize").asLong()).isEqualTo(smb);
        assertThat(sandbox.apiCallsByKind()).containsKey("oauth_token");
    }

    @Test
    void queryMoreWithTheNextRecordsUrlReadsThePagesAsTheConnectorDoes() throws Exception {
        String first = template.requestBodyAndHeader("salesforce:query?rawPayload=true&apiVersion=62.0"
                + "&sObjectQuery=SELECT Id FROM Event ORDER BY SystemModstamp, Id", null,
                "Sforce-Query-Options", "batchSize=200", String.class);
        JsonNode page = SandboxClient.JSON.readTree(first);
        Set<String> ids = new HashSet<>();
        page.path("records").forEach(r -> ids.add(r.path("Id").asText()));
        while (!page.path("done").asBoolean()) {
            String next = template.requestBodyAndHeader("salesforce:queryMore?rawPayload=true&apiVersion=62.0", null,
                    "sObjectQuery", page.path("nextRecordsUrl").asText(), String.class);
            page = SandboxClient.JSON.readTree(next);
            page.path("records").forEach(r -> ids.add(r.path("Id").asText()));
        }

        assertThat(ids).hasSize(sandbox.records("Event").size());
    }

    @Test
    void aStreamedQueryIntoDtosFollowsNextRecordsUrlToTheEnd() {
        Iterator<?> records = template.requestBodyAndHeader("salesforce:query?apiVersion=62.0&streamQueryResult=true"
                        + "&sObjectClass=" + TaskRows.class.getName() + "&sObjectQuery=SELECT Id FROM Task",
                null, "Sforce-Query-Options", "batchSize=200", Iterator.class);

        Set<String> ids = new HashSet<>();
        while (records.hasNext()) {
            ids.add(((TaskRow) records.next()).getId());
        }
        assertThat(ids).hasSize(sandbox.records("Task").size());
        assertThat(sandbox.apiCallsByKind().getOrDefault("queryMore", 0L)).isPositive();
    }

    @Test
    void theTypedDescribeAndLimitsDtosReadTheSandboxsPayloads() {
        SObjectDescription account = template.requestBody(
                "salesforce:getDescription?apiVersion=62.0&sObjectName=Account", null, SObjectDescription.class);
        Limits limits = template.requestBody("salesforce:limits?apiVersion=62.0", null, Limits.class);

        assertThat(account.getFields()).extracting(SObjectField::getName).contains("Id", "Health_Score__c");
        assertThat(limits.getDailyApiRequests().getMax()).isEqualTo(15_000);
        assertThat(limits.getDailyApiRequests().getRemaining()).isLessThan(15_000);
    }

    @Test
    void anExpiredSessionMakesCamelLogInAgainByItself() throws Exception {
        try (SalesforceSandbox shortSessions = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(20)
                .withSessionTtlCalls(2))) {
            CamelContext context = camelFor(shortSessions);
            try {
                ProducerTemplate producer = context.createProducerTemplate();
                for (int i = 0; i < 5; i++) {
                    String json = producer.requestBody("salesforce:query?rawPayload=true&apiVersion=62.0"
                            + "&sObjectQuery=SELECT Id FROM Account", null, String.class);
                    assertThat(SandboxClient.JSON.readTree(json).path("totalSize").asInt()).isEqualTo(20);
                }
            } finally {
                context.stop();
            }
            assertThat(shortSessions.apiCallsByKind()).containsEntry("query", 5L);
            assertThat(shortSessions.apiCallsByKind().get("invalid_session")).isPositive();
            assertThat(shortSessions.apiCallsByKind().get("oauth_token")).isGreaterThan(1L);
        }
    }

    /** A Task row as a hand-written camel-salesforce DTO: Id comes from the base class. */
    public static class TaskRow extends AbstractSObjectBase {
    }

    public static class TaskRows extends AbstractQueryRecordsBase<TaskRow> {
    }

    @Test
    void aRawCollectionsPatchUpdatesTheOrg() throws Exception {
        String id = (String) sandbox.records("Account").get(4).get("Id");
        String body = SandboxClient.update("Account", id, "\"Health_Score__c\":64,\"Health_Band__c\":\"Yellow\"");

        String json = template.requestBody("salesforce:raw?rawMethod=PATCH&rawPath=/services/data/v62.0/composite/sobjects",
                body, String.class);

        assertThat(SandboxClient.JSON.readTree(json).get(0).path("success").asBoolean()).isTrue();
        assertThat(sandbox.record("Account", id).get("Health_Band__c")).isEqualTo("Yellow");
    }
}
