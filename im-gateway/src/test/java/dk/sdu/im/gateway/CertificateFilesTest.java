package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.testkit.tls.Issued;
import dk.sdu.im.testkit.tls.TestCa;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway checks before it listens with TLS: the chain parses, the certificate has not expired, the key is
 * the certificate's and in a form the JDK reads (with the openssl command that converts the others), and the key file
 * passes IM/Server's check, which sees the file a link points at.
 */
class CertificateFilesTest {
    private static final InetSocketAddress NO_BACKEND = new InetSocketAddress(GatewayFixture.LOOPBACK, 9);

    @TempDir
    Path dir;
    private TestCa ca;

    @BeforeEach
    void createCa() throws Exception {
        TlsGateway.assumeOpenssl();
        ca = TestCa.create(dir);
    }

    @Test
    void servesAnEcCertificateWithAnEcdsaSuite() throws Exception {
        Issued ec = ca.issue("ec", TestCa.KeyType.EC, 30, List.of("localhost"), List.of("127.0.0.1"));

        try (EmbeddedGateway gateway = start(ec.certificate(), ec.key());
                SSLSocket socket = (SSLSocket) TlsGateway.trusting(ca.certificate()).getSocketFactory()
                        .createSocket("127.0.0.1", gateway.address().getPort())) {
            socket.setSoTimeout(15_000);
            socket.startHandshake();

            assertThat(socket.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm()).isEqualTo("EC");
        }
    }

    @Test
    void refusesAnExpiredCertificateSayingToRenewIt() throws Exception {
        Issued expired = ca.issue("expired", TestCa.KeyType.RSA, -1, List.of("localhost"), List.of("127.0.0.1"));

        assertThat(refusal(expired.certificate(), expired.key())).contains("expired on").contains("Renew it");
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws Exception {
        Issued server = ca.issueForLocalhost("server");
        Issued other = ca.issueForLocalhost("other");

        assertThat(refusal(server.certificate(), other.key())).contains(other.key().toString())
                .contains("is not the private key of the certificate for CN=server");
    }

    @Test
    void refusesTraditionalKeysWithTheCommandThatConvertsThemAndThatCommandWorks() throws Exception {
        Issued rsa = ca.issueForLocalhost("rsa");
        Issued ec = ca.issue("ec", TestCa.KeyType.EC, 30, List.of("localhost"), List.of());
        ca.openssl("pkey", "-in", "rsa.key", "-traditional", "-out", "rsa-traditional.key");
        ca.openssl("pkey", "-in", "ec.key", "-traditional", "-out", "ec-traditional.key");
        Path rsaTraditional = dir.resolve("rsa-traditional.key");
        assertThat(Files.readString(rsaTraditional)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("ec-traditional.key"))).contains("-----BEGIN EC PRIVATE KEY-----");

        String advice = "openssl pkcs8 -topk8 -nocrypt -in " + rsaTraditional + " -out " + rsaTraditional + ".pkcs8";
        assertThat(refusal(rsa.certificate(), rsaTraditional)).contains("RSA PRIVATE KEY").contains(advice);
        assertThat(refusal(ec.certificate(), dir.resolve("ec-traditional.key"))).contains("EC PRIVATE KEY")
                .contains("openssl pkcs8 -topk8 -nocrypt");

        ca.openssl(advice.substring("openssl ".length()).split(" "));
        try (EmbeddedGateway gateway = start(rsa.certificate(), dir.resolve("rsa-traditional.key.pkcs8"))) {
            assertThat(gateway.address().getPort()).isPositive();
        }
    }

    @Test
    void refusesAnEncryptedKeyBecauseNobodyCanTypeItsPassphrase() throws Exception {
        Issued server = ca.issueForLocalhost("server");
        ca.openssl("pkcs8", "-topk8", "-in", "server.key", "-out", "encrypted.key", "-passout", "pass:secret");

        assertThat(refusal(server.certificate(), dir.resolve("encrypted.key"))).contains("encrypted private key")
                .contains("openssl pkcs8 -in");
    }

    @Test
    void refusesSwappedFiles() throws Exception {
        Issued server = ca.issueForLocalhost("server");

        assertThat(refusal(server.key(), server.certificate())).contains("holds no PEM certificate");
    }

    @Test
    void refusesMissingFiles() throws Exception {
        Issued server = ca.issueForLocalhost("server");

        assertThat(refusal(server.certificate(), dir.resolve("absent.key"))).contains("absent.key does not exist")
                .contains("absent.key");
    }

    @Test
    void theKeyCheckSeesTheFileALinkPointsAtAndItsRefusalStopsTheStart() throws Exception {
        Issued server = ca.issueForLocalhost("server");
        Path link = Files.createSymbolicLink(dir.resolve("privkey.pem"), server.key());
        List<Path> checked = new ArrayList<>();

        assertThatThrownBy(() -> EmbeddedGateway.start(TlsGateway.settings(NO_BACKEND),
                new TlsFiles(server.certificate(), link, file -> {
                    checked.add(file);
                    throw new CertificateRefused("refused " + file);
                }))).isInstanceOf(CertificateRefused.class).hasMessage("refused " + server.key().toRealPath());
        assertThat(checked).containsExactly(server.key().toRealPath());
    }

    private EmbeddedGateway start(Path certificate, Path key) throws Exception {
        return EmbeddedGateway.start(TlsGateway.settings(NO_BACKEND), new TlsFiles(certificate, key, file -> { }));
    }

    private String refusal(Path certificate, Path key) {
        try (EmbeddedGateway gateway = start(certificate, key)) {
            throw new AssertionError("the gateway started on " + gateway.address());
        } catch (CertificateRefused e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
