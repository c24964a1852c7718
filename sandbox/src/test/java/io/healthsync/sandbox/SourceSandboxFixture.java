package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/** Starts the source sandboxes over a small Salesforce org for the tests of each API, and a plain HTTP client. */
public final class SourceSandboxFixture implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public final SalesforceSandbox salesforce;
    public final SourceSandboxes sources;

    private SourceSandboxFixture(int accounts, SourceSandboxOptions options, Clock clock) {
        this.salesforce = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(accounts));
        this.sources = SourceSandboxes.start(salesforce, options, clock);
    }

    public static SourceSandboxFixture start(int accounts, SourceSandboxOptions options) {
        return new SourceSandboxFixture(accounts, options, Clock.systemUTC());
    }

    public static SourceSandboxFixture start(int accounts, SourceSandboxOptions options, Clock clock) {
        return new SourceSandboxFixture(accounts, options, clock);
    }

    public static HttpResponse<byte[]> get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sources.close();
        salesforce.close();
    }
}
