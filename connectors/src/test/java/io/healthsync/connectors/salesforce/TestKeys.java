package io.healthsync.connectors.salesforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** RSA keys made in the test and written as openssl writes them, so no key file is checked in. */
final class TestKeys {

    private TestKeys() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** What {@code openssl genpkey} and {@code openssl req -newkey rsa:2048 -nodes -keyout} write. */
    static String pkcs8Pem(KeyPair keys) {
        return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    /** What {@code openssl genrsa} (before OpenSSL 3) and {@code openssl rsa -traditional} write. */
    static String pkcs1Pem(KeyPair keys) {
        return pem("RSA PRIVATE KEY", pkcs1(keys.getPrivate().getEncoded()));
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the content of its last element, the OCTET STRING. */
    static byte[] pkcs1(byte[] pkcs8) {
        int at = headerLength(pkcs8, 0); // into the outer SEQUENCE
        at += elementLength(pkcs8, at); // past the version INTEGER
        at += elementLength(pkcs8, at); // past the AlgorithmIdentifier SEQUENCE
        int content = at + headerLength(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, content, at + elementLength(pkcs8, at));
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static int elementLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return 2 + first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return headerLength(der, at) + length;
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.US_ASCII));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
