package io.healthsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POST /services/oauth2/token and /services/oauth2/revoke, and the check of every data call's bearer token.
 * Any client id and secret are accepted except a secret of "wrong" (so tests can see a refused login), and any
 * well-formed JWT bearer assertion (see {@link #jwtCheck});
 * tokens live in memory only, so a restarted sandbox makes clients log in again, as an expired session would.
 */
final class OAuthEndpoint {

    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Set<String> REAL_AUDIENCES = Set.of("https://login.salesforce.com", "https://test.salesforce.com");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, int[]> callsBySession = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final byte[] signingKey = new byte[32];
    private final String orgId;
    private final String userId;
    private final int sessionTtlCalls;

    OAuthEndpoint(String orgId, String userId, int sessionTtlCalls) {
        this.orgId = orgId;
        this.userId = userId;
        this.sessionTtlCalls = sessionTtlCalls;
        random.nextBytes(signingKey);
    }

    SandboxResponse token(String formBody, String instanceUrl) {
        Map<String, String> form = UrlForms.parse(formBody);
        String grant = form.getOrDefault("grant_type", "");
        SandboxResponse refused = switch (grant) {
            case "client_credentials" -> clientCheck(form, true);
            case "password" -> either(clientCheck(form, false),
                    blank(form.get("username")) || blank(form.get("password")) || "wrong".equals(form.get("password"))
                            ? oauthError("invalid_grant", "authentication failure") : null);
            case "refresh_token" -> either(clientCheck(form, false), blank(form.get("refresh_token"))
                    ? oauthError("invalid_grant", "expired access/refresh token") : null);
            case JWT_BEARER -> jwtCheck(form.getOrDefault("assertion", ""), instanceUrl);
            default -> oauthError("unsupported_grant_type", "grant type not supported");
        };
        return refused != null ? refused : issue(instanceUrl);
    }

    /** Revokes the token given as the "token" parameter; Salesforce answers 200 either way. */
    SandboxResponse revoke(String queryString, String formBody) {
        String token = UrlForms.parse(queryString).get("token");
        if (token == null) {
            token = UrlForms.parse(formBody).get("token");
        }
        if (token != null) {
            callsBySession.remove(token);
        }
        return SandboxResponse.empty(200);
    }

    /** Whether the Authorization header carries a live token; counts the call against the session's TTL. */
    boolean authorize(String authorization) {
        if (authorization == null) {
            return false;
        }
        String token = authorization.replaceFirst("(?i)^(Bearer|OAuth)\\s+", "").trim();
        int[] calls = callsBySession.get(token);
        if (calls == null) {
            return false;
        }
        synchronized (calls) {
            calls[0]++;
            if (sessionTtlCalls > 0 && calls[0] > sessionTtlCalls) {
                callsBySession.remove(token);
                return false;
            }
        }
        return true;
    }

    private SandboxResponse issue(String instanceUrl) {
        StringBuilder token = new StringBuilder(orgId.substring(0, 15)).append("!AQ");
        for (int i = 0; i < 96; i++) {
            token.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        callsBySession.put(token.toString(), new int[1]);
        String id = instanceUrl + "/id/" + orgId + "/" + userId;
        String issuedAt = Long.toString(System.currentTimeMillis());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", token.toString());
        body.put("instance_url", instanceUrl);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        body.put("signature", sign(id + issuedAt));
        return SandboxResponse.json(200, body);
    }

    private static SandboxResponse clientCheck(Map<String, String> form, boolean secretRequired) {
        if (blank(form.get("client_id")) || (secretRequired && blank(form.get("client_secret")))) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        if ("wrong".equals(form.get("client_secret"))) {
            return oauthError("invalid_client", "invalid client credentials");
        }
        return null;
    }

    /**
     * The checks Salesforce makes of a JWT bearer assertion that need no connected app: an RS256 header, the
     * claims iss, sub, aud (this sandbox, login or test.salesforce.com) and an exp still ahead, each refusal with
     * Salesforce's own error body. The signature is not verified: the sandbox holds no connected app certificate.
     */
    private static SandboxResponse jwtCheck(String assertion, String instanceUrl) {
        String[] parts = assertion.split("\\.", -1);
        JsonNode header = parts.length == 3 ? base64UrlJson(parts[0]) : null;
        JsonNode claims = parts.length == 3 ? base64UrlJson(parts[1]) : null;
        if (header == null || claims == null || !"RS256".equals(header.path("alg").asText())
                || base64UrlBytes(parts[2]).length == 0) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        if (blank(claims.path("iss").asText(null))) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        if (blank(claims.path("sub").asText(null))) {
            return oauthError("invalid_grant", "invalid assertion");
        }
        String audience = claims.path("aud").asText("").replaceFirst("/+$", "");
        if (!audience.equals(instanceUrl.replaceFirst("/+$", "")) && !REAL_AUDIENCES.contains(audience)) {
            return oauthError("invalid_grant", "audience is invalid");
        }
        // exp is seconds since the epoch, as a number or (as camel-salesforce sends it) a numeric string
        if (claims.path("exp").asLong(0) <= System.currentTimeMillis() / 1000) {
            return oauthError("invalid_grant", "expired authorization code");
        }
        return null;
    }

    private static JsonNode base64UrlJson(String part) {
        byte[] json = base64UrlBytes(part);
        try {
            JsonNode node = json.length == 0 ? null : JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] base64UrlBytes(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static SandboxResponse either(SandboxResponse first, SandboxResponse second) {
        return first != null ? first : second;
    }

    private static SandboxResponse oauthError(String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("error_description", description);
        return SandboxResponse.json(400, body);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
