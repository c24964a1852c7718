package io.healthsync.connectors.salesforce;

import io.healthsync.connectors.salesforce.SalesforceComponentFactory.UnusableKeyFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.camel.support.jsse.KeyStoreParameters;

/**
 * The file named by sources.yaml salesforce.auth.jwt_key_file, turned into the KeyStoreParameters camel-salesforce
 * signs its JWT bearer assertion with. The file is the connected app's RSA private key as PEM (the usual case) or
 * a PKCS12 keystore opened with salesforce.auth.password; it is read once, at start, so a wrong file fails then,
 * with a one-line message naming the setting and the path and never the key.
 */
final class JwtKeyFile {

    static final String SETTING = "sources.yaml salesforce.auth.jwt_key_file";

    private JwtKeyFile() {
    }

    /**
     * @param path the value of the setting
     * @param source where that value came from, for the message when it is not a path at all
     * @param keystorePassword for a PKCS12 file only; null when not set
     */
    static KeyStoreParameters keystoreParameters(String path, String source, String keystorePassword) {
        if (path.contains("-----BEGIN") || path.contains("\n")) {
            // the key itself rather than its path: say so without echoing it
            throw new UnusableKeyFileException(SETTING + ": " + source + " holds key text; set it to the path of the key file");
        }
        byte[] content = read(path);
        try {
            KeyStoreParameters parameters = new KeyStoreParameters();
            if (PemPrivateKey.isPem(content)) {
                parameters.setKeyStore(SingleKeyStore.of(pemKey(path, content)));
                parameters.setPassword(""); // camel-salesforce reads the key with the keystore password; ours needs none
            } else {
                String password = keystorePassword == null ? "" : keystorePassword;
                parameters.setKeyStore(pkcs12(path, content, password.toCharArray()));
                parameters.setPassword(password);
            }
            return parameters;
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static byte[] read(String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw unusable(path, "is not a valid path");
        }
        if (!Files.exists(file)) {
            throw unusable(path, "does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw unusable(path, "is not a file this user can read");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unusable(path, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey pemKey(String path, byte[] content) {
        try {
            return PemPrivateKey.parse(new String(content, StandardCharsets.US_ASCII));
        } catch (PemPrivateKey.UnusableKeyException e) {
            throw unusable(path, e.getMessage());
        }
    }

    /** camel-salesforce signs with the store's only key entry, read with the store's password. */
    private static KeyStore pkcs12(String path, byte[] content, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException | GeneralSecurityException e) {
            throw unusable(path, e.getCause() instanceof UnrecoverableKeyException
                    ? "is a PKCS12 keystore that does not open with salesforce.auth.password"
                    : "is neither a PEM private key nor a PKCS12 keystore");
        }
        try {
            List<String> keys = Collections.list(store.aliases()).stream().filter(alias -> isKeyEntry(store, alias)).toList();
            if (keys.size() != 1) {
                throw unusable(path, "holds " + keys.size() + " private keys; camel-salesforce needs exactly one");
            }
            store.getKey(keys.get(0), password);
        } catch (GeneralSecurityException e) {
            throw unusable(path, "is a PKCS12 keystore whose key does not open with salesforce.auth.password");
        } finally {
            Arrays.fill(password, '\0');
        }
        return store;
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static UnusableKeyFileException unusable(String path, String problem) {
        return new UnusableKeyFileException(SETTING + ": " + path + " " + problem);
    }
}
