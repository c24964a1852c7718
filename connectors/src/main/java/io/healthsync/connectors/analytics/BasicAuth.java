package io.healthsync.connectors.analytics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The HTTP Basic Authorization header both analytics exports take; its value is never logged or shown. */
public final class BasicAuth {

    private BasicAuth() {
    }

    /**
     * "Basic base64(user:secret)" from two resolved credentials.
     *
     * @throws IllegalArgumentException naming the missing credentials (never a value)
     */
    public static String header(String source, Map<String, String> credentials, String userName, String secretName) {
        List<String> missing = new ArrayList<>();
        String user = credentials == null ? null : credentials.get(userName);
        String secret = credentials == null ? null : credentials.get(secretName);
        if (user == null || user.isBlank()) {
            missing.add(userName);
        }
        if (secret == null || secret.isBlank()) {
            missing.add(secretName);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing credentials " + String.join(", ", missing)
                    + " (sources.yaml: " + source + ".auth names where each comes from)");
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
