package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client for the sandbox tests: logs in like camel-salesforce and calls the REST API. */
final class SandboxClient {

    static final String VERSION = "v62.0";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String token;

    SandboxClient(SalesforceSandbox sandbox) {
        this.baseUrl = sandbox.loginUrl();
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().get(0).path("errorCode").asText();
        }
    }

    Reply token(String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    SandboxClient login() {
        Reply reply = token("grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret");
        this.token = reply.json().path("access_token").asText();
        return this;
    }

    String accessToken() {
        return token;
    }

    Reply get(String path) {
        return get(path, null);
    }

    Reply get(String path, String queryOptions) {
        HttpRequest.Builder request = authorized(path).GET();
        if (queryOptions != null) {
            request.header("Sforce-Query-Options", queryOptions);
        }
        return send(request);
    }

    Reply query(String soql) {
        return query(soql, null);
    }

    Reply query(String soql, Integer batchSize) {
        return get("/services/data/" + VERSION + "/query/?q=" + encode(soql),
                batchSize == null ? null : "batchSize=" + batchSize);
    }

    /** GET .../queryAll/?q=SOQL: deleted records (IsDeleted = true) included. */
    Reply queryIncludingDeleted(String soql) {
        return get("/services/data/" + VERSION + "/queryAll/?q=" + encode(soql));
    }

    /** Every record of a query, following nextRecordsUrl to the end. */
    List<JsonNode> queryAll(String soql, Integer batchSize) {
        List<JsonNode> records = new ArrayList<>();
        Reply page = query(soql, batchSize);
        while (true) {
            if (page.status() != 200) {
                throw new AssertionError("query failed: " + page.status() + " " + page.body());
            }
            page.json().path("records").forEach(records::add);
            if (page.json().path("done").asBoolean()) {
                return records;
            }
            page = get(page.json().path("nextRecordsUrl").asText());
        }
    }

    Reply patchCollection(String body) {
        return send(authorized("/services/data/" + VERSION + "/composite/sobjects")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply postCollection(String body) {
        return send(authorized("/services/data/" + VERSION + "/composite/sobjects")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** PATCH .../composite/sobjects/{sobject}/{keyField}: upsert by External ID. */
    Reply upsertCollection(String sobject, String keyField, String body) {
        return send(authorized("/services/data/" + VERSION + "/composite/sobjects/" + sobject + "/" + keyField)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST .../jobs/ingest. */
    Reply createIngestJob(String json) {
        return send(authorized("/services/data/" + VERSION + "/jobs/ingest")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** PUT .../jobs/ingest/{id}/batches with text/csv. */
    Reply uploadIngestData(String jobId, String csv) {
        return send(authorized("/services/data/" + VERSION + "/jobs/ingest/" + jobId + "/batches")
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** PATCH .../jobs/ingest/{id} {"state": state}. */
    Reply setIngestJobState(String jobId, String state) {
        return send(authorized("/services/data/" + VERSION + "/jobs/ingest/" + jobId)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\"}")));
    }

    Reply ingestJob(String jobId) {
        return get("/services/data/" + VERSION + "/jobs/ingest/" + jobId);
    }

    /** GET .../jobs/ingest/{id}/{successfulResults|failedResults|unprocessedrecords}/. */
    Reply ingestResults(String jobId, String which) {
        return get("/services/data/" + VERSION + "/jobs/ingest/" + jobId + "/" + which + "/");
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    static String encode(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A collections body of these records (JSON objects without attributes) of one type. */
    static String records(String sobject, boolean allOrNone, String... fieldsJson) {
        StringBuilder body = new StringBuilder("{\"allOrNone\":" + allOrNone + ",\"records\":[");
        for (int i = 0; i < fieldsJson.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"attributes\":{\"type\":\"").append(sobject).append("\"},")
                    .append(fieldsJson[i]).append('}');
        }
        return body.append("]}").toString();
    }

    /** One-record collections update body. */
    static String update(String sobject, String id, String fieldsJson) {
        return "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"" + sobject + "\"},\"id\":\"" + id
                + "\"" + (fieldsJson.isEmpty() ? "" : "," + fieldsJson) + "}]}";
    }
}
