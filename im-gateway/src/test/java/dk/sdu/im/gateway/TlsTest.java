package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the gateway: a client that trusts only the test CA gets through and is told to stay on HTTPS; only the
 * protocols, cipher suites and application protocol of Mozilla's intermediate choices are negotiated; handshakes run
 * on the connection's own thread, bounded in time.
 */
class TlsTest {
    @TempDir
    Path dir;
    private TlsGateway tls;

    @BeforeEach
    void start() throws Exception {
        tls = TlsGateway.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        tls.close();
    }

    @Test
    void aClientThatTrustsOnlyTheTestCaConnectsAndIsToldToStayOnHttps() throws Exception {
        HttpResponse<String> response = tls.http.send(HttpRequest.newBuilder(tls.uri("/ucloud/slurm/products")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BackendReply.parse(response.body()).backend()).isEqualTo("system");
        assertThat(BackendReply.parse(response.body()).get("x-forwarded-proto")).isEqualTo("[https]");
        assertThat(response.headers().allValues("strict-transport-security")).containsExactly("max-age=63072000");
    }

    @Test
    void aClientWithTheJdksDefaultTrustRefusesTheTestCertificate() {
        HttpClient defaultTrust = tls.closeLater(HttpClient.newHttpClient());

        assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(tls.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theGatewaysOwnErrorResponsesCarryHstsToo() throws Exception {
        SSLSocket socket = tls.connect();
        OutputStream out = socket.getOutputStream();
        out.write("GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\nbad header\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        String head = head(socket.getInputStream());

        assertThat(head).startsWith("HTTP/1.1 400 ").contains("\r\nStrict-Transport-Security: max-age=63072000\r\n");
    }

    @Test
    void relayedUpgradesCarryHsts() throws Exception {
        SSLSocket socket = tls.connect();
        socket.getOutputStream().write(("GET /ucloud/slurm/jobs/follow HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "ucloud-username: " + RouteKey.header(TlsGateway.ALICE) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 101 ")
                .contains("\r\nStrict-Transport-Security: max-age=63072000\r\n");
    }

    @Test
    void aLargeDownloadCrossesTheTlsStreamsWhole() throws Exception {
        String body = "0123456789abcdef".repeat(3 * 65536 + 7); // over Exchange.BULK_BYTES: the bulk copy
        OneShotBackend download = tls.closeLater(new OneShotBackend("HTTP/1.1 200 OK\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body));
        tls.gateway.up("dora#7", download.port());

        HttpResponse<String> response = tls.http.send(HttpRequest.newBuilder(tls.uri("/ucloud/slurm/download"))
                .header("ucloud-username", RouteKey.header("dora#7")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("strict-transport-security")).contains("max-age=63072000");
    }

    @Test
    void negotiatesHttp11ByAlpnEvenWhenTheClientPrefersHttp2() throws Exception {
        assertThat(tls.connect("h2", "http/1.1").getApplicationProtocol()).isEqualTo("http/1.1");
    }

    @Test
    void refusesAClientThatSpeaksOnlyHttp2() {
        assertThatThrownBy(() -> tls.connect("h2")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void prefersTls13AndStillServesTls12WithAnAeadSuite() throws Exception {
        assertThat(tls.connect().getSession().getProtocol()).isEqualTo("TLSv1.3");

        SSLSocket tls12 = connectWith(new String[] {"TLSv1.2"}, null);

        assertThat(tls12.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(tls12.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void refusesTls12ClientsThatOfferOnlyCbcSuites() {
        assertThatThrownBy(() -> connectWith(new String[] {"TLSv1.2"},
                new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"}))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aTls12ConnectionCannotBeMadeToDoAFullHandshakeAgain() throws Exception {
        SSLSocket socket = connectWith(new String[] {"TLSv1.2"}, null);
        socket.getSession().invalidate(); // the next handshake cannot resume: it needs a new session
        socket.startHandshake(); // on a connection in use the JDK only starts it; the answer comes with the next read
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();

        assertThatThrownBy(() -> head(socket.getInputStream())).as("the gateway ends the connection with an alert")
                .isInstanceOf(SSLException.class);
    }

    @Test
    void aClientThatNeverHandshakesHoldsUpNeitherOthersNorItsConnectionForever() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", tls.gateway.address().getPort())) {
            silent.setSoTimeout(Math.toIntExact(TlsTransport.HANDSHAKE_TIMEOUT.multipliedBy(3).toMillis()));

            assertThat(tls.http.send(HttpRequest.newBuilder(tls.uri("/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(silent.getInputStream().read()).as("closed after the handshake timeout").isEqualTo(-1);
        }
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoHttpAnswer() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", tls.gateway.address().getPort())) {
            plain.setSoTimeout(15_000);
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            byte[] answer = readAll(plain.getInputStream());

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
        }
    }

    private SSLSocket connectWith(String[] protocols, String[] cipherSuites) throws Exception {
        SSLContext context = tls.trustingTheCa;
        SSLSocket socket = tls.closeLater((SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                tls.gateway.address().getPort()));
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(protocols);
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites);
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        return socket;
    }

    /** The response head, up to its empty line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // reset: nothing readable either
        }
    }
}
