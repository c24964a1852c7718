package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.healthsync.connectors.salesforce.SalesforceComponentFactory.UnusableKeyFileException;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What salesforce.auth.jwt_key_file accepts, and the one-line refusals, which never show the key. */
class SalesforceJwtKeyFileTest {

    private static final String SETTING = "sources.yaml salesforce.auth.jwt_key_file";
    private static final KeyPair KEYS = TestKeys.rsa();

    @TempDir
    Path dir;

    @Test
    void a_pem_key_becomes_a_keystore_with_that_one_key_as_camel_salesforce_reads_it() throws Exception {
        Path file = TestKeys.write(dir, "server.key", TestKeys.pkcs8Pem(KEYS));

        KeyStoreParameters parameters = create(file.toString(), null).getKeystore();

        KeyStore store = parameters.createKeyStore();
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases).singleElement().satisfies(alias -> assertThat(store.isKeyEntry(alias)).isTrue());
        PrivateKey key = (PrivateKey) store.getKey(aliases.get(0), parameters.getPassword().toCharArray());
        assertThat(key.getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void a_pkcs1_key_reads_as_the_same_key() throws Exception {
        Path file = TestKeys.write(dir, "genrsa.key", TestKeys.pkcs1Pem(KEYS));

        KeyStoreParameters parameters = create(file.toString(), null).getKeystore();

        assertThat(parameters.createKeyStore().getKey(SingleKeyStore.ALIAS, new char[0]).getEncoded())
                .isEqualTo(KEYS.getPrivate().getEncoded());
    }

    @Test
    void a_missing_file_names_the_setting_and_the_path() {
        String path = dir.resolve("nowhere.key").toString();

        assertThatThrownBy(() -> create(path, null)).isInstanceOf(UnusableKeyFileException.class)
                .hasMessage(SETTING + ": " + path + " does not exist");
    }

    @Test
    void an_encrypted_pkcs8_key_is_refused_with_the_command_that_decrypts_it() {
        String body = Base64.getEncoder().encodeToString(randomBytes(600));
        Path file = TestKeys.write(dir, "enc.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n");

        assertThatThrownBy(() -> create(file.toString(), null))
                .isInstanceOf(UnusableKeyFileException.class)
                .hasMessageStartingWith(SETTING + ": " + file + " is an encrypted key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .satisfies(e -> assertSafe(e.getMessage(), body));
    }

    @Test
    void an_openssl_traditional_encrypted_key_is_refused_the_same_way() {
        String body = Base64.getEncoder().encodeToString(randomBytes(600));
        Path file = TestKeys.write(dir, "enc-rsa.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" + body + "\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> create(file.toString(), null))
                .hasMessageContaining("is an encrypted key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt")
                .satisfies(e -> assertSafe(e.getMessage(), body));
    }

    @Test
    void a_damaged_pem_key_is_refused_without_echoing_it() {
        String pem = TestKeys.pkcs8Pem(KEYS);
        String damaged = pem.substring(0, 200) + pem.substring(400);
        Path file = TestKeys.write(dir, "damaged.key", damaged);

        assertThatThrownBy(() -> create(file.toString(), null))
                .isInstanceOf(UnusableKeyFileException.class)
                .hasMessage(SETTING + ": " + file + " is not a readable, unencrypted RSA private key (PKCS#8 or PKCS#1 PEM)")
                .satisfies(e -> assertSafe(e.getMessage(), damaged.substring(40, 180)));
    }

    @Test
    void a_non_rsa_key_is_refused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String pem = TestKeys.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded());
        Path file = TestKeys.write(dir, "ec.key", pem);

        assertThatThrownBy(() -> create(file.toString(), null))
                .hasMessageContaining("is not a readable, unencrypted RSA private key")
                .satisfies(e -> assertSafe(e.getMessage(), pem.substring(28, 90)));
    }

    @Test
    void a_certificate_alone_is_not_a_key() {
        Path file = TestKeys.write(dir, "server.crt", TestKeys.pem("CERTIFICATE", randomBytes(300)));

        assertThatThrownBy(() -> create(file.toString(), null))
                .hasMessage(SETTING + ": " + file + " holds no RSA private key (found CERTIFICATE;"
                        + " Salesforce signs JWTs with RS256, which needs RSA)");
    }

    @Test
    void garbage_is_neither_pem_nor_pkcs12() {
        Path file = TestKeys.write(dir, "garbage.bin", randomBytes(2000));

        assertThatThrownBy(() -> create(file.toString(), null))
                .isInstanceOf(UnusableKeyFileException.class)
                .hasMessage(SETTING + ": " + file + " is neither a PEM private key nor a PKCS12 keystore");
    }

    @Test
    void key_text_in_place_of_a_path_is_refused_without_echoing_it() {
        String pem = TestKeys.pkcs8Pem(KEYS);

        assertThatThrownBy(() -> create(pem, null))
                .hasMessage(SETTING + ": environment variable SF_JWT_KEY_FILE holds key text;"
                        + " set it to the path of the key file")
                .satisfies(e -> assertSafe(e.getMessage(), pem.substring(28, 90)));
    }

    @Test
    void a_pkcs12_keystore_still_works_opened_with_the_password_setting() throws Exception {
        Path p12 = keytoolPkcs12("changeit");

        KeyStoreParameters parameters = create(p12.toString(), "changeit").getKeystore();

        KeyStore store = parameters.createKeyStore();
        assertThat(store.getKey("jwt", parameters.getPassword().toCharArray())).isInstanceOf(PrivateKey.class);
    }

    @Test
    void a_pkcs12_keystore_with_another_password_is_refused() throws Exception {
        Path p12 = keytoolPkcs12("changeit");

        assertThatThrownBy(() -> create(p12.toString(), "not-it"))
                .hasMessage(SETTING + ": " + p12 + " is a PKCS12 keystore that does not open with salesforce.auth.password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-it"));
    }

    private static SalesforceComponent create(String keyFile, String password) {
        SourcesConfig.Auth auth = new SourcesConfig.Auth("jwt", new SecretRef("SF_CLIENT_ID", null), null,
                new SecretRef("SF_USERNAME", null), new SecretRef("SF_PASSWORD", null),
                new SecretRef("SF_JWT_KEY_FILE", null));
        SourcesConfig.Salesforce settings = new SourcesConfig.Salesforce(true, "0 0/15 * * * ?",
                "https://login.salesforce.com", "60.0", auth, List.of("Account"), 2000, 0, 730);
        Map<String, String> env = new HashMap<>(Map.of("SF_CLIENT_ID", "3MVG9consumerkey",
                "SF_USERNAME", "integration@acme.example", "SF_JWT_KEY_FILE", keyFile));
        if (password != null) {
            env.put("SF_PASSWORD", password);
        }
        return SalesforceComponentFactory.create(settings, env);
    }

    /** One line, and no piece of the key text. */
    private static void assertSafe(String message, String keyText) {
        assertThat(message).doesNotContain("\n");
        assertThat(message).doesNotContain(keyText.replace("\n", "").substring(0, 24));
        assertThat(message).doesNotContainPattern("[A-Za-z0-9+/]{40,}");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    /** A PKCS12 keystore as keytool makes it; the JDK has no public API to make the certificate it needs. */
    private Path keytoolPkcs12(String password) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeThat(Files.isExecutable(keytool)).as("keytool in the JDK").isTrue();
        Path p12 = dir.resolve("jwt.p12");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keyalg", "RSA", "-keysize", "2048",
                "-alias", "jwt", "-dname", "CN=healthsync-test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return p12;
    }
}
