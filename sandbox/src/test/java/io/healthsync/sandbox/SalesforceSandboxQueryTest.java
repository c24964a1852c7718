package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceSandboxQueryTest {

    private static SalesforceSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(300));
        client = new SandboxClient(sandbox).login();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void pagingWithABatchSizeReturnsEveryRecordExactlyOnce() {
        int tasks = sandbox.records("Task").size();
        SandboxClient.Reply first = client.query("SELECT Id, Subject FROM Task", 500);

        JsonNode page = first.json();
        assertThat(page.path("totalSize").asInt()).isEqualTo(tasks);
        assertThat(page.path("done").asBoolean()).isFalse();
        assertThat(page.path("records")).hasSize(500);
        assertThat(page.path("nextRecordsUrl").asText()).matches("/services/data/v62\\.0/query/01g[A-Za-z0-9]{15}-500");

        List<String> ids = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            page.path("records").forEach(r -> ids.add(r.path("Id").asText()));
            if (page.path("done").asBoolean()) {
                assertThat(page.has("nextRecordsUrl")).isFalse();
                break;
            }
            page = client.get(page.path("nextRecordsUrl").asText()).json();
        }
        assertThat(ids).hasSize(tasks).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((tasks + 499) / 500);
    }

    @Test
    void batchSizeIsClampedTo200Through2000AndDefaultsTo2000() {
        assertThat(client.query("SELECT Id FROM Task", 10).json().path("records")).hasSize(200);
        assertThat(client.query("SELECT Id FROM Task", 5000).json().path("records")).hasSize(2000);
        assertThat(client.query("SELECT Id FROM Task").json().path("records")).hasSize(2000);
    }

    @Test
    void queryPagesServeTheSnapshotTakenAtTheFirstCall() {
        String soql = "SELECT Id, Health_Score__c FROM Account ORDER BY Id";
        JsonNode first = client.query(soql, 200).json();
        String lastId = sandbox.records("Account").get(299).get("Id").toString();
        client.patchCollection(SandboxClient.update("Account", lastId, "\"Health_Score__c\":11"));

        JsonNode second = client.get(first.path("nextRecordsUrl").asText()).json();
        JsonNode last = second.path("records").get(second.path("records").size() - 1);
        assertThat(last.path("Id").asText()).isEqualTo(lastId);
        assertThat(last.path("Health_Score__c").isNull()).isTrue();
        client.patchCollection(SandboxClient.update("Account", lastId, "\"Health_Score__c\":null"));
    }

    @Test
    void anUnknownLocatorIsAnInvalidQueryLocator() {
        SandboxClient.Reply reply = client.get("/services/data/v62.0/query/01gSB0000000001AAA-2000");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]");
    }

    @Test
    void theTieBreakerCursorQueryReturnsExactlyTheRecordsAfterTheCursorInOrder() {
        // the most crowded SystemModstamp second, and an Id in the middle of its ties
        Map<Instant, List<String>> idsByStamp = new HashMap<>();
        for (Map<String, Object> task : sandbox.records("Task")) {
            idsByStamp.computeIfAbsent((Instant) task.get("SystemModstamp"), k -> new ArrayList<>())
                    .add((String) task.get("Id"));
        }
        Map.Entry<Instant, List<String>> crowded = idsByStamp.entrySet().stream()
                .max(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow();
        Instant since = crowded.getKey();
        List<String> tied = crowded.getValue().stream().sorted().toList();
        assertThat(tied.size()).isGreaterThan(100);
        String lastId = tied.get(tied.size() / 2);

        List<String> expected = sandbox.records("Task").stream()
                .filter(t -> ((Instant) t.get("SystemModstamp")).isAfter(since)
                        || (t.get("SystemModstamp").equals(since) && ((String) t.get("Id")).compareTo(lastId) > 0))
                .sorted(Comparator.comparing((Map<String, Object> t) -> (Instant) t.get("SystemModstamp"))
                        .thenComparing(t -> (String) t.get("Id")))
                .map(t -> (String) t.get("Id")).toList();

        String at = since.toString().replace("Z", ".000Z");
        List<JsonNode> records = client.queryAll("SELECT Id, SystemModstamp FROM Task WHERE (SystemModstamp > " + at
                + " OR (SystemModstamp = " + at + " AND Id > '" + lastId + "')) ORDER BY SystemModstamp, Id", 200);

        assertThat(records).extracting(r -> r.path("Id").asText()).containsExactlyElementsOf(expected);
    }

    @Test
    void datetimeLiteralsWithoutMillisOrWithAnOffsetMeanTheSameInstant() {
        Instant stamp = (Instant) sandbox.records("Account").get(0).get("SystemModstamp");
        String plain = stamp.toString();
        String withOffset = plain.replace("Z", "+00:00");
        String millis = plain.replace("Z", ".000Z");

        int a = client.query("SELECT Id FROM Account WHERE SystemModstamp >= " + plain).json().path("totalSize").asInt();
        int b = client.query("SELECT Id FROM Account WHERE SystemModstamp >= " + withOffset).json().path("totalSize").asInt();
        int c = client.query("SELECT Id FROM Account WHERE SystemModstamp >= " + millis).json().path("totalSize").asInt();

        assertThat(a).isPositive().isEqualTo(b).isEqualTo(c);
    }

    @Test
    void recordsComeBackInSelectOrderWithDescribeSpellingAndSalesforceValueFormats() {
        JsonNode record = client.query("select renewal_date__c, ID, systemmodstamp, arr__c, Health_Score__c "
                + "from account where Customer_Segment__c = 'enterprise' limit 1").json().path("records").get(0);

        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("attributes", "Renewal_Date__c", "Id", "SystemModstamp", "ARR__c",
                "Health_Score__c");
        assertThat(record.path("attributes").path("type").asText()).isEqualTo("Account");
        assertThat(record.path("attributes").path("url").asText())
                .isEqualTo("/services/data/v62.0/sobjects/Account/" + record.path("Id").asText());
        assertThat(record.path("Renewal_Date__c").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(record.path("SystemModstamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000\\+0000");
        assertThat(record.path("ARR__c").isNumber()).isTrue();
        assertThat(record.path("Health_Score__c").isNull()).isTrue();
    }

    @Test
    void whereSupportsInNotAndNullComparisons() {
        List<Map<String, Object>> accounts = sandbox.records("Account");
        long smbOrMid = accounts.stream().filter(a -> !"Enterprise".equals(a.get("Customer_Segment__c"))).count();
        long notEnterprise = client.query("SELECT Id FROM Account WHERE Customer_Segment__c IN ('SMB', 'Mid-Market')")
                .json().path("totalSize").asLong();
        long negated = client.query("SELECT Id FROM Account WHERE NOT Customer_Segment__c = 'Enterprise'")
                .json().path("totalSize").asLong();
        long notIn = client.query("SELECT Id FROM Account WHERE Customer_Segment__c NOT IN ('Enterprise')")
                .json().path("totalSize").asLong();
        long unscored = client.query("SELECT Id FROM Account WHERE Health_Score__c = null AND IsDeleted = false")
                .json().path("totalSize").asLong();

        assertThat(notEnterprise).isEqualTo(smbOrMid);
        assertThat(negated).isEqualTo(smbOrMid);
        assertThat(notIn).isEqualTo(smbOrMid);
        assertThat(unscored).isEqualTo(accounts.size());
    }

    @Test
    void orderByDescWithLimitReturnsTheNewestFirst() {
        List<JsonNode> records = client.queryAll("SELECT Id, SystemModstamp FROM Opportunity ORDER BY SystemModstamp DESC, "
                + "Id DESC LIMIT 5", null);

        assertThat(records).hasSize(5);
        List<String> stamps = records.stream().map(r -> r.path("SystemModstamp").asText()).toList();
        assertThat(stamps).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void countQueriesReturnOnlyTheTotal() {
        JsonNode body = client.query("SELECT COUNT() FROM Account").json();

        assertThat(body.path("totalSize").asInt()).isEqualTo(300);
        assertThat(body.path("records")).isEmpty();
    }

    @Test
    void anUnknownFieldIsInvalidFieldWithTheCaretUnderIt() {
        SandboxClient.Reply reply = client.query("SELECT Id, Foo__c FROM Account");

        assertThat(reply.status()).isEqualTo(400);
        JsonNode error = reply.json().get(0);
        assertThat(error.path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(error.path("message").asText()).isEqualTo("\nSELECT Id, Foo__c FROM Account\n           ^\n"
                + "ERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'. If you are attempting to use "
                + "a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL "
                + "or the describe call for the appropriate names.");
    }

    @Test
    void anUnknownObjectIsInvalidType() {
        SandboxClient.Reply reply = client.query("SELECT Id FROM Whizbang__c");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("INVALID_TYPE");
        assertThat(reply.json().get(0).path("message").asText()).contains("sObject type 'Whizbang__c' is not supported");
    }

    @Test
    void brokenSyntaxIsMalformedQuery() {
        SandboxClient.Reply reply = client.query("SELECT Id FROM Account WHERE");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(reply.json().get(0).path("message").asText()).endsWith("unexpected token: '<EOF>'");
    }

    @Test
    void aQuotedValueForADatetimeFieldIsRefusedAsSalesforceDoes() {
        SandboxClient.Reply reply = client.query("SELECT Id FROM Account WHERE SystemModstamp > '2026-01-01'");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(reply.json().get(0).path("message").asText()).endsWith(
                "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be "
                        + "enclosed in quotes");
    }

    @Test
    void queryWithoutTheTrailingSlashWorksToo() {
        SandboxClient.Reply reply = client.get("/services/data/v62.0/query?q=" + SandboxClient.encode("SELECT Id FROM User"));

        assertThat(reply.status()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        reply.json().path("records").forEach(r -> ids.add(r.path("Id").asText()));
        assertThat(ids).hasSize(sandbox.records("User").size());
    }
}
