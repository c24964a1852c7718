package io.healthsync.model;

import java.util.Locale;

/** Domains compared the same way wherever they come from: a CRM Website, an email address, a Zendesk domain name. */
public final class Domains {

    private Domains() {
    }

    /** "https://www.Acme.com/about" and "jane@acme.com" both give "acme.com"; null or blank gives null. */
    public static String normalize(String domainUrlOrEmail) {
        if (domainUrlOrEmail == null || domainUrlOrEmail.isBlank()) {
            return null;
        }
        String s = domainUrlOrEmail.trim().toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int end = indexOfAny(s, "/?#:");
        if (end >= 0) {
            s = s.substring(0, end);
        }
        if (s.startsWith("www.")) {
            s = s.substring(4);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : s;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
