package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.must;

import dk.sdu.im.testkit.tls.Issued;
import dk.sdu.im.testkit.tls.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority ({@link TestCa}) and a server certificate for 127.0.0.1 and localhost, made once per
 * test JVM in a root-only directory, and a client side that trusts that authority alone. Made default for the JVM
 * ({@link SSLContext#setDefault}) once the site serves TLS, so every client a test builds afterwards (the testkit's
 * clients, the JDK's HttpClient and WebSocket, raw TLS sockets) trusts the site as a browser trusts a real one.
 */
final class TestTls {
    private static final Path DIR = Path.of("/tmp/ucloud-im-systest-tls");

    private TestTls() {
    }

    /** The server's PEM: certificate, then private key, as HAProxy's {@code crt} takes it. */
    static Path serverPem() {
        return Made.PEM;
    }

    /** The server's certificate alone (PEM), for the embedded gateway's {@code gateway.tls.certificate}. */
    static Path certificate() {
        return Made.SERVER.certificate();
    }

    /** The server's private key alone (PKCS#8 PEM), for {@code gateway.tls.key}. */
    static Path key() {
        return Made.SERVER.key();
    }

    /** The test authority's certificate, which every client of the system tier trusts. */
    static Path authority() {
        return Made.CA.certificate();
    }

    /** The client side: trusts the test authority; made the JVM's default on first use. */
    static SSLContext client() {
        return Made.CLIENT;
    }

    /** Made on first use, once per JVM. */
    private static final class Made {
        static final TestCa CA = authority();
        static final Issued SERVER = issue();
        static final Path PEM = pem();
        static final SSLContext CLIENT = trusting(CA.certificate());

        private static TestCa authority() {
            try {
                Host.run("rm", "-rf", DIR.toString());
                must("install", "-d", "-m", "0700", DIR.toString());
                return TestCa.create(DIR);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Issued issue() {
            try {
                return CA.issueForLocalhost("server");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Path pem() {
            try {
                Path pem = DIR.resolve("server-and-key.pem");
                Files.writeString(pem, Files.readString(SERVER.certificate()) + Files.readString(SERVER.key()));
                must("chmod", "0600", pem.toString());
                return pem;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static SSLContext trusting(Path caCertificate) {
            try (InputStream in = Files.newInputStream(caCertificate)) {
                KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                trusted.setCertificateEntry("ucloud-im-systest-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
                var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trusted);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                SSLContext.setDefault(context);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException("cannot trust the test CA", e);
            }
        }
    }
}
