package io.healthsync.connectors.zendesk;

import io.healthsync.mappings.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Zendesk API-token authentication: HTTP Basic with "{email}/token:{api_token}". Built from values the
 * caller resolved from sources.yaml's zendesk.auth; the header is only ever put on requests, never in a
 * message or {@link #toString()}.
 */
final class ZendeskCredentials {

    static final String EMAIL = "email";
    static final String API_TOKEN = "api_token";

    private final String authorization;

    private ZendeskCredentials(String authorization) {
        this.authorization = authorization;
    }

    /**
     * @param resolved credential name -> value (email, api_token)
     * @param where    sources.yaml's zendesk.auth, to tell a person where a missing value comes from
     * @throws IllegalArgumentException naming each missing credential and its place, never a value
     */
    static ZendeskCredentials of(Map<String, String> resolved, Map<String, SecretRef> where) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(EMAIL, API_TOKEN)) {
            String value = resolved == null ? null : resolved.get(name);
            if (value == null || value.isBlank()) {
                SecretRef ref = where == null ? null : where.get(name);
                missing.add(name + (ref == null ? " (not set in sources.yaml zendesk.auth)" : " (" + ref.describe() + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("zendesk: missing credentials: " + String.join(", ", missing)
                    + "; expected the agent's email and an API token (Admin Center > Apps and integrations > Zendesk API)");
        }
        String pair = resolved.get(EMAIL).trim() + "/token:" + resolved.get(API_TOKEN).trim();
        return new ZendeskCredentials("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    String authorizationHeader() {
        return authorization;
    }

    @Override
    public String toString() {
        return "ZendeskCredentials[api token]";
    }
}
