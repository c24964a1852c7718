package io.healthsync.sandbox;

/**
 * 18-character Salesforce record Ids. The 15-character body is key prefix + pod + a zero-padded base-36
 * serial, so Ids of one object sort (as strings) in creation order; the last three characters are the
 * real case-safe checksum, so clients that validate or shorten Ids treat ours like an org's.
 */
final class SalesforceIds {

    private static final String CHECKSUM_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String POD = "5e0000";
    private static final int SERIAL_WIDTH = 6;

    private SalesforceIds() {
    }

    static String of(String keyPrefix, long serial) {
        StringBuilder body = new StringBuilder(15).append(keyPrefix).append(POD);
        String digits = Long.toString(serial, 36).toUpperCase();
        if (digits.length() > SERIAL_WIDTH) {
            throw new IllegalArgumentException("serial too large for an Id: " + serial);
        }
        body.append("0".repeat(SERIAL_WIDTH - digits.length())).append(digits);
        return body + checksum(body);
    }

    /** The serial an Id of ours was made from, or -1 when it is not one of ours. */
    static long serialOf(String id) {
        if (id == null || id.length() != 18 || !id.startsWith(POD, 3)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(9, 15), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Well formed: 15 or 18 letters and digits, and an 18-character Id carries the right checksum. */
    static boolean isWellFormed(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!Character.isLetterOrDigit(id.charAt(i)) || id.charAt(i) > 127) {
                return false;
            }
        }
        return id.length() == 15 || checksum(id.substring(0, 15)).equals(id.substring(15));
    }

    /** Normalises a 15-character Id to its 18-character form (Salesforce accepts both). */
    static String to18(String id) {
        return id.length() == 15 ? id + checksum(id) : id;
    }

    private static String checksum(CharSequence body15) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = body15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            suffix.append(CHECKSUM_CHARS.charAt(flags));
        }
        return suffix.toString();
    }
}
