package io.healthsync.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SourceSandboxes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a running sandbox answers: the Salesforce org's login URL, each stand-in API's base URL and its fixed
 * demo credentials, and the accounts drifted when it started. {@code demo} reads them from the sandboxes it
 * runs in-process; {@code sandbox --endpoints-file} writes them once everything listens, for {@code bench},
 * which runs the sandbox as a process of its own.
 *
 * @param credentials per API, its credentials by sources.yaml auth name (see {@link SourceSandboxes#credentials})
 */
record SandboxEndpoints(String loginUrl, Map<String, String> baseUrls, Map<String, Map<String, String>> credentials,
                        List<String> driftedAccounts) {

    /** @param others the other APIs' stand-ins; null when the sandbox serves Salesforce alone */
    static SandboxEndpoints of(SalesforceSandbox salesforce, SourceSandboxes others, List<String> drifted) {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        for (String api : others == null ? List.<String>of() : SourceSandboxes.APIS) {
            urls.put(api, others.baseUrl(api));
            credentials.put(api, others.credentials(api));
        }
        return new SandboxEndpoints(salesforce.loginUrl(), urls, credentials, List.copyOf(drifted));
    }

    String baseUrl(String api) {
        String url = baseUrls.get(api);
        if (url == null) {
            throw new IllegalArgumentException("the sandbox serves no API named '" + api + "'; it serves "
                    + baseUrls.keySet());
        }
        return url;
    }

    Map<String, String> credentials(String api) {
        return credentials.getOrDefault(api, Map.of());
    }

    /** Written whole to a temporary file, then moved into place, so a reader never sees half of it. */
    void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
            ReportPrinter.JSON.writeValue(partial.toFile(), Map.of("login_url", loginUrl, "base_urls", baseUrls,
                    "credentials", credentials, "drifted_accounts", driftedAccounts));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's endpoints to " + file + ": " + e.getMessage(), e);
        }
    }

    static SandboxEndpoints read(Path file) {
        try {
            Map<String, Object> json = ReportPrinter.JSON.readValue(file.toFile(), new TypeReference<>() { });
            return new SandboxEndpoints((String) json.get("login_url"), cast(json.get("base_urls")),
                    cast(json.get("credentials")), cast(json.get("drifted_accounts")));
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException("cannot read the sandbox's endpoints from " + file + " (" + e.getMessage()
                    + "); was it written by 'healthsync sandbox --endpoints-file'?", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        if (value == null) {
            throw new NullPointerException("a key is missing");
        }
        return (T) value;
    }
}
