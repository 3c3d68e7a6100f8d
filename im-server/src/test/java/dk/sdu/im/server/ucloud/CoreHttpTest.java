package dk.sdu.im.server.ucloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dk.sdu.im.config.CoreConfig;
import dk.sdu.im.testkit.tls.Issued;
import dk.sdu.im.testkit.tls.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server's client for UCloud verifies UCloud's certificate: chain, expiry and host name, against the JDK's default
 * trust plus {@code core.caFile}. Each case is a JDK HTTPS server presenting one certificate made by openssl.
 */
class CoreHttpTest {
    @TempDir
    Path dir;
    private TestCa ca;
    private HttpsServer server;

    @BeforeEach
    void createCa() throws IOException {
        Assumptions.assumeTrue(TestCa.available(), "the certificates are made with " + TestCa.OPENSSL
                + ", which is not installed");
        ca = TestCa.create(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void acceptsUCloudWithACertificateOfTheConfiguredCa() throws Exception {
        URI core = serve(ca.issueForLocalhost("core"));

        assertThat(call(CoreHttp.client(config(core, Optional.of(ca.certificate()))), core)).isEqualTo("{}");
    }

    @Test
    void withoutTheCaFileTheSameCertificateIsRefused() throws Exception {
        URI core = serve(ca.issueForLocalhost("core"));

        assertThatThrownBy(() -> call(CoreHttp.client(config(core, Optional.empty())), core))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
    }

    @Test
    void refusesAnExpiredCertificate() throws Exception {
        URI core = serve(ca.issue("expired", TestCa.KeyType.RSA, -1, List.of("localhost"), List.of("127.0.0.1")));

        assertThatThrownBy(() -> call(CoreHttp.client(config(core, Optional.of(ca.certificate()))), core))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("validity check failed");
    }

    @Test
    void refusesACertificateForAnotherHost() throws Exception {
        URI core = serve(ca.issue("wrong-host", TestCa.KeyType.RSA, 365, List.of("cloud.example.org"), List.of()));

        assertThatThrownBy(() -> call(CoreHttp.client(config(core, Optional.of(ca.certificate()))), core))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("No subject alternative DNS name matching localhost");
    }

    @Test
    void refusesASelfSignedCertificateForTheRightHost() throws Exception {
        URI core = serve(ca.selfSigned("self-signed"));

        assertThatThrownBy(() -> call(CoreHttp.client(config(core, Optional.of(ca.certificate()))), core))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
    }

    @Test
    void theCaFileIsAddedToTheDefaultTrustNotInPlaceOfIt() throws Exception {
        KeyStore trust = CoreHttp.trustStore(ca.certificate());

        List<X509Certificate> trusted = Collections.list(trust.aliases()).stream()
                .map(alias -> certificate(trust, alias)).toList();
        X509Certificate[] defaults = defaultTrust().getAcceptedIssuers();
        assertThat(defaults).as("the JDK's default trust store").isNotEmpty();
        assertThat(trusted).contains(defaults).contains(read(ca.certificate())).hasSize(defaults.length + 1);
    }

    @Test
    void refusesACaFileWithoutCertificates() throws IOException {
        Path notPem = Files.writeString(dir.resolve("ca.txt"), "not a certificate\n");

        assertThatThrownBy(() -> CoreHttp.client(config(URI.create("https://localhost"), Optional.of(notPem))))
                .isInstanceOf(CoreHttp.Refused.class).hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void refusesToBuildAClientWhileTheJdkIsToldToSkipHostNames() throws CoreHttp.Refused {
        assertThatThrownBy(() -> CoreHttp.requireHostnameVerification("")).isInstanceOf(CoreHttp.Refused.class)
                .hasMessageContaining(CoreHttp.NO_HOSTNAME_VERIFICATION);
        assertThatThrownBy(() -> CoreHttp.requireHostnameVerification("true")).isInstanceOf(CoreHttp.Refused.class);
        CoreHttp.requireHostnameVerification(null);
        CoreHttp.requireHostnameVerification("false");
    }

    private URI serve(Issued certificate) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    private static CoreConfig config(URI core, Optional<Path> caFile) {
        return new CoreConfig(core, core, Path.of("/nonexistent/ucloud_key.pub"), "cloud.sdu.dk", Duration.ofSeconds(60),
                CoreConfig.UserContext.AUTO, caFile);
    }

    private static String call(HttpClient client, URI core) throws Exception {
        try (client) {
            return client.send(HttpRequest.newBuilder(core.resolve("/auth/providers/refresh")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static X509TrustManager defaultTrust() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static X509Certificate certificate(KeyStore store, String alias) {
        try {
            return (X509Certificate) store.getCertificate(alias);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
