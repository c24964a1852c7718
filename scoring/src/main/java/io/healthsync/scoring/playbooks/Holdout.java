package io.healthsync.scoring.playbooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic holdout: a hash of (account, playbook) gives each pair a fixed place in [0, 1); the pair
 * is held out when that place is below the share. The same account is always in the same group of a
 * playbook, across runs and machines, and the groups of different playbooks are independent.
 */
public final class Holdout {

    private Holdout() {
    }

    public static boolean heldOut(String accountId, String playbookId, double share) {
        return place(accountId, playbookId) < share;
    }

    static double place(String accountId, String playbookId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((accountId + '\u0000' + playbookId).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 bits: exact in a double
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
