package io.healthsync.connectors.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;

/**
 * A read-only, in-memory KeyStore holding one private key and no certificate. camel-salesforce's JWT flow takes
 * its signing key from a KeyStore (the one key entry, read with the keystore password); a PEM key has no
 * certificate, and the JDK's own keystores refuse a private key without one, so this store answers those few
 * calls itself rather than inventing a certificate. It hands out a fresh key object on each read because
 * camel-salesforce destroys the key after signing.
 */
final class SingleKeyStore extends KeyStore {

    static final String ALIAS = "jwt";

    private SingleKeyStore(PrivateKey key) {
        super(new Spi(key.getAlgorithm(), key.getEncoded()), null, "healthsync-single-key");
    }

    static KeyStore of(PrivateKey key) {
        KeyStore store = new SingleKeyStore(key);
        try {
            store.load(null, null); // a KeyStore answers nothing until loaded; the key is already in place
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("in-memory key store failed to initialise", e);
        }
        return store;
    }

    private static final class Spi extends KeyStoreSpi {
        private final String algorithm;
        private final byte[] pkcs8;
        private final Date created = new Date();

        Spi(String algorithm, byte[] pkcs8) {
            this.algorithm = algorithm;
            this.pkcs8 = pkcs8;
        }

        @Override
        public Key engineGetKey(String alias, char[] password) throws NoSuchAlgorithmException, UnrecoverableKeyException {
            if (!ALIAS.equals(alias)) {
                return null;
            }
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (InvalidKeySpecException e) {
                throw new UnrecoverableKeyException("in-memory key no longer decodes");
            }
        }

        @Override
        public Certificate[] engineGetCertificateChain(String alias) {
            return null;
        }

        @Override
        public Certificate engineGetCertificate(String alias) {
            return null;
        }

        @Override
        public Date engineGetCreationDate(String alias) {
            return ALIAS.equals(alias) ? new Date(created.getTime()) : null;
        }

        @Override
        public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) throws KeyStoreException {
            throw readOnly();
        }

        @Override
        public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
            throw readOnly();
        }

        @Override
        public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
            throw readOnly();
        }

        @Override
        public void engineDeleteEntry(String alias) throws KeyStoreException {
            throw readOnly();
        }

        @Override
        public Enumeration<String> engineAliases() {
            return Collections.enumeration(List.of(ALIAS));
        }

        @Override
        public boolean engineContainsAlias(String alias) {
            return ALIAS.equals(alias);
        }

        @Override
        public int engineSize() {
            return 1;
        }

        @Override
        public boolean engineIsKeyEntry(String alias) {
            return ALIAS.equals(alias);
        }

        @Override
        public boolean engineIsCertificateEntry(String alias) {
            return false;
        }

        @Override
        public String engineGetCertificateAlias(Certificate cert) {
            return null;
        }

        @Override
        public void engineStore(OutputStream stream, char[] password) {
            throw new UnsupportedOperationException("an in-memory key store is never written out");
        }

        @Override
        public void engineLoad(InputStream stream, char[] password) {
            // nothing to read: the key was given to the constructor
        }

        private static KeyStoreException readOnly() {
            return new KeyStoreException("the in-memory JWT key store is read-only");
        }
    }
}
