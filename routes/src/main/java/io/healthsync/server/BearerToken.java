package io.healthsync.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The read API's token check. Both sides are hashed first, so the comparison takes the same time whatever the
 * presented token's length or content; no token configured lets nobody in.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";
    private final byte[] expectedDigest;

    BearerToken(String expected) {
        this.expectedDigest = expected == null || expected.isBlank() ? null : sha256(expected);
    }

    boolean accepts(String authorizationHeader) {
        if (expectedDigest == null || authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = sha256(authorizationHeader.substring(SCHEME.length()).trim());
        return MessageDigest.isEqual(expectedDigest, presented);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
