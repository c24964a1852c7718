package io.healthsync.connectors.salesforce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RSA private key of a Salesforce JWT bearer connected app from PEM text, as {@code openssl genrsa}
 * or {@code openssl req -newkey rsa:2048 -nodes -keyout} write it: PKCS#8 ({@code BEGIN PRIVATE KEY}) or
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). The JDK reads only PKCS#8 and has no PEM reader, so this class
 * strips the armour and, for PKCS#1, adds the PKCS#8 envelope (an RSA algorithm identifier) around the key.
 * Encrypted keys are refused with the command that decrypts them, since there is no setting for a passphrase.
 * Messages describe the problem, never the key.
 */
final class PemPrivateKey {

    /** Why the text gives no usable key; the message is safe to show (no key material). */
    static final class UnusableKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableKeyException(String reason) {
            super(reason);
        }
    }

    private static final String DECRYPT_HINT = "decrypt it with: openssl pkcs8 -topk8 -nocrypt -in <key> -out <unencrypted key>";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** The header OpenSSL's traditional (pre-PKCS#8) encryption puts in a BEGIN RSA PRIVATE KEY block. */
    private static final Pattern TRADITIONAL_ENCRYPTION = Pattern.compile("Proc-Type:\\s*4,\\s*ENCRYPTED");

    /** PKCS#8 PrivateKeyInfo up to the private key: version 0 and the rsaEncryption algorithm (OID 1.2.840.113549.1.1.1). */
    private static final byte[] PKCS8_RSA_PREFIX = {
        0x02, 0x01, 0x00,
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemPrivateKey() {
    }

    /** Whether the content is PEM text rather than a binary keystore. */
    static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    static RSAPrivateKey parse(String pem) throws UnusableKeyException {
        Matcher block = BLOCK.matcher(pem);
        String firstLabel = null;
        while (block.find()) {
            String label = block.group(1);
            firstLabel = firstLabel == null ? label : firstLabel;
            String body = block.group(2);
            switch (label) {
                case "PRIVATE KEY":
                    return rsaKey(decode(body));
                case "RSA PRIVATE KEY":
                    if (TRADITIONAL_ENCRYPTION.matcher(body).find()) {
                        throw new UnusableKeyException("is an encrypted key; " + DECRYPT_HINT);
                    }
                    return rsaKey(pkcs8FromPkcs1(decode(body)));
                case "ENCRYPTED PRIVATE KEY":
                    throw new UnusableKeyException("is an encrypted key; " + DECRYPT_HINT);
                default:
                    // a certificate or parameters next to the key: keep looking
            }
        }
        throw new UnusableKeyException(firstLabel == null
                ? "holds no complete PEM block"
                : "holds no RSA private key (found " + firstLabel + "; Salesforce signs JWTs with RS256, which needs RSA)");
    }

    private static byte[] decode(String body) throws UnusableKeyException {
        try {
            return Base64.getMimeDecoder().decode(body.trim());
        } catch (IllegalArgumentException e) {
            throw unreadable();
        }
    }

    private static RSAPrivateKey rsaKey(byte[] pkcs8) throws UnusableKeyException {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw unreadable();
        }
    }

    private static UnusableKeyException unreadable() {
        return new UnusableKeyException("is not a readable, unencrypted RSA private key (PKCS#8 or PKCS#1 PEM)");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, the only form the JDK's KeyFactory reads. */
    private static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream octetString = new ByteArrayOutputStream();
        octetString.write(0x04);
        writeLength(octetString, pkcs1.length);
        octetString.writeBytes(pkcs1);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(0x30);
        writeLength(info, PKCS8_RSA_PREFIX.length + octetString.size());
        info.writeBytes(PKCS8_RSA_PREFIX);
        info.writeBytes(octetString.toByteArray());
        return info.toByteArray();
    }

    /** DER length: one byte below 128, else 0x80 plus the count of big-endian length bytes that follow. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
