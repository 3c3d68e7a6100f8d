package dk.sdu.im.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.testkit.tls.Issued;
import dk.sdu.im.testkit.tls.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certbot renewal (the links in {@code live/} moved to new files) reaches new connections without a restart, while
 * open connections and WebSocket tunnels keep working on the certificate they started with; a renewal that cannot be
 * served is logged and changes nothing.
 */
class CertificateRenewalTest {
    @TempDir
    Path dir;
    private TlsGateway tls;
    private BigInteger first;

    @BeforeEach
    void start() throws Exception {
        tls = TlsGateway.start(dir);
        first = tls.servedSerial();
    }

    @AfterEach
    void stop() throws Exception {
        tls.close();
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWhileAnOpenTunnelAndConnectionKeepWorking() throws Exception {
        Tunnel tunnel = Tunnel.open(tls);
        assertThat(tunnel.echo("before")).isEqualTo("alice-ws:before");
        SSLSocket kept = tls.connect();
        RawClient keptClient = new RawClient(kept);
        assertThat(keptClient.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
        Issued renewed = tls.ca.issueForLocalhost("renewed");

        tls.renew(renewed);

        BigInteger renewedSerial = TlsGateway.serialOf(renewed);
        GatewayFixture.eventually("new connections get the renewed certificate", () -> served().equals(renewedSerial));
        assertThat(tunnel.echo("after")).as("the open tunnel").isEqualTo("alice-ws:after");
        assertThat(keptClient.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).as("the open connection")
                .isEqualTo(200);
        assertThat(((X509Certificate) kept.getSession().getPeerCertificates()[0]).getSerialNumber()).isEqualTo(first);
        assertThat(renewedSerial).isNotEqualTo(first);
    }

    @Test
    void aRenewalWhoseKeyIsNotTheCertificatesIsRefusedAndTheCurrentCertificateStays() throws Exception {
        Issued renewed = tls.ca.issueForLocalhost("renewed");
        Issued other = tls.ca.issueForLocalhost("other");

        tls.renew(renewed.certificate(), other.key(), "rw-------");

        tls.log.awaitMessage(Level.WARNING, "is not the private key of the certificate");
        assertThat(tls.servedSerial()).isEqualTo(first);

        tls.renew(renewed);
        BigInteger renewedSerial = TlsGateway.serialOf(renewed);
        GatewayFixture.eventually("the repaired renewal is served", () -> served().equals(renewedSerial));
    }

    @Test
    void aRenewalThatLeavesTheKeyReadableByOthersIsRefused() throws Exception {
        Issued renewed = tls.ca.issueForLocalhost("renewed");

        tls.renew(renewed.certificate(), renewed.key(), "rw-r--r--");

        tls.log.awaitMessage(Level.WARNING, "is readable by group or others");
        assertThat(tls.servedSerial()).isEqualTo(first);
    }

    @Test
    void warnsOnceTheCertificateServedHasFourteenDaysLeft() throws Exception {
        Issued shortLived = tls.ca.issue("short-lived", TestCa.KeyType.RSA, 7, List.of("localhost"), List.of("127.0.0.1"));

        tls.renew(shortLived);

        String warning = tls.log.awaitMessage(Level.WARNING, "expires in 6 days");
        assertThat(warning).contains("Renew it");
    }

    private BigInteger served() {
        try {
            return tls.servedSerial();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebSocket to alice's instance through the gateway, collecting whole text messages. */
    private record Tunnel(WebSocket socket, BlockingQueue<String> messages) {
        static Tunnel open(TlsGateway tls) {
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            WebSocket socket = tls.http.newWebSocketBuilder()
                    .header("ucloud-username", RouteKey.header(TlsGateway.ALICE))
                    .buildAsync(tls.webSocketUri("/ucloud/slurm/jobs/follow"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                messages.add(text.toString());
                                text.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).join();
            return new Tunnel(socket, messages);
        }

        String echo(String text) throws InterruptedException {
            socket.sendText(text, true).join();
            return messages.poll(10, TimeUnit.SECONDS);
        }
    }
}
