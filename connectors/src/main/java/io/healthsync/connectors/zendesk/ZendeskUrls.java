package io.healthsync.connectors.zendesk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The URLs of one Zendesk account. Paging links a reply offers are followed only when they point at the
 * configured account (same scheme, host and port): the Authorization header must never go anywhere else.
 */
final class ZendeskUrls {

    private final String base;
    private final URI origin;

    ZendeskUrls(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("zendesk: base_url is not set in sources.yaml; expected the "
                    + "account's URL, e.g. https://acme.zendesk.com");
        }
        String trimmed = baseUrl.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI parsed;
        try {
            parsed = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed.getScheme() == null || parsed.getHost() == null) {
            throw new IllegalArgumentException("zendesk: base_url '" + baseUrl + "' is not an absolute URL; "
                    + "expected e.g. https://acme.zendesk.com");
        }
        this.base = trimmed;
        this.origin = parsed;
    }

    String base() {
        return base;
    }

    /** {@code path} (starting with /) on the account, with an already encoded query. */
    String url(String path, String query) {
        return base + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** True when {@code url} is on the configured account, so it may carry the credentials. */
    boolean isOnAccount(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url.trim());
            return uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(origin.getScheme())
                    && uri.getHost() != null && uri.getHost().equalsIgnoreCase(origin.getHost())
                    && port(uri) == port(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 80 : 443;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** True when the URL's query has parameter {@code name} (as sent, e.g. "page%5Bsize%5D"). */
    static boolean hasParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }
}
