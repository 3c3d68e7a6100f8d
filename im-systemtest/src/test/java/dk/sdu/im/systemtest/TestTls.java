package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.must;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority and a server certificate for 127.0.0.1 and localhost, made with openssl once per test
 * JVM in a root-only directory, and a client side that trusts that authority alone. Made default for the JVM
 * ({@link SSLContext#setDefault}) once HAProxy serves TLS, so every client a test builds afterwards (the testkit's
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

    /** The client side: trusts the test authority; made the JVM's default on first use. */
    static SSLContext client() {
        return Made.CLIENT;
    }

    /** Made on first use, once per JVM. */
    private static final class Made {
        static final Path PEM = make();
        static final SSLContext CLIENT = trusting(DIR.resolve("ca.crt"));

        private static Path make() {
            try {
                Host.run("rm", "-rf", DIR.toString());
                must("install", "-d", "-m", "0700", DIR.toString());
                String ca = DIR.resolve("ca").toString();
                String server = DIR.resolve("server").toString();
                must("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        "/CN=ucloud-im systest CA", "-keyout", ca + ".key", "-out", ca + ".crt");
                must("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", server + ".key",
                        "-out", server + ".csr");
                Path extensions = Files.writeString(DIR.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
                must("openssl", "x509", "-req", "-in", server + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                        "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(), "-out", server + ".crt");
                Path pem = DIR.resolve("server.pem");
                Files.writeString(pem, Files.readString(Path.of(server + ".crt")) + Files.readString(Path.of(server + ".key")));
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
