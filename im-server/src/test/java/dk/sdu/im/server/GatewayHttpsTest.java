package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.tls.Issued;
import dk.sdu.im.testkit.tls.TestCa;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code gateway.tls}, IM/Server's gateway speaks HTTPS with the configured files, and IM/Server refuses to start
 * when the key file is not private to the service user, with the command that fixes it.
 */
class GatewayHttpsTest {
    @TempDir
    Path dir;
    private FakeCore core;
    private ServerFixture fixture;
    private TestCa ca;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(TestCa.available(), "the certificates are made with " + TestCa.OPENSSL
                + ", which is not installed");
        ca = TestCa.create(Files.createDirectories(dir.resolve("ca")));
        core = FakeCore.start();
        fixture = new ServerFixture(dir, core);
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    void theGatewayServesHttpsWithTheConfiguredCertificate() throws Exception {
        Issued issued = ca.issueForLocalhost("gateway");
        Files.setPosixFilePermissions(issued.key(), PosixFilePermissions.fromString("rw-------"));
        fixture.gatewayYaml = tls(issued);
        fixture.start("type: sqlite\n", "");
        URI howToConnect = URI.create("https://localhost:" + fixture.server.gatewayAddress().getPort()
                + "/ucloud/slurm/integration/howToConnect");

        try (HttpClient http = HttpClient.newBuilder().sslContext(trusting(ca.certificate())).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(howToConnect).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("strict-transport-security")).contains("max-age=63072000");
        }
    }

    @Test
    void refusesToStartWhenTheKeyFileIsReadableByItsGroup() throws Exception {
        Issued issued = ca.issueForLocalhost("gateway");
        Files.setPosixFilePermissions(issued.key(), PosixFilePermissions.fromString("rw-r-----"));
        fixture.gatewayYaml = tls(issued);

        assertThatThrownBy(() -> fixture.start("type: sqlite\n", "")).isInstanceOf(ImServer.StartupFailure.class)
                .hasMessage("gateway.tls: " + issued.key() + ": gateway.key is readable by group or others (mode 0640);"
                        + " run: chmod 600 " + issued.key());
    }

    private static String tls(Issued issued) {
        return "tls:\n  certificate: " + issued.certificate() + "\n  key: " + issued.key() + "\n";
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
