package dk.sdu.im.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * One certificate made by a {@link TestCa}: the certificate (PEM), its unencrypted private key (PKCS#8 PEM, as
 * {@code openssl req} writes it) and both in a PKCS#12 key store with {@link #KEY_STORE_PASSWORD}.
 */
public record Issued(Path certificate, Path key, Path keyStore) {
    /** The password of every test key store. */
    public static final String KEY_STORE_PASSWORD = "test-only";

    /** A server-side TLS context that presents this certificate (for the JDK's {@code HttpsServer}, say). */
    public SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, KEY_STORE_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, KEY_STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the test key store " + keyStore, e);
        }
    }
}
